//! Document metadata and page labels.
//!
//! Nothing here may vary between runs: the same booklet must give the same
//! bytes. The one date, which PDF/A and PDF/X require, is the caller's
//! [`Timestamp`], and krilla derives the file's /ID from its content.

use std::num::NonZeroU32;

use folio_layout::frame::Metadata;
use krilla::metadata;
use krilla::page::{NumberingStyle, PageLabel};

/// A moment in UTC, in seconds since 1970-01-01T00:00:00Z (the Unix time
/// of `SOURCE_DATE_EPOCH`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Year, month (1–12), day, hour, minute, second in UTC.
    fn civil(self) -> (i64, u8, u8, u8, u8, u8) {
        let (days, seconds) = (self.0.div_euclid(86_400), self.0.rem_euclid(86_400));
        // Howard Hinnant's days-to-civil, for the proleptic Gregorian
        // calendar.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        let (hour, minute, second) = (seconds / 3_600, seconds / 60 % 60, seconds % 60);
        (year, month, day, hour as u8, minute as u8, second as u8)
    }

    /// The day in UTC as ISO 8601 writes it, e.g. `2024-02-29`.
    pub(crate) fn iso_date(self) -> String {
        let (year, month, day, ..) = self.civil();
        format!("{year:04}-{month:02}-{day:02}")
    }

    /// As krilla's date, in UTC; years outside 0–9999 are clamped, as PDF
    /// dates have four digits.
    fn date_time(self) -> metadata::DateTime {
        let (year, month, day, hour, minute, second) = self.civil();
        metadata::DateTime::new(year.clamp(0, 9999) as u16)
            .month(month)
            .day(day)
            .hour(hour)
            .minute(minute)
            .second(second)
            .utc_offset_hour(0)
            .utc_offset_minute(0)
    }
}

/// The document information and XMP metadata, dated `created`; empty fields
/// are left out.
pub(crate) fn metadata(meta: &Metadata, created: Timestamp) -> metadata::Metadata {
    let keywords = meta
        .keywords
        .iter()
        .filter(|k| !k.is_empty())
        .cloned()
        .collect();
    let mut metadata = metadata::Metadata::new()
        .creation_date(created.date_time())
        .title(meta.title.clone())
        .description(meta.subject.clone())
        .keywords(keywords);
    if !meta.author.is_empty() {
        metadata = metadata.authors(vec![meta.author.clone()]);
    }
    if !meta.lang.is_empty() {
        metadata = metadata.language(meta.lang.clone());
    }
    metadata
}

/// The label a viewer shows for a page whose printed number is `label`, so
/// "go to page 12" finds the page printed 12. A decimal number becomes an
/// arabic-numeral label with that value; any other label is shown as it is;
/// an empty one (the cover) is left empty.
pub(crate) fn page_label(label: &str) -> PageLabel {
    let number = label
        .parse::<u32>()
        .ok()
        // Only the number's own spelling: "007" or "+7" would show as "7".
        .filter(|n| n.to_string() == label)
        .and_then(NonZeroU32::new);
    match number {
        Some(number) => PageLabel::new(Some(NumberingStyle::Arabic), None, Some(number)),
        None if label.is_empty() => PageLabel::default(),
        None => PageLabel::new(None, Some(label.to_string()), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arabic(n: u32) -> PageLabel {
        PageLabel::new(Some(NumberingStyle::Arabic), None, NonZeroU32::new(n))
    }

    fn literal(label: &str) -> PageLabel {
        PageLabel::new(None, Some(label.to_string()), None)
    }

    #[test]
    fn timestamps_become_utc_calendar_dates() {
        assert_eq!(Timestamp(0).civil(), (1970, 1, 1, 0, 0, 0));
        // 2024-02-29T12:34:56Z, a leap day.
        assert_eq!(Timestamp(1_709_210_096).civil(), (2024, 2, 29, 12, 34, 56));
        // 2000-03-01, after a centennial leap day.
        assert_eq!(Timestamp(951_868_800).civil(), (2000, 3, 1, 0, 0, 0));
        // Before 1970.
        assert_eq!(Timestamp(-1).civil(), (1969, 12, 31, 23, 59, 59));
        assert_eq!(Timestamp(1_709_210_096).iso_date(), "2024-02-29");
    }

    #[test]
    fn decimal_labels_count_in_arabic_numerals() {
        assert_eq!(page_label("1"), arabic(1));
        assert_eq!(page_label("16"), arabic(16));
    }

    #[test]
    fn other_labels_show_as_they_are() {
        assert_eq!(page_label(""), PageLabel::default());
        assert_eq!(page_label("iv"), literal("iv"));
        assert_eq!(page_label("007"), literal("007"));
        assert_eq!(page_label("0"), literal("0"));
        assert_eq!(page_label("A-3"), literal("A-3"));
    }
}
