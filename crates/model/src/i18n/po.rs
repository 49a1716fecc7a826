//! GNU gettext PO files, the exchange format with translation tools.
//!
//! PO rather than XLIFF 2: every translation tool and platform reads and
//! writes it (Poedit, Weblate, Crowdin, Lokalise, OmegaT, Virtaal), it is
//! plain text that diffs and merges in git, and it has exactly the slots
//! Folio needs: `msgctxt` carries a string's file and id (so that two equal
//! English strings, like the many "Ibid", stay separate), `#.` comments
//! carry where the string is printed and what to keep, `#:` points at the
//! English file and line, and `#, fuzzy` marks a translation whose English
//! has changed. XLIFF 2's inline-markup model would let tools protect note
//! references themselves; Folio instead checks every imported translation
//! keeps them, which works with every tool.

use std::ops::Range;

/// One entry of a PO file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// `#.` lines: notes for the translator.
    pub notes: Vec<String>,
    /// `#:` lines: where the source string is.
    pub references: Vec<String>,
    /// `#,` flags, e.g. `fuzzy`.
    pub flags: Vec<String>,
    pub context: Option<String>,
    pub id: String,
    pub translation: String,
    /// Byte range of the `msgstr` keyword and its strings in the file, to
    /// point at a translation that cannot be imported.
    pub at: Range<usize>,
}

impl Entry {
    pub fn is_fuzzy(&self) -> bool {
        self.flags.iter().any(|flag| flag == "fuzzy")
    }
}

/// Lines of strings are wrapped to this width, as gettext's tools do, so
/// that diffs of long paragraphs stay readable.
const WIDTH: usize = 76;

/// The text of a PO file: `header` lines as translator comments, `fields`
/// in the header entry, then `entries`.
pub fn write(header: &[String], fields: &[(&str, &str)], entries: &[Entry]) -> String {
    let mut out = String::new();
    for line in header {
        push_comment(&mut out, "#", line);
    }
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    for (name, value) in fields {
        out.push_str(&format!("\"{}\"\n", escape(&format!("{name}: {value}\n"))));
    }
    for entry in entries {
        out.push('\n');
        for note in &entry.notes {
            push_comment(&mut out, "#.", note);
        }
        for reference in &entry.references {
            push_comment(&mut out, "#:", reference);
        }
        if !entry.flags.is_empty() {
            push_comment(&mut out, "#,", &entry.flags.join(", "));
        }
        if let Some(context) = &entry.context {
            push_string(&mut out, "msgctxt", context);
        }
        push_string(&mut out, "msgid", &entry.id);
        push_string(&mut out, "msgstr", &entry.translation);
    }
    out
}

fn push_comment(out: &mut String, mark: &str, text: &str) {
    for line in text.lines() {
        if line.is_empty() {
            out.push_str(mark);
        } else {
            out.push_str(&format!("{mark} {line}"));
        }
        out.push('\n');
    }
}

fn push_string(out: &mut String, keyword: &str, value: &str) {
    let escaped = escape(value);
    if keyword.len() + escaped.len() + 3 <= WIDTH && !value.contains('\n') {
        out.push_str(&format!("{keyword} \"{escaped}\"\n"));
        return;
    }
    out.push_str(&format!("{keyword} \"\"\n"));
    for line in wrap(&escaped) {
        out.push_str(&format!("\"{line}\"\n"));
    }
}

/// `escaped` cut after spaces and escaped newlines into lines of at most
/// [`WIDTH`] characters where possible. Cuts never fall inside an escape.
fn wrap(escaped: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut last_break = None;
    let mut chars = 0;
    let bytes = escaped.as_bytes();
    for (at, c) in escaped.char_indices() {
        chars += 1;
        let end = at + c.len_utf8();
        let newline =
            c == 'n' && at > 0 && bytes[at - 1] == b'\\' && !escaped_backslash(bytes, at - 1);
        if c == ' ' || newline {
            last_break = Some(end);
        }
        if newline {
            lines.push(&escaped[start..end]);
            (start, chars, last_break) = (end, 0, None);
        } else if chars > WIDTH
            && let Some(cut) = last_break
        {
            lines.push(&escaped[start..cut]);
            chars = escaped[cut..end].chars().count();
            (start, last_break) = (cut, None);
        }
    }
    if start < escaped.len() || lines.is_empty() {
        lines.push(&escaped[start..]);
    }
    lines
}

/// Whether the backslash at `at` is itself escaped (preceded by an odd
/// number of backslashes).
fn escaped_backslash(bytes: &[u8], at: usize) -> bool {
    bytes[..at]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count()
        % 2
        == 1
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            other => out.push(other),
        }
    }
    out
}

/// A problem reading a PO file: where, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub at: Range<usize>,
    pub message: String,
}

