//! Checks that look at the content as a whole rather than at one field:
//! ids that must be unique or must exist, and the country's coverage of the
//! campaign's goals and indicators. Problems found while composing (notes,
//! placeholders, cross-references, markup) are reported by
//! [`crate::compose`], which reads every text anyway.

use std::collections::{BTreeMap, BTreeSet};

use serde_spanned::Spanned;

use crate::content::{Campaign, Country, DefinesNotes, Rating};
use crate::dataset::Dataset;
use crate::diag::{Diagnostic, list};
use crate::load::files::{Loaded, SourceFile};
use crate::load::spans::line_column;
use crate::todo;

pub fn campaign(campaign: &Loaded<Campaign>, diagnostics: &mut Vec<Diagnostic>) {
    let Loaded { file, content } = campaign;
    if content.goals.get_ref().is_empty() {
        diagnostics.push(
            file.error(&content.goals, "the campaign has no goal")
                .with_hint("add a [[goals]] table"),
        );
    }
    unique(
        file,
        "goal",
        content.goals.get_ref().iter().map(|goal| &goal.id),
        diagnostics,
    );
    for goal in content.goals.get_ref() {
        if goal.indicators.get_ref().is_empty() {
            diagnostics.push(file.error(
                &goal.indicators,
                format!("goal \"{}\" has no indicator", goal.id.get_ref()),
            ));
        }
    }
    let indicators = content
        .goals
        .get_ref()
        .iter()
        .flat_map(|goal| goal.indicators.get_ref())
        .map(|indicator| &indicator.id);
    unique(file, "indicator", indicators, diagnostics);
    unique(file, "note", note_ids(content), diagnostics);
}

/// Checks `country` against the campaign and, when it loaded, the dataset.
pub fn country(
    campaign: &Campaign,
    dataset: Option<&Dataset>,
    country: &Loaded<Country>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Loaded { file, content } = country;
    let link = content.dataset_name();
    if dataset.is_some_and(|dataset| dataset.category_of(link.get_ref()).is_none()) {
        diagnostics.push(
            file.error(
                link,
                format!("country \"{}\" is not in the dataset", link.get_ref()),
            )
            .with_hint("add it to dataset.toml, or set dataset-name to its name there"),
        );
    }
    goals(file, campaign, content, diagnostics);
    assessments(file, campaign, content, diagnostics);
    unique(file, "note", note_ids(content), diagnostics);
    let campaign_notes: BTreeSet<&str> =
        note_ids(campaign).map(|id| id.get_ref().as_str()).collect();
    for id in note_ids(content).filter(|id| campaign_notes.contains(id.get_ref().as_str())) {
        diagnostics.push(
            file.error(
                id,
                format!(
                    "note \"{}\" is already defined in the campaign file",
                    id.get_ref()
                ),
            )
            .with_hint("give the country's note another id"),
        );
    }
}

/// Every note a file defines but that no composed booklet cites.
pub fn unused_notes<T: DefinesNotes>(
    file: &Loaded<T>,
    cited: &BTreeSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for id in note_ids(&file.content).filter(|id| !cited.contains(id.get_ref())) {
        diagnostics.push(
            file.file
                .error(id, format!("note \"{}\" is never referenced", id.get_ref()))
                .with_hint(format!("cite it with [^{}] or remove it", id.get_ref())),
        );
    }
}

fn goals(
    file: &SourceFile,
    campaign: &Campaign,
    country: &Country,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let known: Vec<&str> = campaign
        .goals
        .get_ref()
        .iter()
        .map(|goal| goal.id.get_ref().as_str())
        .collect();
    for (id, goal) in country.goals.get_ref() {
        if !known.contains(&id.get_ref().as_str()) {
            diagnostics.push(
                file.error(id, format!("unknown goal \"{}\"", id.get_ref()))
                    .with_hint(format!("expected one of {}", list(known.iter().copied()))),
            );
        }
        if let Some(table) = &goal.table {
            let width = table.header.get_ref().len();
            for row in table.rows.iter().filter(|row| row.get_ref().len() != width) {
                diagnostics.push(file.error(
                    row,
                    format!(
                        "expected {width} cells like the header, found {}",
                        row.get_ref().len()
                    ),
                ));
            }
            if let Some(columns) = &table.columns {
                if columns.get_ref().len() != width {
                    diagnostics.push(file.error(
                        columns,
                        format!("expected {width} column widths like the header"),
                    ));
                }
                if columns
                    .get_ref()
                    .iter()
                    .any(|w| !(w.is_finite() && *w > 0.0))
                {
                    diagnostics.push(file.error(columns, "column widths must be positive numbers"));
                }
            }
        }
    }
    for id in known.iter().filter(|id| {
        !country
            .goals
            .get_ref()
            .keys()
            .any(|key| key.get_ref() == *id)
    }) {
        diagnostics.push(
            file.error(&country.goals, format!("missing goal \"{id}\""))
                .with_hint(format!(
                    "add a [goals.{id}] table with paragraphs and call-to-action"
                )),
        );
    }
}

fn assessments(
    file: &SourceFile,
    campaign: &Campaign,
    country: &Country,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let known: Vec<&str> = campaign
        .goals
        .get_ref()
        .iter()
        .flat_map(|goal| goal.indicators.get_ref())
        .map(|indicator| indicator.id.get_ref().as_str())
        .collect();
    for (id, assessment) in country.assessments.get_ref() {
        if !known.contains(&id.get_ref().as_str()) {
            diagnostics.push(
                file.error(id, format!("unknown indicator \"{}\"", id.get_ref()))
                    .with_hint(format!("expected one of {}", list(known.iter().copied()))),
            );
        }
        let rating = &assessment.rating;
        // A rating still to be given is a TODO: see `crate::todo`.
        if Rating::parse(rating.get_ref()).is_none() && !todo::is_todo(rating) {
            diagnostics.push(
                file.error(rating, format!("unknown rating \"{}\"", rating.get_ref()))
                    .with_hint(format!(
                        "expected one of {}",
                        list(Rating::ALL.map(Rating::key))
                    )),
            );
        }
    }
    for id in known.iter().filter(|id| {
        !country
            .assessments
            .get_ref()
            .keys()
            .any(|key| key.get_ref() == *id)
    }) {
        diagnostics.push(
            file.error(
                &country.assessments,
                format!("missing assessment of indicator \"{id}\""),
            )
            .with_hint(format!(
                "add an [assessments.\"{id}\"] table with rating and text"
            )),
        );
    }
}

fn note_ids<T: DefinesNotes>(file: &T) -> impl Iterator<Item = &Spanned<String>> {
    file.note_tables()
        .into_iter()
        .flat_map(|(_, table)| table.keys())
}

/// Reports every id of `ids` seen before, pointing at the first one.
fn unique<'a>(
    file: &SourceFile,
    what: &str,
    ids: impl Iterator<Item = &'a Spanned<String>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen: BTreeMap<&str, &Spanned<String>> = BTreeMap::new();
    for id in ids {
        if let Some(first) = seen.insert(id.get_ref(), id) {
            let (line, _) = line_column(&file.text, first.span().start);
            diagnostics.push(
                file.error(id, format!("duplicate {what} id \"{}\"", id.get_ref()))
                    .with_hint(format!("it is already used on line {line}")),
            );
        }
    }
}
