//! A goal of section 4: the campaign's introduction, the country's
//! assessment of each indicator, the campaign's explanation, the country's
//! paragraphs, the call to action and the sources it cites.

use super::Composer;
use super::inlines::Role;
use super::sections::{CAPTION, HEADING, labelled};
use crate::content::{Goal, GridTable, Origin, Rating};
use crate::doc::{
    Block, BoxKind, Boxed, Cell, Heading, Inline, List, ListItem, ListMarker, Paragraph,
    ParagraphStyle, RatingMark, Row, Table, TableStyle,
};
use crate::theme::ColorName;

impl<'p> Composer<'p> {
    /// The goal at `position` of the campaign's list (0 is goal A).
    pub(super) fn goal(&mut self, position: usize, goal: &'p Goal, blocks: &mut Vec<Block>) {
        let letter = letter(position);
        let country = self
            .country
            .content
            .goals
            .get_ref()
            .get(goal.id.get_ref().as_str());
        self.goal_sources = Some(Vec::new());
        let text = self.inlines(Origin::Campaign, &goal.title, HEADING);
        let anchor = self.anchor(&format!("goal-{}", letter.to_lowercase()));
        blocks.push(Block::Heading(Heading {
            level: 2,
            number: Some(format!("{letter}.")),
            text,
            anchor,
            in_toc: true,
            new_page: false,
            origin: Some(self.origin_of(Origin::Campaign, &goal.title)),
        }));
        blocks.extend(self.paragraphs(Origin::Campaign, &goal.intro, ParagraphStyle::Body));
        if let Some(quote) = &goal.quote {
            blocks.push(self.paragraph(Origin::Campaign, &quote.text, ParagraphStyle::Quote));
            let mut attribution = vec![Inline::Text("— ".into())];
            attribution.extend(self.inlines(Origin::Campaign, &quote.attribution, Role::Prose));
            blocks.push(Block::Paragraph(Paragraph {
                style: ParagraphStyle::Attribution,
                text: attribution,
                origin: Some(self.origin_of(Origin::Campaign, &quote.attribution)),
            }));
        }
        if let Some(table) = country.and_then(|country| country.table.as_ref()) {
            blocks.push(self.grid_table(table));
        }
        blocks.push(self.indicator_table(goal));
        blocks.push(self.paragraph(Origin::Campaign, &goal.explanation, ParagraphStyle::Body));
        if let Some(country) = country {
            blocks.extend(self.paragraphs(
                Origin::Country,
                &country.paragraphs,
                ParagraphStyle::Body,
            ));
            let title = self.inlines(Origin::Campaign, &goal.call_to_action_title, HEADING);
            let list = self.list(&country.call_to_action);
            blocks.push(Block::Boxed(Boxed {
                kind: BoxKind::CallToAction,
                title,
                origin: Some(self.origin_of(Origin::Campaign, &goal.call_to_action_title)),
                blocks: vec![list],
            }));
        }
        blocks.extend(self.source_list());
        self.goal_sources = None;
    }

    /// One header row of indicator titles, one row of the country's
    /// assessments, each with its rating band.
    fn indicator_table(&mut self, goal: &'p Goal) -> Block {
        let assessments = self.country.content.assessments.get_ref();
        let labels = &self.shared.locale.ratings;
        let indicators = goal.indicators.get_ref();
        let mut header = Vec::with_capacity(indicators.len());
        let mut row = Vec::with_capacity(indicators.len());
        for indicator in indicators {
            let mut title = vec![Inline::Text(format!("{}. ", indicator.id.get_ref()))];
            title.extend(self.inlines(Origin::Campaign, &indicator.title, HEADING));
            header.push(Cell {
                text: vec![title],
                fill: Some(ColorName::TableHeader),
                strong: true,
                rating: None,
                origin: Some(self.origin_of(Origin::Campaign, &indicator.title)),
            });
            let assessment = assessments.get(indicator.id.get_ref().as_str());
            let text = assessment
                .map(|a| self.inlines(Origin::Country, &a.text, Role::Prose))
                .unwrap_or_default();
            let rating = assessment.and_then(|a| {
                let rating = Rating::parse(a.rating.get_ref())?;
                Some(RatingMark {
                    color: rating.color(),
                    label: labels.label(rating).to_owned(),
                    star: a.star,
                })
            });
            row.push(Cell {
                text: vec![text],
                fill: None,
                strong: false,
                rating,
                origin: assessment.map(|a| self.origin_of(Origin::Country, &a.text)),
            });
        }
        Block::Table(Table {
            caption: Some(self.inlines(Origin::Campaign, &goal.table_caption, CAPTION)),
            caption_origin: Some(self.origin_of(Origin::Campaign, &goal.table_caption)),
            columns: vec![1.0; indicators.len()],
            header: vec![Row { cells: header }],
            rows: vec![Row { cells: row }],
            style: TableStyle::Indicators,
        })
    }

