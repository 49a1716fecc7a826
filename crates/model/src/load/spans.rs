//! Byte offsets in a content file, turned into what people read.

use std::ops::Range;

/// The 1-based line and column (in characters) of byte `offset` in `text`.
/// An offset past the end or inside a character points at the nearest
/// character boundary before it, so any span from a parser is safe to use.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The byte offset in the file where the decoded `value` of the TOML string
/// whose token covers `token` begins.
///
/// Markup errors are found in the decoded string; to point at them in the
/// file we need where that string starts inside its quotes. When the value
/// is written without escapes it appears verbatim in the token (after one to
/// three quote characters and, for multi-line strings, the trimmed newline)
/// and the answer is exact. Otherwise offsets inside the value cannot be
/// mapped one to one, and the start of the token is the best place to point.
pub fn value_start(text: &str, token: Range<usize>, value: &str) -> usize {
    text.get(token.clone())
        .and_then(|raw| raw.find(value))
        .map_or(token.start, |inside| token.start + inside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters_from_one() {
        let text = "a = 1\nname = \"Ré\" x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // "x" comes after the two-byte "é": byte 19, character column 13.
        assert_eq!(line_column(text, 19), (2, 13));
    }

    #[test]
    fn tolerates_offsets_inside_a_character_or_past_the_end() {
        let text = "é";
        assert_eq!(line_column(text, 1), (1, 1));
        assert_eq!(line_column(text, 99), (1, 2));
    }

    #[test]
    fn finds_the_value_inside_its_quotes() {
        let text = "x = \"\"\"\nhello\"\"\"";
        assert_eq!(value_start(text, 4..text.len(), "hello"), 8);
        let escaped = "x = \"say \\\"hi\\\"\"";
        assert_eq!(value_start(escaped, 4..escaped.len(), "say \"hi\""), 4);
    }
}
