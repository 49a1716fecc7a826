//! `folio i18n export` and `import`: a language's strings out to a PO file
//! and its translations back into the translation files.
//!
//! A round trip loses nothing: export writes each translation as stored
//! (a stale one marked fuzzy, as gettext marks translations to review),
//! and import takes every translation that is not fuzzy, with the
//! fingerprint of the English its entry shows, and leaves untouched
//! whatever the file does not translate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::catalog::{FileKey, FileMessages, Format, Message};
use super::fingerprint::fingerprint;
use super::po::{self, Entry};
use super::strings::{State, state};
use super::write::{self, Stored};
use super::{Language, kept};
use crate::diag::{Diagnostic, Severity};
use crate::load::files::SourceFile;
use crate::load::spans::line_column;
use crate::markup;
use crate::placeholders::Placeholder;

/// The PO file of every string of `english` in `language`.
pub fn export(language: &Language, english: &[FileMessages<'_>]) -> String {
    let lang = &language.tag;
    let mut entries = Vec::new();
    for messages in english {
        let file = language.file(&messages.key);
        for message in &messages.messages {
            let (translation, fuzzy) = match state(message, file) {
                State::Current(translation) => (translation.text.get_ref().clone(), false),
                State::Stale { translation, .. } => (translation.text.get_ref().clone(), true),
                State::Missing => (String::new(), false),
            };
            let (line, _) = line_column(&messages.file.text, message.source.span().start);
            let mut flags = Vec::new();
            if fuzzy {
                flags.push("fuzzy".to_owned());
            }
            if message.source.get_ref().contains('{') {
                // Lets tools check that placeholders are kept.
                flags.push("python-brace-format".to_owned());
            }
            entries.push(Entry {
                notes: notes(message),
                references: vec![format!("{}:{line}", messages.file.path.display())],
                flags,
                context: Some(context(&messages.key, &message.id)),
                id: message.source.get_ref().clone(),
                translation,
                at: 0..0,
            });
        }
    }
    let header = [
        format!("Folio's strings in {lang}, written by `folio i18n export --lang {lang}`."),
        "Translate each msgstr; keep Markdown, note references [^id], page".to_owned(),
        "references [](#…) and {placeholders} as they are. Bring the file".to_owned(),
        "back with `folio i18n import FILE`.".to_owned(),
    ];
    let fields = [
        ("Project-Id-Version", "Folio"),
        ("Language", lang.as_str()),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Generator", "folio i18n export"),
    ];
    po::write(&header, &fields, &entries)
}

/// `msgctxt`: the English file and the string's id.
fn context(key: &FileKey, id: &str) -> String {
    format!("{}:{id}", key.english_path())
}

/// What a translator needs to know about `message`: where it is printed,
/// what it must keep.
fn notes(message: &Message<'_>) -> Vec<String> {
    let mut notes = vec![message.context.clone()];
    let text = message.source.get_ref();
    let mut names: Vec<String> = crate::placeholders::candidates(text)
        .map(|(_, name)| name.to_owned())
        .collect();
    names.dedup();
    for name in names {
        let what = Placeholder::named(&name).map_or("filled in by Folio", Placeholder::description);
        notes.push(format!("Keep {{{name}}}: {what}."));
    }
    if message.format == Format::Markdown {
        let (nodes, _) = markup::parse(text);
        if has_markup(&nodes) {
            notes.push(
                "Markdown: keep *emphasis*, **strong** and [links](…) around the words they mark."
                    .to_owned(),
            );
        }
        let mut refs = Vec::new();
        kept::references(&nodes, &mut refs);
        if !refs.is_empty() {
            notes.push(format!(
                "Keep {}: note and page references, printed as numbers.",
                refs.join(" ")
            ));
        }
    }
    notes
}

fn has_markup(nodes: &[markup::Node]) -> bool {
    nodes.iter().any(|node| {
        matches!(
            node,
            markup::Node::Emphasis(_) | markup::Node::Strong(_) | markup::Node::Link { .. }
        )
    })
}

/// A PO file read for import: its language and entries.
pub struct Incoming {
    pub file: SourceFile,
    pub lang: String,
    entries: Vec<Entry>,
}

/// Reads `file` as a PO file and finds its language.
pub fn read(file: SourceFile) -> Result<Incoming, Vec<Diagnostic>> {
    let entries = po::parse(&file.text)
        .map_err(|error| vec![file.diagnostic(Severity::Error, error.at, error.message)])?;
    let lang = entries
        .first()
        .filter(|header| header.id.is_empty())
        .and_then(|header| po::header_field(header, "Language"))
        .filter(|lang| !lang.is_empty())
        .map(|lang| lang.replace('_', "-"));
    let Some(lang) = lang else {
        return Err(vec![Diagnostic::file_error(&*file.path, "the file does not say its language")
            .with_hint("its header needs a line such as \"Language: fr\\n\", as `folio i18n export` writes")]);
    };
    if let Some(problem) = super::bad_tag(&lang).or_else(|| {
        (lang == super::SOURCE_LANG)
            .then(|| "English is the language translations are made from".to_owned())
    }) {
        return Err(vec![Diagnostic::file_error(&*file.path, problem)]);
    }
    Ok(Incoming {
        file,
        lang,
        entries,
    })
}

/// The outcome of an import: files to write and what was taken.
#[derive(Debug, Clone)]
pub struct Import {
    pub lang: String,
    /// Each translation file that changed, with its new text.
    pub files: Vec<(PathBuf, String)>,
    /// Translations taken from the PO file (fuzzy and empty ones are not).
    pub taken: usize,
    /// Translations made from an English text that has changed since the
    /// file was exported: imported, and reported stale.
    pub warnings: Vec<Diagnostic>,
}

/// Checks every translation of `incoming` against its English string and
/// works out the new translation files. Nothing is written: either every
/// translation can be taken, or the errors say which cannot and why.
pub fn import(
    data_dir: &Path,
    english: &[FileMessages<'_>],
    language: &Language,
    incoming: &Incoming,
) -> Result<Import, Vec<Diagnostic>> {
    let po_file = &incoming.file;
    let mut by_context: BTreeMap<String, (&FileMessages<'_>, &Message<'_>)> = BTreeMap::new();
    for messages in english {
        for message in &messages.messages {
            by_context.insert(context(&messages.key, &message.id), (messages, message));
        }
    }
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut taken: BTreeMap<FileKey, Vec<(&Message<'_>, Stored)>> = BTreeMap::new();
    let mut count = 0;
    for entry in incoming.entries.iter().filter(|e| !e.id.is_empty()) {
        let unused = entry.is_fuzzy() || entry.translation.is_empty();
        let Some((messages, message)) = entry.context.as_ref().and_then(|c| by_context.get(c))
        else {
            // A translation that would be lost stops the import; an entry
            // with nothing to import is only reported, so that a file
            // exported before the English changed still imports.
            let (severity, hint) = if unused {
                (
                    Severity::Warning,
                    "the English string was removed or renamed since the export; this entry is ignored: export again, or delete it",
                )
            } else {
                (
                    Severity::Error,
                    "the English string was removed or renamed since the export: export again, or delete this entry",
                )
            };
            let what = entry
                .context
                .as_deref()
                .map_or("without msgctxt".into(), |c| format!("\"{c}\""));
            let diagnostic = po_file
                .diagnostic(
                    severity,
                    entry.at.clone(),
                    format!("no English string {what}"),
                )
                .with_hint(hint);
            match severity {
                Severity::Error => errors.push(diagnostic),
                Severity::Warning => warnings.push(diagnostic),
            }
            continue;
        };
        if unused {
            continue;
        }
        let translation = &entry.translation;
        if let Some(why) = kept::mismatch(&entry.id, translation, message.format) {
            errors.push(
                po_file
                    .diagnostic(Severity::Error, entry.at.clone(), why)
                    .with_hint(kept::HINT),
            );
            continue;
        }
        if message.format == Format::Markdown
            && let Some(problem) = markup::parse(translation).1.first()
        {
            errors.push(
                po_file
                    .diagnostic(
                        Severity::Error,
                        entry.at.clone(),
                        format!("in the translation: {}", problem.message),
                    )
                    .with_hint(problem.hint),
            );
            continue;
        }
        let made_from = fingerprint(&entry.id);
        if made_from != fingerprint(message.source.get_ref()) {
            warnings.push(
                po_file
                    .diagnostic(
                        Severity::Warning,
                        entry.at.clone(),
                        format!("the English of \"{}\" has changed since this file was exported", message.id),
                    )
                    .with_hint("the translation is imported and reported out of date; export again to see the new English"),
            );
        }
        count += 1;
        let stored = Stored {
            fingerprint: made_from,
            text: translation.clone(),
        };
        taken
            .entry(messages.key.clone())
            .or_default()
            .push((message, stored));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut files = Vec::new();
    for messages in english {
        let Some(updates) = taken.get(&messages.key) else {
            continue;
        };
        let path = data_dir.join(messages.key.translation_path(&incoming.lang));
        let existing = language.file(&messages.key);
        let text = if messages.key == FileKey::Locale {
            locale_text(existing, &incoming.lang, updates, &path)?
        } else {
            content_text(existing, &incoming.lang, messages, updates)
        };
        if let Some(text) = text {
            files.push((path, text));
        }
    }
    Ok(Import {
        lang: incoming.lang.clone(),
        files,
        taken: count,
        warnings,
    })
}

/// The new text of a content translation file, if anything changed.
fn content_text(
    existing: Option<&super::TranslationFile>,
    lang: &str,
    messages: &FileMessages<'_>,
    updates: &[(&Message<'_>, Stored)],
) -> Option<String> {
    let mut entries: BTreeMap<String, Stored> = existing
        .map(|file| {
            file.entries
                .iter()
                .map(|(id, translation)| {
                    let stored = Stored {
                        fingerprint: translation.fingerprint.clone().unwrap_or_default(),
                        text: translation.text.get_ref().clone(),
                    };
                    (id.clone(), stored)
                })
                .collect()
        })
        .unwrap_or_default();
    let mut changed = existing.is_none();
    for (message, stored) in updates {
        let previous = entries.insert(message.id.clone(), stored.clone());
        changed |= previous.as_ref() != Some(stored);
    }
    changed.then(|| write::translation_file(lang, &messages.key, &messages.messages, &entries))
}

/// The new text of the language's locale file, if any word changed.
fn locale_text(
    existing: Option<&super::TranslationFile>,
    lang: &str,
    updates: &[(&Message<'_>, Stored)],
    path: &Path,
) -> Result<Option<String>, Vec<Diagnostic>> {
    let changes: Vec<(&str, &str)> = updates
        .iter()
        .filter(|(message, stored)| {
            existing
                .and_then(|file| file.entries.get(&message.id))
                .is_none_or(|current| *current.text.get_ref() != stored.text)
        })
        .map(|(message, stored)| (message.id.as_str(), stored.text.as_str()))
        .collect();
    if changes.is_empty() {
        return Ok(None);
    }
    write::locale_file(existing.map(|file| &*file.file.text), lang, &changes)
        .map(Some)
        .map_err(|problem| vec![Diagnostic::file_error(path, problem)])
}
