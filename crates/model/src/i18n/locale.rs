//! Locale files as strings by key: `toc-title`, `ratings.green`,
//! `categories.slow-progress.name`.
//!
//! The English locale file is read twice: as [`Locale`] (typed, so a
//! missing or misspelt key is reported the usual way) and here as strings
//! with their places in the file, so that translations, status reports and
//! exchange files can name and point at each word. A language's locale
//! file has the same shape; any word it leaves out is the English one.

use serde_spanned::Spanned;
use toml::de::{DeTable, DeValue};

use super::translations::TranslationFile;
use crate::content::Locale;
use crate::diag::Diagnostic;
use crate::load::files::SourceFile;

/// The string values of a locale file by dotted key, in file order.
/// Values that are not strings are reported: every word is text.
pub fn strings(
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, Spanned<String>)> {
    let table = match DeTable::parse(&file.text) {
        Ok(table) => table,
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let message = error.message().trim_end().to_owned();
            diagnostics.push(file.diagnostic(crate::Severity::Error, span, message));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    flatten("", table.get_ref(), file, &mut out, diagnostics);
    out.sort_by_key(|(_, value)| value.span().start);
    out
}

fn flatten(
    prefix: &str,
    table: &DeTable<'_>,
    file: &SourceFile,
    out: &mut Vec<(String, Spanned<String>)>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (key, value) in table {
        let path = format!("{prefix}{}", key.get_ref());
        match value.get_ref() {
            DeValue::String(text) => {
                out.push((path, Spanned::new(value.span(), text.clone().into_owned())))
            }
            DeValue::Table(inner) => flatten(&format!("{path}."), inner, file, out, diagnostics),
            other => diagnostics.push(file.diagnostic(
                crate::Severity::Error,
                value.span(),
                format!("expected text for \"{path}\", found {}", other.type_str()),
            )),
        }
    }
}

/// The locale of a language: the English words, each replaced by its
/// translation when `translation` has one.
pub fn merged(
    english: &[(String, Spanned<String>)],
    translation: Option<&TranslationFile>,
) -> Result<Locale, String> {
    let mut root = toml::Table::new();
    for (key, text) in english {
        let word = translation
            .and_then(|file| file.entries.get(key))
            .map_or(text.get_ref(), |entry| entry.text.get_ref());
        let mut path: Vec<&str> = key.split('.').collect();
        let Some(last) = path.pop() else { continue };
        let mut table = &mut root;
        for part in path {
            let entry = table
                .entry(part.to_owned())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            let toml::Value::Table(inner) = entry else {
                return Err(format!("\"{key}\" is inside a word"));
            };
            table = inner;
        }
        table.insert(last.to_owned(), toml::Value::String(word.clone()));
    }
    toml::Value::Table(root)
        .try_into()
        .map_err(|error: toml::de::Error| error.message().to_owned())
}

/// `template` with each `{name}` of `values` replaced, for the sentences
/// of locale files that the model completes (figure descriptions).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_by_dotted_key_in_file_order() {
        let file = SourceFile {
            path: std::path::Path::new("en.toml").into(),
            text: "b = \"B\"\n[ratings]\ngreen = \"G\"\n[x.y]\nz = \"Z\"\nn = 1\n".into(),
        };
        let mut diagnostics = Vec::new();
        let keys: Vec<String> = strings(&file, &mut diagnostics)
            .into_iter()
            .map(|(key, value)| format!("{key}={}", value.get_ref()))
            .collect();
        assert_eq!(keys, ["b=B", "ratings.green=G", "x.y.z=Z"]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics[0].message,
            "expected text for \"x.y.n\", found integer"
        );
        assert_eq!(diagnostics[0].line, 6);
    }

    #[test]
    fn fills_named_values() {
        assert_eq!(
            fill("{count} of {total}", &[("count", "5"), ("total", "42")]),
            "5 of 42"
        );
    }
}
