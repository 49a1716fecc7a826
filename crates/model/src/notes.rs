//! Notes: where they are defined, and how they are numbered.
//!
//! A note is defined in one of three tables of the campaign or country
//! file, and the table decides its kind: `[footnotes]` are set at the foot
//! of the page, `[endnotes]` are collected in the endnotes section, and
//! `[sources]` are listed under the goal that cites them. Notes are
//! numbered per kind in order of first reference while composing, so
//! moving a paragraph never leaves numbers out of order.

use std::collections::BTreeMap;

use crate::content::{Campaign, Country, DefinesNotes, Origin, Text};
use crate::doc::NoteKind;

/// A note's definition as written.
#[derive(Debug, Clone, Copy)]
pub struct Definition<'a> {
    pub kind: NoteKind,
    pub text: &'a Text,
    pub origin: Origin,
}

/// Every note a booklet may cite, by id: the campaign's and the country's.
/// Ids are unique across both (checked by [`crate::validate`]); should they
/// not be, the country's definition wins.
pub fn definitions<'a>(
    campaign: &'a Campaign,
    country: &'a Country,
) -> BTreeMap<&'a str, Definition<'a>> {
    let mut definitions = BTreeMap::new();
    let files: [(Origin, &dyn DefinesNotes); 2] =
        [(Origin::Campaign, campaign), (Origin::Country, country)];
    for (origin, file) in files {
        for (kind, table) in file.note_tables() {
            for (id, text) in table {
                definitions.insert(id.get_ref().as_str(), Definition { kind, text, origin });
            }
        }
    }
    definitions
}

/// The printed marker of the `number`th note of `kind` (from 1): arabic
/// for footnotes and endnotes, lowercase roman for sources.
pub fn marker(kind: NoteKind, number: usize) -> String {
    match kind {
        NoteKind::Footnote | NoteKind::Endnote => number.to_string(),
        NoteKind::Source => roman(number),
    }
}

/// The link target of a note with `marker`, e.g. `endnote-12`, `source-iii`.
pub fn anchor(kind: NoteKind, marker: &str) -> String {
    let prefix = match kind {
        NoteKind::Footnote => "footnote",
        NoteKind::Endnote => "endnote",
        NoteKind::Source => "source",
    };
    format!("{prefix}-{marker}")
}

/// Lowercase roman numeral of `number` (from 1).
fn roman(mut number: usize) -> String {
    const DIGITS: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while number >= value {
            out.push_str(digits);
            number -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_numbered_in_roman() {
        let markers: Vec<_> = [1, 2, 3, 4, 9, 14, 40, 1990]
            .into_iter()
            .map(|n| marker(NoteKind::Source, n))
            .collect();
        assert_eq!(
            markers,
            ["i", "ii", "iii", "iv", "ix", "xiv", "xl", "mcmxc"]
        );
        assert_eq!(marker(NoteKind::Endnote, 12), "12");
        assert_eq!(anchor(NoteKind::Source, "iii"), "source-iii");
    }
}