    fn grid_table(&mut self, table: &'p GridTable) -> Block {
        let header = table.header.get_ref();
        let header = header
            .iter()
            .map(|cell| {
                let text = self.inlines(Origin::Country, cell, Role::NoNotes("table headings"));
                Cell {
                    text: vec![text],
                    fill: Some(ColorName::TableHeader),
                    strong: true,
                    rating: None,
                    origin: Some(self.origin_of(Origin::Country, cell)),
                }
            })
            .collect();
        let rows = table
            .rows
            .iter()
            .map(|row| Row {
                cells: row
                    .get_ref()
                    .iter()
                    .map(|cell| Cell {
                        text: vec![self.inlines(Origin::Country, cell, Role::Prose)],
                        fill: None,
                        strong: false,
                        rating: None,
                        origin: Some(self.origin_of(Origin::Country, cell)),
                    })
                    .collect(),
            })
            .collect();
        let width = table.header.get_ref().len();
        let columns = table
            .columns
            .as_ref()
            .map_or_else(|| vec![1.0; width], |columns| columns.get_ref().clone());
        Block::Table(Table {
            caption: None,
            caption_origin: None,
            columns,
            header: vec![Row { cells: header }],
            rows,
            style: TableStyle::Grid,
        })
    }

    /// The goal's source list: every source first cited in the goal, with
    /// the roman marker its citations print.
    fn source_list(&mut self) -> Vec<Block> {
        let ids = self.goal_sources.take().unwrap_or_default();
        if ids.is_empty() {
            return Vec::new();
        }
        let mut items = Vec::with_capacity(ids.len());
        for id in &ids {
            let (Some(&index), Some(&definition)) =
                (self.numbered.get(*id), self.definitions.get(id))
            else {
                continue;
            };
            let (marker, anchor) = (
                self.notes[index].marker.clone(),
                self.notes[index].anchor.clone(),
            );
            let text = self.inlines(definition.origin, definition.text, Role::NoNotes("sources"));
            items.push(ListItem {
                text,
                anchor: Some(anchor),
                label: Some(format!("{marker}.")),
                origin: Some(self.origin_of(definition.origin, definition.text)),
            });
        }
        let locale = self.shared.locale;
        let label = if ids.len() == 1 {
            &locale.source_label
        } else {
            &locale.sources_label
        };
        vec![
            Block::Paragraph(Paragraph {
                style: ParagraphStyle::Label,
                text: labelled(label, Vec::new()),
                origin: None,
            }),
            Block::List(List {
                marker: ListMarker::Labelled,
                items,
                small: true,
            }),
        ]
    }
}

/// The letter of the goal at `position`: "A" for the first, "Z" for the
/// 26th, then "AA", "AB"… like spreadsheet columns.
pub(crate) fn letter(position: usize) -> String {
    let mut n = position + 1;
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_goals_like_spreadsheet_columns() {
        assert_eq!([0, 1, 25, 26, 27].map(letter), ["A", "B", "Z", "AA", "AB"]);
    }
}
