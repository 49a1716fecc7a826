//! Text still to be written, marked TODO.
//!
//! `folio new` starts a country file with TODO in every text and every
//! rating, so that the file loads at once and its booklet can be built and
//! looked at while it is written. Each TODO left is a warning that points
//! at it (an error with `--strict`, for the final build), and a booklet
//! with any left is marked as a draft.

use std::collections::BTreeMap;

use serde_spanned::Spanned;

use crate::content::{Campaign, Country};
use crate::diag::{Diagnostic, Severity};
use crate::i18n::catalog::{self, Message};
use crate::load::Files;
use crate::load::files::{Loaded, SourceFile};

/// The word that marks a text or a rating still to be written.
pub const TODO: &str = "TODO";

/// The TODOs left in a data folder's campaign and country files.
#[derive(Debug, Default)]
pub struct Todos {
    campaign: Vec<Diagnostic>,
    /// By country id.
    countries: BTreeMap<String, Vec<Diagnostic>>,
}

impl Todos {
    /// Every TODO of the files that loaded, as warnings.
    pub fn find(files: &Files) -> Todos {
        Todos {
            campaign: files.campaign.as_ref().map(in_campaign).unwrap_or_default(),
            countries: files
                .countries
                .iter()
                .map(|(id, country)| (id.clone(), in_country(country)))
                .collect(),
        }
    }

    /// The campaign's TODOs, then each country's.
    pub fn all(&self) -> impl Iterator<Item = &Diagnostic> {
        self.campaign
            .iter()
            .chain(self.countries.values().flatten())
    }

    /// The TODOs the booklets of `countries` print: the campaign's, then
    /// each country's own.
    pub fn of_booklets<'a>(&'a self, countries: &[&str]) -> Vec<&'a Diagnostic> {
        let own = countries
            .iter()
            .filter_map(|country| self.countries.get(*country))
            .flatten();
        self.campaign.iter().chain(own).collect()
    }
}

fn in_campaign(campaign: &Loaded<Campaign>) -> Vec<Diagnostic> {
    in_texts(&campaign.file, &catalog::campaign(&campaign.content))
}

/// The TODOs of a country's texts and ratings.
fn in_country(country: &Loaded<Country>) -> Vec<Diagnostic> {
    let Loaded { file, content } = country;
    let mut todos = in_texts(file, &catalog::country(content));
    for (id, assessment) in content.assessments.get_ref() {
        if is_todo(&assessment.rating) {
            todos.push(
                file.warning(
                    &assessment.rating,
                    format!(
                        "{TODO} left: indicator \"{}\" is not rated yet",
                        id.get_ref()
                    ),
                )
                .with_hint("rate it GREEN, YELLOW or RED; until then no rating is printed"),
            );
        }
    }
    todos.sort_by_key(|todo| todo.span.as_ref().map(|span| span.start));
    todos
}

/// Whether a rating is left to be given.
pub fn is_todo(rating: &Spanned<String>) -> bool {
    rating.get_ref() == TODO
}

/// One warning per TODO in `messages`, at the word itself.
fn in_texts(file: &SourceFile, messages: &[Message<'_>]) -> Vec<Diagnostic> {
    messages
        .iter()
        .flat_map(|message| {
            words(message.source.get_ref()).map(move |at| Diagnostic {
                severity: Severity::Warning,
                ..file.error_in(
                    message.source,
                    at..at + TODO.len(),
                    format!("{TODO} left in {}", message.id),
                )
            })
        })
        .collect()
}

/// Byte offsets of TODO as a word of `text` (not inside "TODOS").
fn words(text: &str) -> impl Iterator<Item = usize> + '_ {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(TODO)
        .map(|(at, _)| at)
        .filter(move |&at| {
            let before = text[..at].chars().next_back();
            let after = text[at + TODO.len()..].chars().next();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(text: &str) -> Loaded<Country> {
        SourceFile {
            path: std::path::Path::new("countries/x.toml").into(),
            text: text.into(),
        }
        .parse()
        .unwrap()
    }

    const FILE: &str = r#"name = "X"
name-in-text = "X"
credits = "By TODO, with TODOS and todo."
[situation]
summary = ["Done.", """
Half done; TODO the rest."""]
parts = []
[goals.g]
paragraphs = []
call-to-action = ["TODO"]
[assessments."1.1"]
rating = "TODO"
text = "Written."
[assessments."1.2"]
rating = "RED"
text = "Written."
[petition]
paragraphs = []
demands = []
"#;

    #[test]
    fn points_at_each_todo_word_and_unrated_indicator() {
        let todos = in_country(&country(FILE));
        let found: Vec<(usize, usize, &str)> = todos
            .iter()
            .map(|d| (d.line, d.column, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (3, 15, "TODO left in credits"),
                (6, 12, "TODO left in situation.summary.2"),
                (10, 20, "TODO left in goals.g.call-to-action.1"),
                (12, 10, "TODO left: indicator \"1.1\" is not rated yet"),
            ]
        );
        assert!(todos.iter().all(|d| d.severity == Severity::Warning));
    }

    #[test]
    fn todo_is_a_whole_word() {
        let at: Vec<usize> = words("TODO, TODOS, xTODO, TODO_1, (TODO) METODOLOGÍA").collect();
        assert_eq!(at, [0, 29]);
    }
}
