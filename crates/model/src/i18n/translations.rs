//! A language's files: the translations of the content files and the
//! language's locale file.
//!
//! ```text
//! data/
//!   locales/fr.toml                   interface words, shaped like en.toml
//!   translations/fr/campaign.toml     one file per English content file,
//!   translations/fr/dataset.toml      each string by id:
//!   translations/fr/countries/usa.toml
//! ```
//!
//! A content translation holds, for each string, the translated text and
//! the fingerprint of the English it was made from:
//!
//! ```toml
//! ["introduction.title"]
//! fingerprint = "5c1b0e6a3f9d2e47"
//! text = "PROGRÈS ACCOMPLIS … {THE_COUNTRY}"
//! ```
//!
//! The English files are never touched, so translators cannot break them,
//! and a translation can be reviewed, diffed and merged on its own.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use serde::Deserialize;
use serde_spanned::Spanned;

use super::catalog::{FileKey, FileMessages};
use super::fingerprint::fingerprint;
use super::kept;
use crate::diag::Diagnostic;
use crate::load::files::SourceFile;

/// One translated string.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The string's id as written, to point at the entry.
    pub key: Spanned<String>,
    pub text: Spanned<String>,
    /// Fingerprint of the English the translation was made from. Locale
    /// files keep none: their words are short and rarely change.
    pub fingerprint: Option<String>,
}

/// The translations of one English file into one language.
#[derive(Debug, Clone)]
pub struct TranslationFile {
    pub file: SourceFile,
    /// By string id.
    pub entries: BTreeMap<String, Translation>,
}

/// An entry of a content translation file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    fingerprint: Spanned<String>,
    text: Spanned<String>,
}

/// Reads every translation of `lang` found in `data_dir` for the English
/// files of `english`, checking each entry against its English string.
pub fn load(
    data_dir: &Path,
    lang: &str,
    english: &[FileMessages<'_>],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<FileKey, TranslationFile> {
    let mut files = BTreeMap::new();
    for messages in english {
        let path = data_dir.join(messages.key.translation_path(lang));
        if !path.is_file() {
            continue;
        }
        let file = match SourceFile::read(path) {
            Ok(file) => file,
            Err(error) => {
                diagnostics.push(error);
                continue;
            }
        };
        let loaded = match messages.key {
            FileKey::Locale => Some(locale_file(file, diagnostics)),
            _ => content_file(file, diagnostics),
        };
        if let Some(loaded) = loaded {
            check(&loaded, messages, diagnostics);
            files.insert(messages.key.clone(), loaded);
        }
    }
    unknown_files(data_dir, lang, english, diagnostics);
    files
}

fn content_file(file: SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<TranslationFile> {
    let loaded = file
        .parse::<BTreeMap<Spanned<String>, Entry>>()
        .map_err(|error| diagnostics.push(error))
        .ok()?;
    let entries = loaded
        .content
        .into_iter()
        .map(|(key, entry)| {
            let translation = Translation {
                key: key.clone(),
                text: entry.text,
                fingerprint: Some(entry.fingerprint.into_inner()),
            };
            (key.into_inner(), translation)
        })
        .collect();
    Some(TranslationFile {
        file: loaded.file,
        entries,
    })
}

fn locale_file(file: SourceFile, diagnostics: &mut Vec<Diagnostic>) -> TranslationFile {
    let entries = super::locale::strings(&file, diagnostics)
        .into_iter()
        .map(|(id, text)| {
            let translation = Translation {
                // The value's place stands for the key's: both are on the
                // line a translator looks for.
                key: Spanned::new(text.span(), id.clone()),
                text,
                fingerprint: None,
            };
            (id, translation)
        })
        .collect();
    TranslationFile { file, entries }
}

/// Entries with no English string are reported (the English was removed
/// or renamed); so are current translations that lost or gained a note
/// reference or placeholder. Stale ones are reported by the status report,
/// which also says whether they can still be printed.
fn check(
    translations: &TranslationFile,
    english: &FileMessages<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let by_id: BTreeMap<&str, _> = english
        .messages
        .iter()
        .map(|message| (message.id.as_str(), message))
        .collect();
    let english_path = english.file.path.display();
    for (id, translation) in &translations.entries {
        let file = &translations.file;
        let Some(message) = by_id.get(id.as_str()) else {
            diagnostics.push(
                file.warning(&translation.key, format!("no English string \"{id}\" in {english_path}"))
                    .with_hint("the English string was removed or renamed: delete this translation or move it to the new id"),
            );
            continue;
        };
        let source = message.source.get_ref();
        let current = translation
            .fingerprint
            .as_ref()
            .is_none_or(|made_from| *made_from == fingerprint(source));
        if !current {
            continue;
        }
        if let Some(why) = kept::mismatch(source, translation.text.get_ref(), message.format) {
            diagnostics.push(file.error(&translation.text, why).with_hint(kept::HINT));
        }
    }
}

/// Files under `translations/<lang>/` that translate no English file, so
/// that a misnamed file is not silently ignored.
fn unknown_files(
    data_dir: &Path,
    lang: &str,
    english: &[FileMessages<'_>],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let known: BTreeSet<String> = english.iter().map(|m| m.key.english_path()).collect();
    let root = data_dir.join("translations").join(lang);
    for relative in toml_files(&root, "") {
        if !known.contains(&relative) {
            let expected: Vec<&str> = known
                .iter()
                .filter(|path| !path.starts_with("locales/"))
                .map(String::as_str)
                .collect();
            diagnostics.push(
                Diagnostic::file_warning(
                    root.join(&relative),
                    "this file translates no English file",
                )
                .with_hint(format!(
                    "translation files mirror the English ones: {}",
                    expected.join(", ")
                )),
            );
        }
    }
}

/// The `.toml` files under `dir`, as paths relative to it with `/`.
fn toml_files(dir: &Path, prefix: &str) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_dir() {
            out.extend(toml_files(&path, &format!("{prefix}{name}/")));
        } else if name.ends_with(".toml") {
            out.push(format!("{prefix}{name}"));
        }
    }
    out.sort();
    out
}

/// The languages `data_dir` has files for besides English: the stems of
/// `locales/*.toml` and the folders of `translations/`, sorted.
pub fn languages(data_dir: &Path) -> Vec<String> {
    let mut found = BTreeSet::new();
    if let Ok(entries) = fs::read_dir(data_dir.join("locales")) {
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if path.extension().is_some_and(|ext| ext == "toml")
                && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
            {
                found.insert(stem.to_owned());
            }
        }
    }
    if let Ok(entries) = fs::read_dir(data_dir.join("translations")) {
        for entry in entries.filter_map(Result::ok) {
            if entry.path().is_dir() {
                found.insert(entry.file_name().to_string_lossy().into_owned());
            }
        }
    }
    found.remove(super::SOURCE_LANG);
    found.into_iter().collect()
}
