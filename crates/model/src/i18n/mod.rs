//! Editions in other languages.
//!
//! English is the source: every other language translates its strings
//! (see [`catalog`] for how strings are named and [`translations`] for
//! where translations live). An edition in a language prints each string's
//! translation when there is a usable one and the English otherwise; the
//! [`status`] report and the build's warnings list every string that fell
//! back, and every translation whose English has changed since.
//!
//! `pseudo` is a language of its own, generated from the English (see
//! [`pseudo`]), for checking layouts before any translation exists.

pub(crate) mod catalog;
mod exchange;
mod fingerprint;
mod kept;
mod locale;
mod po;
mod pseudo;
mod status;
mod strings;
mod translations;
mod write;

use std::collections::BTreeMap;
use std::path::Path;

use serde_spanned::Spanned;

pub use catalog::FileMessages;
pub use exchange::{Import, export, import, read};
pub use locale::{fill, strings as locale_strings};
pub use status::{Status, status};
pub use strings::Strings;
pub use translations::languages;
pub(crate) use write::quoted;

use catalog::FileKey;
use translations::{Translation, TranslationFile};

use crate::content::{Campaign, Country, Locale};
use crate::dataset::Dataset;
use crate::diag::Diagnostic;
use crate::load::files::{Loaded, SourceFile};

/// The language content files are written in.
pub const SOURCE_LANG: &str = "en";
/// The generated pseudo-localised language.
pub const PSEUDO: &str = pseudo::TAG;

/// The English locale file's words with their places in the file.
#[derive(Debug, Clone)]
pub struct EnglishLocale {
    pub file: SourceFile,
    pub strings: Vec<(String, Spanned<String>)>,
}

/// A language editions can be built in, with its translations.
#[derive(Debug)]
pub struct Language {
    /// As named in the data folder and on the command line: `fr`, `pseudo`.
    pub tag: String,
    files: BTreeMap<FileKey, TranslationFile>,
    /// The interface words: the language's own, English for the others.
    pub locale: Locale,
    /// Problems in the language's files. Errors keep its editions from
    /// being built, and only its editions.
    pub diagnostics: Vec<Diagnostic>,
}

impl Language {
    /// The errors among its diagnostics: a language with any can neither
    /// be built nor exchanged.
    pub(crate) fn errors(&self) -> Vec<Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect()
    }

    /// The source language: no translations, the English locale.
    pub fn source(locale: Locale) -> Language {
        Language {
            tag: SOURCE_LANG.to_owned(),
            files: BTreeMap::new(),
            locale,
            diagnostics: Vec::new(),
        }
    }

    /// Reads the files of `tag` in `data_dir`.
    pub fn load(
        data_dir: &Path,
        tag: &str,
        english: &[FileMessages<'_>],
        english_locale: &EnglishLocale,
    ) -> Language {
        let mut diagnostics = Vec::new();
        if let Some(problem) = bad_tag(tag) {
            let place = data_dir.join(FileKey::Campaign.translation_path(tag));
            diagnostics.push(
                Diagnostic::file_error(place.parent().unwrap_or(data_dir), problem).with_hint(
                    "name a language's files by its BCP 47 tag, e.g. fr, pt-BR, sr-Latn",
                ),
            );
        }
        let files = translations::load(data_dir, tag, english, &mut diagnostics);
        Language::with_files(tag, files, english_locale, diagnostics)
    }

    /// The pseudo-localised language, generated from `english`.
    pub fn pseudo(english: &[FileMessages<'_>], english_locale: &EnglishLocale) -> Language {
        let files = english
            .iter()
            .map(|messages| {
                let entries = messages
                    .messages
                    .iter()
                    .map(|message| {
                        let text = Spanned::new(
                            message.source.span(),
                            pseudo::pseudo(message.source.get_ref(), message.format),
                        );
                        let translation = Translation {
                            key: Spanned::new(message.source.span(), message.id.clone()),
                            text,
                            fingerprint: None,
                        };
                        (message.id.clone(), translation)
                    })
                    .collect();
                // Problems in generated text point at the English string.
                let file = messages.file.clone();
                (messages.key.clone(), TranslationFile { file, entries })
            })
            .collect();
        Language::with_files(PSEUDO, files, english_locale, Vec::new())
    }

    fn with_files(
        tag: &str,
        files: BTreeMap<FileKey, TranslationFile>,
        english_locale: &EnglishLocale,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Language {
        let own = files.get(&FileKey::Locale);
        let locale = match locale::merged(&english_locale.strings, own) {
            Ok(locale) => locale,
            Err(problem) => {
                let path = own.map_or(&english_locale.file.path, |file| &file.file.path);
                diagnostics.push(Diagnostic::file_error(&**path, problem));
                locale::merged(&english_locale.strings, None)
                    .expect("the English locale file was checked when it was loaded")
            }
        };
        Language {
            tag: tag.to_owned(),
            files,
            locale,
            diagnostics,
        }
    }

    /// The BCP 47 tag of the language's documents.
    pub fn bcp47(&self) -> &str {
        if self.tag == PSEUDO {
            pseudo::BCP47
        } else {
            &self.tag
        }
    }

    fn file(&self, key: &FileKey) -> Option<&TranslationFile> {
        self.files.get(key)
    }
}

/// Why `tag` cannot name a language, if it cannot.
fn bad_tag(tag: &str) -> Option<String> {
    if tag == PSEUDO || tag == "all" {
        return Some(format!("\"{tag}\" is reserved and cannot name a language"));
    }
    match icu_locale_core::LanguageIdentifier::try_from_str(tag) {
        Ok(_) => None,
        Err(_) => Some(format!("\"{tag}\" is not a BCP 47 language tag")),
    }
}

/// The English strings of the whole project, by file: campaign, countries,
/// dataset, locale.
pub fn english<'a>(
    campaign: &'a Loaded<Campaign>,
    countries: &'a BTreeMap<String, Loaded<Country>>,
    dataset: &'a Dataset,
    locale: &'a EnglishLocale,
) -> Vec<FileMessages<'a>> {
    let mut files = vec![FileMessages {
        key: FileKey::Campaign,
        file: &campaign.file,
        messages: catalog::campaign(&campaign.content),
    }];
    for (id, country) in countries {
        files.push(FileMessages {
            key: FileKey::Country(id.clone()),
            file: &country.file,
            messages: catalog::country(&country.content),
        });
    }
    files.push(FileMessages {
        key: FileKey::Dataset,
        file: &dataset.file,
        messages: catalog::dataset(&dataset.names),
    });
    files.push(FileMessages {
        key: FileKey::Locale,
        file: &locale.file,
        messages: catalog::locale(&locale.strings),
    });
    files
}

/// The files of `all` that one country's edition prints: all but the
/// other countries'.
pub fn edition<'a>(all: Vec<FileMessages<'a>>, country: &str) -> Vec<FileMessages<'a>> {
    all.into_iter()
        .filter(|file| match &file.key {
            FileKey::Country(id) => id == country,
            _ => true,
        })
        .collect()
}
