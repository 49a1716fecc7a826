//! How complete an edition's translation is: every English string with no
//! translation, and every translation made from an earlier English text.
//!
//! The same report gives `folio i18n status` its lines and a build its
//! warnings (errors with `--strict`), so the two always agree.

use std::path::Path;

use super::Language;
use super::catalog::{FileKey, FileMessages, Message};
use super::fingerprint::fingerprint;
use super::strings::{State, state};
use crate::diag::{Diagnostic, Severity};
use crate::load::files::SourceFile;
use crate::load::spans::line_column;

/// The translation of one edition.
#[derive(Debug, Clone)]
pub struct Status {
    pub country: String,
    pub lang: String,
    /// Strings the edition prints that come from the content and locale
    /// files.
    pub total: usize,
    /// One warning per string with no translation, at the English string.
    pub untranslated: Vec<Diagnostic>,
    /// One warning per translation whose English has changed since, at
    /// the translation.
    pub stale: Vec<Diagnostic>,
    /// Problems in the language's files (errors and warnings).
    pub problems: Vec<Diagnostic>,
}

impl Status {
    /// Strings with a translation, current or stale.
    pub fn translated(&self) -> usize {
        self.total - self.untranslated.len()
    }

    /// The warnings a build of the edition shows: problems of the
    /// language's files, then one per string that is untranslated or stale.
    /// `strict` makes them errors.
    pub fn warnings(&self, strict: bool) -> Vec<Diagnostic> {
        let severity = if strict {
            Severity::Error
        } else {
            Severity::Warning
        };
        let problems = self.problems.iter().filter(|d| !d.is_error());
        problems
            .chain(&self.untranslated)
            .chain(&self.stale)
            .cloned()
            .map(|diagnostic| Diagnostic {
                severity,
                ..diagnostic
            })
            .collect()
    }
}

/// The status of `country`'s edition in `language`, whose strings are
/// `edition`.
pub fn status(
    data_dir: &Path,
    language: &Language,
    country: &str,
    edition: &[FileMessages<'_>],
) -> Status {
    let lang = &language.tag;
    let mut status = Status {
        country: country.to_owned(),
        lang: lang.clone(),
        total: 0,
        untranslated: Vec::new(),
        stale: Vec::new(),
        problems: language.diagnostics.clone(),
    };
    let source = language.tag == super::SOURCE_LANG;
    for messages in edition {
        status.total += messages.messages.len();
        if source {
            continue;
        }
        let target = data_dir.join(messages.key.translation_path(lang));
        let file = language.file(&messages.key);
        for message in &messages.messages {
            match state(message, file) {
                State::Current(_) => {}
                State::Missing => status.untranslated.push(untranslated(
                    messages.file,
                    &messages.key,
                    message,
                    lang,
                    &target,
                )),
                State::Stale {
                    translation,
                    usable,
                } => {
                    let Some(file) = file else { continue };
                    let english = messages.file;
                    let (line, column) = line_column(&english.text, message.source.span().start);
                    let mut text = format!(
                        "the {lang} translation of \"{}\" is out of date: its English text has changed",
                        message.id
                    );
                    if !usable {
                        text.push_str(
                            "; the English is printed instead, as its note references or placeholders changed too",
                        );
                    }
                    status.stale.push(
                        file.file
                            .warning(&translation.text, text)
                            .with_hint(format!(
                                "the English is at {}:{line}:{column}; update the translation and set its fingerprint to \"{}\"",
                                english.path.display(),
                                fingerprint(message.source.get_ref())
                            )),
                    );
                }
            }
        }
    }
    status
}

fn untranslated(
    english: &SourceFile,
    key: &FileKey,
    message: &Message<'_>,
    lang: &str,
    target: &Path,
) -> Diagnostic {
    let where_to = match key {
        FileKey::Locale => format!("add \"{}\" to {}", message.id, target.display()),
        _ => format!(
            "add [\"{}\"] with fingerprint = \"{}\" and text = \"…\" to {}",
            message.id,
            fingerprint(message.source.get_ref()),
            target.display()
        ),
    };
    english
        .warning(
            message.source,
            format!("\"{}\" has no {lang} translation", message.id),
        )
        .with_hint(format!(
            "{where_to}, or translate it with `folio i18n export --lang {lang}` and `folio i18n import`"
        ))
}
