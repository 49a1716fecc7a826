//! `dataset.toml`: the category and rank of every monitored country.
//!
//! The booklet's figures and the numbers in its prose ("among the 26% of
//! countries", "42 states") are computed from this one table, so that the
//! text can never disagree with Figure 2.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_spanned::Spanned;

use crate::content::{CategoryName, CategoryNames};
use crate::diag::{Diagnostic, list};
use crate::formats::YearMonth;
use crate::load::files::{Loaded, SourceFile};
use crate::theme::ColorName;

/// How far a state has come, from the lowest to the highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    SlowProgress,
    LimitedMeasures,
    SomeProgress,
    NotableEfforts,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::SlowProgress,
        Category::LimitedMeasures,
        Category::SomeProgress,
        Category::NotableEfforts,
    ];

    /// The word written in `dataset.toml`.
    pub fn key(self) -> &'static str {
        self.color().key()
    }

    pub fn parse(key: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|category| category.key() == key)
    }

    pub fn color(self) -> ColorName {
        match self {
            Category::SlowProgress => ColorName::SlowProgress,
            Category::LimitedMeasures => ColorName::LimitedMeasures,
            Category::SomeProgress => ColorName::SomeProgress,
            Category::NotableEfforts => ColorName::NotableEfforts,
        }
    }
}

