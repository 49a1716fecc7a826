//! The text one edition prints for each English string, and the state of
//! each translation.

use std::collections::HashMap;

use super::Language;
use super::catalog::{FileKey, FileMessages, Message};
use super::fingerprint::fingerprint;
use super::kept;
use super::translations::{Translation, TranslationFile};
use crate::content::{Origin, Text};
use crate::load::files::SourceFile;

/// Where a translation stands against its English string.
#[derive(Debug, Clone, Copy)]
pub enum State<'a> {
    /// Made from the English as it is now (or from a file that keeps no
    /// fingerprints).
    Current(&'a Translation),
    /// Made from an earlier English text. `usable` when it still keeps the
    /// English's note references and placeholders, and so can be printed
    /// until it is updated.
    Stale {
        translation: &'a Translation,
        usable: bool,
    },
    Missing,
}

/// The state of the translation of `message` in `file`.
pub fn state<'a>(message: &Message<'_>, file: Option<&'a TranslationFile>) -> State<'a> {
    let Some(translation) = file.and_then(|file| file.entries.get(&message.id)) else {
        return State::Missing;
    };
    let source = message.source.get_ref();
    match &translation.fingerprint {
        Some(made_from) if *made_from != fingerprint(source) => State::Stale {
            translation,
            usable: kept::mismatch(source, translation.text.get_ref(), message.format).is_none(),
        },
        _ => State::Current(translation),
    }
}

/// A string as an edition prints it, with the file it comes from (for
/// problems found while composing it).
#[derive(Debug, Clone, Copy)]
pub struct Localised<'a> {
    pub file: &'a SourceFile,
    pub text: &'a Text,
}

/// The translations one edition prints, looked up by the English string
/// they replace. Empty for English editions.
#[derive(Debug, Default)]
pub struct Strings<'a> {
    /// By the file and byte offset of the English string.
    texts: HashMap<(Origin, usize), Localised<'a>>,
    /// Country names of the dataset, by English name.
    names: HashMap<&'a str, &'a str>,
}

impl<'a> Strings<'a> {
    /// The usable translations of `language` for the strings of `edition`.
    pub fn new(language: &'a Language, edition: &[FileMessages<'a>]) -> Strings<'a> {
        let mut strings = Strings::default();
        for messages in edition {
            let file = language.file(&messages.key);
            for message in &messages.messages {
                let translation = match state(message, file) {
                    State::Current(translation)
                    | State::Stale {
                        translation,
                        usable: true,
                    } => translation,
                    State::Stale { usable: false, .. } | State::Missing => continue,
                };
                let Some(file) = file else { continue };
                let localised = Localised {
                    file: &file.file,
                    text: &translation.text,
                };
                let at = message.source.span().start;
                match &messages.key {
                    FileKey::Campaign => {
                        strings.texts.insert((Origin::Campaign, at), localised);
                    }
                    FileKey::Country(_) => {
                        strings.texts.insert((Origin::Country, at), localised);
                    }
                    FileKey::Dataset => {
                        strings
                            .names
                            .insert(message.source.get_ref(), translation.text.get_ref());
                    }
                    // The language's locale already holds its words.
                    FileKey::Locale => {}
                }
            }
        }
        strings
    }

    /// The translation of the English `text` of the file `origin`.
    pub fn text(&self, origin: Origin, text: &Text) -> Option<Localised<'a>> {
        self.texts.get(&(origin, text.span().start)).copied()
    }

    /// The name the edition prints for the dataset's country `english`.
    pub fn name<'n>(&self, english: &'n str) -> &'n str
    where
        'a: 'n,
    {
        self.names.get(english).copied().unwrap_or(english)
    }
}
