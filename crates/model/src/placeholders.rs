//! `{placeholders}` in campaign and country text.
//!
//! Campaign text is written once for every country, so the country's name
//! and the figures that depend on the dataset are written as placeholders
//! and filled in when a booklet is composed. A placeholder written in
//! capitals (`{THE_COUNTRY}`) gives its value in capitals, for headings set
//! in capitals; one written with a capital first letter (`{The_country}`)
//! gives its value with one, for a sentence that starts with it ("The Czech
//! Republic is among …", where `{country}` would give "Czech Republic is
//! among …"). Braces around anything but a name are left as they are.

use std::collections::BTreeMap;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Placeholder {
    /// Short name: "USA".
    Country,
    /// Name inside a sentence: "the USA".
    TheCountry,
    /// Share of countries in the country's category: "26%".
    CategoryPercent,
    /// Number of countries in the country's category: "11".
    CategoryCount,
    /// The country's category inside a sentence: "limited measures".
    CategoryPhrase,
    /// Countries in the dataset: "42".
    CountriesTotal,
    /// Indicators over all goals: "12".
    IndicatorsTotal,
    /// Date of the dataset's grading: "January 2010".
    AsOf,
}

impl Placeholder {
    pub const ALL: [Placeholder; 8] = [
        Placeholder::Country,
        Placeholder::TheCountry,
        Placeholder::CategoryPercent,
        Placeholder::CategoryCount,
        Placeholder::CategoryPhrase,
        Placeholder::CountriesTotal,
        Placeholder::IndicatorsTotal,
        Placeholder::AsOf,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Placeholder::Country => "country",
            Placeholder::TheCountry => "the_country",
            Placeholder::CategoryPercent => "category_percent",
            Placeholder::CategoryCount => "category_count",
            Placeholder::CategoryPhrase => "category_phrase",
            Placeholder::CountriesTotal => "countries_total",
            Placeholder::IndicatorsTotal => "indicators_total",
            Placeholder::AsOf => "as_of",
        }
    }

    /// What the placeholder stands for, for translators.
    pub fn description(self) -> &'static str {
        match self {
            Placeholder::Country => "the country's short name (e.g. USA)",
            Placeholder::TheCountry => "the country's name inside a sentence (e.g. the USA)",
            Placeholder::CategoryPercent => {
                "the share of countries in the country's category (e.g. 26%)"
            }
            Placeholder::CategoryCount => {
                "the number of countries in the country's category (e.g. 11)"
            }
            Placeholder::CategoryPhrase => {
                "the country's category inside a sentence (e.g. limited measures)"
            }
            Placeholder::CountriesTotal => "the number of countries assessed (e.g. 42)",
            Placeholder::IndicatorsTotal => "the number of indicators (e.g. 12)",
            Placeholder::AsOf => "the month of the grading (e.g. January 2010)",
        }
    }

    /// The placeholder named `name` (in either case).
    pub fn named(name: &str) -> Option<Placeholder> {
        Placeholder::parse(name).map(|(placeholder, _)| placeholder)
    }

    /// The placeholder named `name` and the case it asks for.
    fn parse(name: &str) -> Option<(Placeholder, Case)> {
        let lower = name.to_ascii_lowercase();
        let case = if name == lower {
            Case::AsIs
        } else if name == name.to_ascii_uppercase() {
            Case::Capitals
        } else if name[1..] == lower[1..] {
            Case::Sentence
        } else {
            return None;
        };
        Placeholder::ALL
            .into_iter()
            .find(|placeholder| placeholder.name() == lower)
            .map(|found| (found, case))
    }
}

/// How a placeholder's value is written, as its name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// `{the_country}`: "the Czech Republic".
    AsIs,
    /// `{THE_COUNTRY}`: "THE CZECH REPUBLIC", for headings in capitals.
    Capitals,
    /// `{The_country}`: "The Czech Republic", to start a sentence.
    Sentence,
}

impl Case {
    fn apply(self, value: &str, out: &mut String) {
        match self {
            Case::AsIs => out.push_str(value),
            Case::Capitals => out.push_str(&value.to_uppercase()),
            Case::Sentence => {
                let mut chars = value.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                }
                out.push_str(chars.as_str());
            }
        }
    }
}

/// The values of one booklet's placeholders. A placeholder without a value
/// (e.g. the category of a country missing from the dataset, an error
/// reported elsewhere) becomes empty text.
#[derive(Debug, Clone, Default)]
pub struct Values(BTreeMap<Placeholder, String>);

impl Values {
    pub fn set(&mut self, placeholder: Placeholder, value: impl Into<String>) {
        self.0.insert(placeholder, value.into());
    }

    /// `text` with every known placeholder replaced, and the byte ranges and
    /// names of the unknown ones (which stay in the text as written).
    pub fn substitute(&self, text: &str) -> (String, Vec<(Range<usize>, String)>) {
        let mut out = String::with_capacity(text.len());
        let mut unknown = Vec::new();
        let mut rest = 0;
        for (range, name) in candidates(text) {
            out.push_str(&text[rest..range.start]);
            match Placeholder::parse(name) {
                Some((placeholder, case)) => {
                    let value = self.0.get(&placeholder).map_or("", String::as_str);
                    case.apply(value, &mut out);
                }
                None => {
                    out.push_str(&text[range.clone()]);
                    unknown.push((range.clone(), name.to_owned()));
                }
            }
            rest = range.end;
        }
        out.push_str(&text[rest..]);
        (out, unknown)
    }
}

/// Every `{name}` in `text` where the name is letters and underscores.
pub(crate) fn candidates(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    text.match_indices('{').filter_map(move |(open, _)| {
        let after = &text[open + 1..];
        let length = after.find(|c: char| !(c.is_ascii_alphabetic() || c == '_'))?;
        (length > 0 && after[length..].starts_with('}'))
            .then(|| (open..open + length + 2, &after[..length]))
    })
}

/// The accepted names, for hints.
pub fn names() -> String {
    Placeholder::ALL
        .map(|placeholder| format!("{{{}}}", placeholder.name()))
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        let mut values = Values::default();
        values.set(Placeholder::Country, "USA");
        values.set(Placeholder::TheCountry, "the USA");
        values
    }

    #[test]
    fn replaces_known_names_and_capitalises_on_request() {
        let (text, unknown) = values().substitute("In {the_country}: {THE_COUNTRY} {country}.");
        assert_eq!(text, "In the USA: THE USA USA.");
        assert!(unknown.is_empty());
    }

    #[test]
    fn a_capital_first_letter_starts_a_sentence() {
        let mut values = values();
        values.set(Placeholder::TheCountry, "the Czech Republic");
        values.set(Placeholder::CategoryPhrase, "élan");
        let (text, unknown) = values.substitute("{The_country} is. {Country}. {Category_phrase}");
        assert_eq!(text, "The Czech Republic is. USA. Élan");
        assert!(unknown.is_empty());
    }

    #[test]
    fn reports_unknown_names_and_leaves_other_braces() {
        let (text, unknown) = values().substitute("{contry} {1} { country} {The_Country}");
        assert_eq!(text, "{contry} {1} { country} {The_Country}");
        assert_eq!(
            unknown,
            [
                (0..8, "contry".to_owned()),
                (24..37, "The_Country".to_owned())
            ]
        );
    }

    #[test]
    fn a_missing_value_is_empty() {
        assert_eq!(values().substitute("{category_percent}").0, "");
    }
}
