//! Numbers, percentages, months and lists as a language writes them.
//!
//! The booklet prints figures computed from the dataset ("26%", "42") and
//! the date of the grading. How they look depends on the language: "26 %"
//! with a no-break space in French, "%26" in Turkish, Arabic-Indic digits in
//! Egyptian Arabic, "janvier 2010", "2010年1月", the Buddhist year in Thai.
//! All of it comes from CLDR through ICU4X's compiled data, never from
//! tables of our own.

use fixed_decimal::Decimal;
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::YM;
use icu_datetime::input::Date;
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_list::ListFormatter;
use icu_list::options::ListFormatterOptions;
use icu_locale_core::Locale;

/// A month of a year, such as the dataset's grading date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMonth {
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
}

impl YearMonth {
    /// Reads `2010-01` (ISO 8601).
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (year, month) = text.split_once('-')?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(month, 2) {
            return None;
        }
        let month: u8 = month.parse().ok()?;
        (1..=12).contains(&month).then_some(YearMonth {
            year: year.parse().ok()?,
            month,
        })
    }
}

/// The formatters of one language. Made for each composition: building
/// them from compiled data is cheap, and they need not be shared between
/// threads.
pub struct Formats {
    decimal: DecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
    month: DateTimeFormatter<YM>,
    list: ListFormatter,
}

impl Formats {
    /// The formats of `bcp47` (e.g. `fr`, `ar-EG`). A language CLDR does
    /// not know gets the formats of its nearest known parent, down to the
    /// root locale; a tag that does not parse gets the root locale's.
    pub fn new(bcp47: &str) -> Formats {
        let locale = Locale::try_from_str(bcp47).unwrap_or(Locale::UNKNOWN);
        let prefs = (&locale).into();
        // Locale fallback ends at the root locale, whose data is always
        // compiled in, so these only fail if the build is broken.
        const COMPILED: &str = "ICU4X compiled data includes the root locale";
        Formats {
            decimal: DecimalFormatter::try_new(prefs, Default::default()).expect(COMPILED),
            percent: PercentFormatter::try_new((&locale).into(), Default::default())
                .expect(COMPILED),
            month: DateTimeFormatter::try_new((&locale).into(), YM::long()).expect(COMPILED),
            list: ListFormatter::try_new_and((&locale).into(), ListFormatterOptions::default())
                .expect(COMPILED),
        }
    }

    /// A count, e.g. "42" or "٤٢".
    pub fn count(&self, count: usize) -> String {
        self.decimal.format(&decimal(count)).to_string()
    }

    /// A whole percentage, e.g. "26%", "26 %" or "%26".
    pub fn percent(&self, percent: usize) -> String {
        self.percent.format(&decimal(percent)).to_string()
    }

    /// A month and year, e.g. "January 2010" or "janvier 2010".
    pub fn month(&self, when: YearMonth) -> String {
        match Date::try_new_iso(when.year, when.month, 1) {
            Ok(date) => self.month.format(&date).to_string(),
            // YearMonth::parse only accepts real months.
            Err(_) => format!("{}-{:02}", when.year, when.month),
        }
    }

    /// "a, b and c" in the language's words.
    pub fn list<'a>(&self, items: impl Iterator<Item = &'a str> + Clone) -> String {
        self.list.format(items).to_string()
    }
}

fn decimal(value: usize) -> Decimal {
    Decimal::from(u64::try_from(value).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iso_year_and_month_only() {
        assert_eq!(
            YearMonth::parse("2010-01"),
            Some(YearMonth {
                year: 2010,
                month: 1
            })
        );
        for bad in [
            "January 2010",
            "2010-13",
            "2010-1",
            "10-01",
            "2010-01-01",
            "",
        ] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_figures_as_each_language_writes_them() {
        let january = YearMonth {
            year: 2010,
            month: 1,
        };
        let english = Formats::new("en");
        assert_eq!(english.percent(26), "26%");
        assert_eq!(english.count(3000), "3,000");
        assert_eq!(english.month(january), "January 2010");
        assert_eq!(english.list(["a", "b", "c"].into_iter()), "a, b, and c");
        let french = Formats::new("fr");
        assert_eq!(french.percent(26), "26\u{a0}%");
        assert_eq!(french.count(3000), "3\u{202f}000");
        assert_eq!(french.month(january), "janvier 2010");
        assert_eq!(Formats::new("ar-EG").count(42), "٤٢");
        assert_eq!(Formats::new("tr").percent(26), "%26");
        assert_eq!(Formats::new("ja").month(january), "2010年1月");
        // Unknown and malformed tags get the root locale's formats.
        assert_eq!(Formats::new("x-nonsense!").count(42), "42");
    }
}