/// The entries of a PO file, the header entry (empty `msgid`) first if
/// there is one. Obsolete entries (`#~`) are left out.
pub fn parse(text: &str) -> Result<Vec<Entry>, SyntaxError> {
    let mut entries = Vec::new();
    let mut entry = Entry::default();
    // The keyword whose strings continuation lines extend.
    let mut open: Option<&str> = None;
    let mut has_id = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset..offset + line.trim_end().len();
        offset += line.len();
        let line = line.trim();
        if line.is_empty() || line.starts_with("#~") {
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if has_id && open == Some("msgstr") {
                entries.push(std::mem::take(&mut entry));
                (open, has_id) = (None, false);
            }
            let (kind, content) =
                comment.split_at(comment.chars().next().map_or(0, char::len_utf8));
            let content = content.trim_start().to_owned();
            match kind {
                "." => entry.notes.push(content),
                ":" => entry.references.push(content),
                "," => entry
                    .flags
                    .extend(content.split(',').map(|flag| flag.trim().to_owned())),
                _ => {}
            }
            continue;
        }
        if line.starts_with('"') {
            let Some(keyword) = open else {
                return Err(error(at, "a string that belongs to no keyword"));
            };
            let value = unquote(line, at.clone())?;
            field(&mut entry, keyword).push_str(&value);
            if keyword == "msgstr" {
                entry.at.end = at.end;
            }
            continue;
        }
        let (keyword, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let keyword = match keyword {
            "msgctxt" | "msgid" | "msgstr" => keyword,
            "msgid_plural" => {
                return Err(error(at, "plural forms are not used by Folio"));
            }
            other if other.starts_with("msgstr[") => {
                return Err(error(at, "plural forms are not used by Folio"));
            }
            other => return Err(error(at, &format!("unknown keyword \"{other}\""))),
        };
        if keyword != "msgstr" && open == Some("msgstr") {
            entries.push(std::mem::take(&mut entry));
            has_id = false;
        }
        let value = unquote(rest.trim(), at.clone())?;
        match keyword {
            "msgctxt" => entry.context = Some(value),
            "msgid" => {
                entry.id = value;
                has_id = true;
            }
            _ => {
                if !has_id {
                    return Err(error(at, "msgstr before its msgid"));
                }
                entry.translation = value;
                entry.at = at.clone();
            }
        }
        open = Some(keyword);
    }
    if has_id {
        if open != Some("msgstr") {
            return Err(error(offset..offset, "the last entry has no msgstr"));
        }
        entries.push(entry);
    }
    Ok(entries)
}

fn field<'e>(entry: &'e mut Entry, keyword: &str) -> &'e mut String {
    match keyword {
        "msgctxt" => entry.context.get_or_insert_with(String::new),
        "msgid" => &mut entry.id,
        _ => &mut entry.translation,
    }
}

fn error(at: Range<usize>, message: &str) -> SyntaxError {
    SyntaxError {
        at,
        message: message.to_owned(),
    }
}

/// The value of a quoted PO string.
fn unquote(quoted: &str, at: Range<usize>) -> Result<String, SyntaxError> {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .filter(|_| quoted.len() >= 2)
        .ok_or_else(|| error(at.clone(), "expected a string in double quotes"))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(match chars.next() {
                Some('n') => '\n',
                Some('t') => '\t',
                Some('r') => '\r',
                Some('"') => '"',
                Some('\\') => '\\',
                other => {
                    let what = other.map_or("end of line".into(), |c| format!("\\{c}"));
                    return Err(error(at, &format!("unknown escape {what} in a string")));
                }
            }),
            '"' => {
                return Err(error(
                    at,
                    "a double quote inside a string must be written \\\"",
                ));
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// The value of `name` in the header entry's fields (`Language: fr`).
pub fn header_field<'a>(header: &'a Entry, name: &str) -> Option<&'a str> {
    header.translation.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(context: &str, id: &str, translation: &str) -> Entry {
        Entry {
            notes: vec!["Heading of section 1.".into(), "Keep [^a].".into()],
            references: vec!["data/campaign.toml:12".into()],
            flags: vec!["fuzzy".into()],
            context: Some(context.into()),
            id: id.into(),
            translation: translation.into(),
            at: 0..0,
        }
    }

    #[test]
    fn writes_and_reads_back_every_field() {
        let long = "A long paragraph with \"quotes\", a back\\slash, a line\nbreak and enough words to be wrapped over several lines of the file, twice over: enough words to be wrapped over several lines.";
        let entries = vec![
            entry(
                "campaign.toml:introduction.title",
                "PROGRESS {THE_COUNTRY}",
                "PROGRÈS {THE_COUNTRY}",
            ),
            entry("countries/usa.toml:situation.summary.1", long, ""),
        ];
        let text = write(&["Folio strings.".into()], &[("Language", "fr")], &entries);
        assert!(
            text.lines().all(|line| line.chars().count() <= WIDTH + 2),
            "{text}"
        );
        let read = parse(&text).unwrap();
        assert_eq!(read.len(), 3);
        assert_eq!(header_field(&read[0], "language"), Some("fr"));
        for (read, written) in read[1..].iter().zip(&entries) {
            assert_eq!(
                Entry {
                    at: 0..0,
                    ..read.clone()
                },
                *written
            );
        }
        let msgstr = &text[read[1].at.clone()];
        assert_eq!(msgstr, "msgstr \"PROGRÈS {THE_COUNTRY}\"");
    }

    #[test]
    fn skips_obsolete_entries_and_reports_bad_syntax_where_it_is() {
        let text = "#~ msgid \"old\"\n#~ msgstr \"vieux\"\nmsgid \"a\"\nmsgstr \"b\"\n";
        let read = parse(text).unwrap();
        assert_eq!((read.len(), read[0].translation.as_str()), (1, "b"));
        let bad = parse("msgid \"a\"\nmsgstr \"b\\q\"\n").unwrap_err();
        assert_eq!(bad.message, "unknown escape \\q in a string");
        assert_eq!(bad.at, 10..22);
        let plural = parse("msgid \"a\"\nmsgid_plural \"as\"\n").unwrap_err();
        assert_eq!(plural.message, "plural forms are not used by Folio");
    }
}