impl CategoryNames {
    pub fn get(&self, category: Category) -> &CategoryName {
        match category {
            Category::SlowProgress => &self.slow_progress,
            Category::LimitedMeasures => &self.limited_measures,
            Category::SomeProgress => &self.some_progress,
            Category::NotableEfforts => &self.notable_efforts,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DatasetFile {
    /// The month of the grading, e.g. "2010-01" (`{as_of}`, printed as each
    /// language writes a month: "January 2010", "janvier 2010").
    as_of: Spanned<String>,
    countries: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Entry {
    name: Spanned<String>,
    category: Spanned<String>,
    /// Position in the category's column of Figure 2, starting at 1.
    rank: Spanned<i64>,
}

/// The checked dataset: every category's countries in rank order.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub as_of: YearMonth,
    columns: BTreeMap<Category, Vec<String>>,
    /// Every country's name as written, in file order: they are printed in
    /// Figure 2, so translations name them.
    pub names: Vec<Spanned<String>>,
    pub file: SourceFile,
}

impl Dataset {
    /// Parses and checks `file`: known categories, unique names, and ranks
    /// 1, 2, 3… without duplicates or gaps within each category. Problems go
    /// to `diagnostics`; the dataset is returned whenever the file parsed,
    /// so that the rest of the content can still be checked against it.
    pub fn load(file: SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<Dataset> {
        let Loaded { file, content } = file
            .parse::<DatasetFile>()
            .map_err(|error| diagnostics.push(error))
            .ok()?;
        let mut seen: BTreeMap<&str, &Spanned<String>> = BTreeMap::new();
        let mut ranked: BTreeMap<Category, BTreeMap<i64, &Entry>> = BTreeMap::new();
        for entry in &content.countries {
            if let Some(first) = seen.insert(entry.name.get_ref(), &entry.name) {
                let (line, _) = crate::load::spans::line_column(&file.text, first.span().start);
                diagnostics.push(
                    file.error(
                        &entry.name,
                        format!("duplicate country \"{}\"", entry.name.get_ref()),
                    )
                    .with_hint(format!("it is already listed on line {line}")),
                );
            }
            let Some(category) = Category::parse(entry.category.get_ref()) else {
                diagnostics.push(
                    file.error(
                        &entry.category,
                        format!("unknown category \"{}\"", entry.category.get_ref()),
                    )
                    .with_hint(format!(
                        "expected one of {}",
                        list(Category::ALL.map(Category::key))
                    )),
                );
                continue;
            };
            let ranks = ranked.entry(category).or_default();
            if let Some(other) = ranks.insert(*entry.rank.get_ref(), entry) {
                diagnostics.push(
                    file.error(
                        &entry.rank,
                        format!(
                            "duplicate rank {} in category {}",
                            entry.rank.get_ref(),
                            category.key()
                        ),
                    )
                    .with_hint(format!("\"{}\" has the same rank", other.name.get_ref())),
                );
            }
        }
        let mut columns = BTreeMap::new();
        for category in Category::ALL {
            let ranks = ranked.remove(&category).unwrap_or_default();
            for (expected, (rank, entry)) in (1..).zip(&ranks) {
                if *rank != expected {
                    diagnostics.push(
                        file.error(&entry.rank, format!("rank {rank} in category {} should be {expected}", category.key()))
                            .with_hint("number each category's countries 1, 2, 3… in the order Figure 2 lists them"),
                    );
                    break;
                }
            }
            columns.insert(
                category,
                ranks
                    .values()
                    .map(|entry| entry.name.get_ref().clone())
                    .collect(),
            );
        }
        if content.countries.is_empty() {
            diagnostics.push(Diagnostic::file_error(
                &*file.path,
                "the dataset lists no country",
            ));
        }
        let as_of = YearMonth::parse(content.as_of.get_ref()).unwrap_or_else(|| {
            diagnostics.push(
                file.error(
                    &content.as_of,
                    format!("expected a year and month, found \"{}\"", content.as_of.get_ref()),
                )
                .with_hint("write it as \"2010-01\": each language's booklet prints the month in its own words"),
            );
            YearMonth { year: 1, month: 1 }
        });
        Some(Dataset {
            as_of,
            columns,
            names: content
                .countries
                .into_iter()
                .map(|entry| entry.name)
                .collect(),
            file,
        })
    }

    /// The category's countries in rank order.
    pub fn countries(&self, category: Category) -> &[String] {
        self.columns.get(&category).map_or(&[], Vec::as_slice)
    }

    pub fn total(&self) -> usize {
        self.columns.values().map(Vec::len).sum()
    }

    pub fn category_of(&self, name: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|&category| self.countries(category).iter().any(|listed| listed == name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Option<Dataset>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let dataset = Dataset::load(
            SourceFile {
                path: std::path::Path::new("dataset.toml").into(),
                text: text.into(),
            },
            &mut diagnostics,
        );
        (dataset, diagnostics)
    }

    #[test]
    fn lists_each_category_in_rank_order() {
        let dataset = load(
            "as-of = \"2010-01\"\ncountries = [\n\
             { name = \"B\", category = \"some-progress\", rank = 2 },\n\
             { name = \"A\", category = \"some-progress\", rank = 1 },\n\
             { name = \"C\", category = \"slow-progress\", rank = 1 },\n]",
        );
        assert!(dataset.1.is_empty());
        let dataset = dataset.0.unwrap();
        assert_eq!(dataset.countries(Category::SomeProgress), ["A", "B"]);
        assert_eq!(dataset.total(), 3);
        assert_eq!(dataset.category_of("C"), Some(Category::SlowProgress));
    }

    #[test]
    fn the_grading_month_is_a_year_and_month() {
        let (dataset, errors) = load("as-of = \"2010-01\"\ncountries = []");
        assert_eq!(
            dataset.unwrap().as_of,
            YearMonth {
                year: 2010,
                month: 1
            }
        );
        assert_eq!(errors[0].message, "the dataset lists no country");
        let (_, errors) = load("as-of = \"January 2010\"\ncountries = []");
        assert_eq!(
            errors[1].message,
            "expected a year and month, found \"January 2010\""
        );
        assert_eq!((errors[1].line, errors[1].column), (1, 9));
    }

    #[test]
    fn reports_unknown_categories_duplicates_and_gaps_together() {
        let (_, errors) = load(
            "as-of = \"2010-01\"\ncountries = [\n\
             { name = \"A\", category = \"some-progres\", rank = 1 },\n\
             { name = \"B\", category = \"slow-progress\", rank = 1 },\n\
             { name = \"B\", category = \"slow-progress\", rank = 1 },\n\
             { name = \"C\", category = \"notable-efforts\", rank = 2 },\n]",
        );
        let messages: Vec<_> = errors
            .iter()
            .map(|error| (error.line, error.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (3, "unknown category \"some-progres\""),
                (5, "duplicate country \"B\""),
                (5, "duplicate rank 1 in category slow-progress"),
                (6, "rank 2 in category notable-efforts should be 1"),
            ]
        );
        assert_eq!(
            errors[0].hint.as_deref(),
            Some("expected one of slow-progress, limited-measures, some-progress, notable-efforts")
        );
    }
}
