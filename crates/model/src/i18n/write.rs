//! The text of translation files, as `folio i18n import` writes them.
//!
//! Content translations are written whole, in the order of the English
//! file, so that a file reads alongside its English and two imports of the
//! same translations give the same bytes. Locale files are edited in place:
//! they are short, hand-written, and their comments are worth keeping.

use std::collections::BTreeMap;

use toml_edit::{DocumentMut, Item, Table, value};

use super::catalog::{FileKey, Message};

/// A translation as stored: the fingerprint of the English it was made
/// from, and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub fingerprint: String,
    pub text: String,
}

/// A content translation file holding `entries`: those of `order` (the
/// English file's strings) first, in that order, then those whose English
/// string no longer exists, which are kept until someone deletes them.
pub fn translation_file(
    lang: &str,
    key: &FileKey,
    order: &[Message<'_>],
    entries: &BTreeMap<String, Stored>,
) -> String {
    let mut out = format!(
        "# The {lang} translation of {}, one table per English string, by id.\n\
         # `text` is the translation; `fingerprint` identifies the English text it\n\
         # was made from, so that `folio i18n status` can tell when the English\n\
         # has changed since. Written by `folio i18n import`; editing by hand is\n\
         # fine (keep each fingerprint, or set the one the status report gives).\n",
        key.english_path()
    );
    let mut written = std::collections::BTreeSet::new();
    for message in order {
        if let Some(stored) = entries.get(&message.id) {
            push_entry(&mut out, &message.id, stored);
            written.insert(message.id.as_str());
        }
    }
    let mut orphans = entries
        .iter()
        .filter(|(id, _)| !written.contains(id.as_str()))
        .peekable();
    if orphans.peek().is_some() {
        out.push_str("\n# No English string has these ids any more.\n");
        for (id, stored) in orphans {
            push_entry(&mut out, id, stored);
        }
    }
    out
}

fn push_entry(out: &mut String, id: &str, stored: &Stored) {
    out.push_str(&format!(
        "\n[{}]\nfingerprint = {}\ntext = {}\n",
        quoted(id),
        quoted(&stored.fingerprint),
        quoted(&stored.text)
    ));
}

/// `text` as a TOML basic string.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The locale file `existing` (or a new one) with the words of `updates`
/// set, by dotted key.
pub fn locale_file(
    existing: Option<&str>,
    lang: &str,
    updates: &[(&str, &str)],
) -> Result<String, String> {
    let new = format!(
        "# Words of the {lang} booklets that belong to no campaign and no country;\n\
         # the keys are those of en.toml, and a word left out is printed in English.\n\n"
    );
    let mut document: DocumentMut = existing
        .unwrap_or(&new)
        .parse()
        .map_err(|error: toml_edit::TomlError| error.message().to_owned())?;
    for (key, text) in updates {
        let mut path: Vec<&str> = key.split('.').collect();
        let Some(last) = path.pop() else { continue };
        let mut table: &mut Table = document.as_table_mut();
        for part in path {
            let item = table.entry(part).or_insert_with(|| {
                // Implicit: a table holding only tables gets no header of
                // its own, as in `[categories.slow-progress]`.
                let mut inner = Table::new();
                inner.set_implicit(true);
                Item::Table(inner)
            });
            table = item
                .as_table_mut()
                .ok_or_else(|| format!("\"{key}\": \"{part}\" is not a table"))?;
        }
        table[last] = value(*text);
    }
    Ok(document.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_toml() {
        assert_eq!(
            quoted("a \"b\" \\ c\nd\u{7}"),
            "\"a \\\"b\\\" \\\\ c\\nd\\u0007\""
        );
        let parsed: toml::Table = format!("x = {}", quoted("é \" \\ \n")).parse().unwrap();
        assert_eq!(parsed["x"].as_str(), Some("é \" \\ \n"));
    }

    #[test]
    fn edits_locale_files_keeping_comments() {
        let existing = "# Mots.\ntoc-title = \"TABLE\" # titre\n\n[ratings]\ngreen = \"X\"\n";
        let out = locale_file(
            Some(existing),
            "fr",
            &[
                ("ratings.green", "VERT"),
                ("page-label", "Page"),
                ("categories.slow-progress.name", "LENT"),
            ],
        )
        .unwrap();
        let parsed: toml::Table = out.parse().unwrap();
        assert_eq!(parsed["ratings"]["green"].as_str(), Some("VERT"));
        assert_eq!(
            parsed["categories"]["slow-progress"]["name"].as_str(),
            Some("LENT")
        );
        assert!(
            out.starts_with("# Mots.\ntoc-title = \"TABLE\" # titre\n"),
            "{out}"
        );
    }
}
