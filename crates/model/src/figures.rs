//! Figures computed from the dataset: the share of countries in each
//! category (Figure 1 and the lead sentence of section 3) and the countries
//! of each category in rank order (Figure 2).

use crate::content::Locale;
use crate::dataset::{Category, Dataset};
use crate::doc::{Bar, Cell, Inline, Row, Table, TableStyle};
use crate::formats::Formats;
use crate::i18n::fill;

/// How many of the dataset's countries fall in one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub category: Category,
    pub count: usize,
    pub total: usize,
}

impl Share {
    pub fn of(dataset: &Dataset, category: Category) -> Share {
        Share {
            category,
            count: dataset.countries(category).len(),
            total: dataset.total(),
        }
    }

    /// The share as printed: whole percent, halves rounded up (11 of 42 is
    /// 26.19%, printed "26%").
    pub fn percent(self) -> usize {
        if self.total == 0 {
            0
        } else {
            (200 * self.count + self.total) / (2 * self.total)
        }
    }

    /// The exact share in percent, for the length of a bar.
    fn exact(self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            self.count as f32 * 100.0 / self.total as f32
        }
    }
}

/// Figure 1's bars, lowest category first, and their text alternative.
/// `own` is the category of the booklet's country, highlighted.
pub fn category_bars(
    dataset: &Dataset,
    locale: &Locale,
    formats: &Formats,
    own: Option<Category>,
) -> (Vec<Bar>, String) {
    let names = &locale.categories;
    let shares = Category::ALL.map(|category| Share::of(dataset, category));
    let bars = shares
        .iter()
        .map(|share| Bar {
            label: names.get(share.category).name.clone(),
            percent: share.exact(),
            value_label: format!(
                "{} ({})",
                formats.percent(share.percent()),
                formats.count(share.count)
            ),
            color: share.category.color(),
            highlight: own == Some(share.category),
        })
        .collect();
    let described: Vec<String> = shares
        .iter()
        .map(|share| {
            fill(
                &locale.bar_alt,
                &[
                    ("count", &formats.count(share.count)),
                    ("total", &formats.count(share.total)),
                    ("percent", &formats.percent(share.percent())),
                    ("category", &names.get(share.category).phrase),
                ],
            )
        })
        .collect();
    let bars_alt = formats.list(described.iter().map(String::as_str));
    (bars, fill(&locale.bar_chart_alt, &[("bars", &bars_alt)]))
}

/// Figure 2: one column per category with its countries in rank order, the
/// booklet's own country in bold; and its text alternative. Countries are
/// named as `name` gives them, from their names in the dataset.
pub fn ranking_table<'n>(
    dataset: &'n Dataset,
    locale: &Locale,
    formats: &Formats,
    own: &str,
    name: impl Fn(&'n str) -> &'n str,
) -> (Table, String) {
    let names = &locale.categories;
    let header = Row {
        cells: Category::ALL
            .iter()
            .map(|&category| Cell {
                text: vec![vec![Inline::Text(names.get(category).name.clone())]],
                fill: Some(category.color()),
                strong: true,
                rating: None,
                origin: None,
            })
            .collect(),
    };
    let column = |category: Category| Cell {
        text: dataset
            .countries(category)
            .iter()
            .map(|listed| {
                let text = Inline::Text(name(listed).to_owned());
                vec![if listed == own {
                    Inline::Strong(vec![text])
                } else {
                    text
                }]
            })
            .collect(),
        fill: None,
        strong: false,
        rating: None,
        origin: None,
    };
    let table = Table {
        caption: None,
        caption_origin: None,
        columns: vec![1.0; Category::ALL.len()],
        header: vec![header],
        rows: vec![Row {
            cells: Category::ALL.map(column).into(),
        }],
        style: TableStyle::Columns,
    };
    let described: Vec<String> = Category::ALL
        .iter()
        .map(|&category| {
            let countries = dataset.countries(category).iter().map(|c| name(c));
            fill(
                &locale.column_alt,
                &[
                    ("category", &names.get(category).phrase),
                    ("countries", &formats.list(countries)),
                ],
            )
        })
        .collect();
    let alt = fill(
        &locale.ranking_table_alt,
        &[("columns", &described.join(" "))],
    );
    (table, alt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::ColorName;

    #[test]
    fn rounds_halves_up() {
        let share = |count, total| {
            Share {
                category: Category::SomeProgress,
                count,
                total,
            }
            .percent()
        };
        assert_eq!(share(11, 42), 26);
        assert_eq!(share(5, 42), 12);
        assert_eq!(share(1, 8), 13); // 12.5
        assert_eq!(share(0, 0), 0);
    }

    #[test]
    fn the_category_colour_is_the_bar_colour() {
        assert_eq!(
            Category::LimitedMeasures.color(),
            ColorName::LimitedMeasures
        );
    }
}
