//! Where a line may break, whatever the script.
//!
//! Break opportunities come from ICU4X's line segmenter: the Unicode line
//! breaking algorithm (UAX #14) with its strict rules for Chinese and
//! Japanese (kinsoku: no line starts with 。、」) or a small kana, none ends
//! with 「), and word dictionaries for scripts written without spaces
//! between words (Thai, Khmer, Lao, Burmese), which UAX #14 alone cannot
//! break. Each opportunity is classified by what the elements stage puts
//! there.

use std::ops::Range;

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::{LineBreakOptions, LineBreakWordOption};
use unicode_script::{Script, UnicodeScript};

/// What a break opportunity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opportunity {
    /// A forced break: the text before it ends with a line separator.
    Mandatory,
    /// After white space: a word space.
    Space,
    /// Between two characters set without space between them (ideographs,
    /// kana, Thai words …): free to break, and where justification may add
    /// a little space.
    Tight,
    /// Anywhere else UAX #14 allows a break without a space (after a hyphen
    /// or a slash, before an opening parenthesis …).
    Bare,
    /// Inside a URL or an e-mail address, after `/`, `.` or `-`: nothing
    /// is added at the line end, since a hyphen would read as part of the
    /// address.
    InAddress,
}

/// Break opportunities of `text` in a document in language `lang`, as byte
/// offsets (after the break) in increasing order. The end of the text is
/// not one.
pub fn opportunities(text: &str, lang: &str) -> Vec<(usize, Opportunity)> {
    let mut options = LineBreakOptions::default();
    if lang.split(['-', '_']).next() == Some("ko") {
        // Korean breaks at spaces, like European languages, not between
        // syllables.
        options.word_option = Some(LineBreakWordOption::KeepAll);
    }
    let segmenter = LineSegmenter::new_dictionary(options);
    let addresses = addresses(text);
    let inside = |i: usize| addresses.iter().any(|a| a.start < i && i < a.end);
    let mut found: Vec<(usize, Opportunity)> = segmenter
        .segment_str(text)
        .filter(|&i| i > 0 && i < text.len() && !inside(i))
        .map(|i| (i, classify(&text[..i], &text[i..])))
        .collect();
    // UAX #14 breaks a URL after a slash but not after a dot; a reader
    // expects both, and no break anywhere else in it.
    for address in addresses {
        let word = &text[address.clone()];
        found.extend(
            word.char_indices()
                .map(|(i, c)| (i + c.len_utf8(), c))
                .filter(|&(end, c)| {
                    matches!(c, '/' | '.' | '-')
                        && end < word.len()
                        && !word[end..].starts_with('/')
                })
                .map(|(end, _)| (address.start + end, Opportunity::InAddress)),
        );
    }
    found.sort_by_key(|&(i, _)| i);
    found
}

/// The URLs and e-mail addresses in `text`: words (between white space,
/// without the punctuation that may close a sentence after them) that
/// name a scheme, start with `www.` or hold an `@`.
pub fn addresses(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Most paragraphs have none: three searches instead of a look at
    // every word.
    if !(text.contains("://") || text.contains("www.") || text.contains('@')) {
        return out;
    }
    let mut start = 0;
    for word in text.split(char::is_whitespace) {
        let trimmed = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '’', '”']);
        if is_address(trimmed) {
            out.push(start..start + trimmed.len());
        }
        start += word.len()
            + text[start + word.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    out
}

/// Whether a word (between white space) is a URL or an e-mail address.
pub fn is_address(word: &str) -> bool {
    let word = word.trim_start_matches(['(', '‘', '“', '"', '\'', '<']);
    word.contains("://") || word.starts_with("www.") || word.contains('@') && word.contains('.')
}

fn classify(before: &str, after: &str) -> Opportunity {
    let last = before.chars().next_back().unwrap_or(' ');
    let next = after.chars().next().unwrap_or(' ');
    if matches!(
        last,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    ) {
        Opportunity::Mandatory
    } else if last.is_whitespace() {
        Opportunity::Space
    } else if is_unspaced(last) || is_unspaced(next) {
        Opportunity::Tight
    } else {
        Opportunity::Bare
    }
}

/// Characters of writing systems that put no space between words, and the
/// full-width punctuation that goes with them.
fn is_unspaced(c: char) -> bool {
    matches!(
        c.script(),
        Script::Han
            | Script::Hiragana
            | Script::Katakana
            | Script::Bopomofo
            | Script::Yi
            | Script::Thai
            | Script::Lao
            | Script::Khmer
            | Script::Myanmar
    ) || matches!(c, '\u{3000}'..='\u{303F}' | '\u{30FB}' | '\u{30FC}' | '\u{FF00}'..='\u{FFEF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
        let mut parts = Vec::new();
        let mut start = 0;
        for (end, _) in opportunities(text, lang) {
            parts.push(&text[start..end]);
            start = end;
        }
        parts.push(&text[start..]);
        parts
    }

    #[test]
    fn english_breaks_after_spaces_and_hyphens() {
        let text = "a well-known fact\nagain";
        let found = opportunities(text, "en");
        assert_eq!(
            found,
            vec![
                (2, Opportunity::Space),
                (7, Opportunity::Bare),
                (13, Opportunity::Space),
                (18, Opportunity::Mandatory),
            ]
        );
    }

    #[test]
    fn urls_break_after_slashes_dots_and_hyphens_only() {
        let text = "see https://www.state.gov/j/tip-report/index.htm. Then";
        let parts = starts(text, "en");
        assert_eq!(
            parts,
            vec![
                "see ", "https://", "www.", "state.", "gov/", "j/", "tip-", "report/", "index.",
                "htm. ", "Then"
            ]
        );
        let inside: Vec<Opportunity> = opportunities(text, "en")
            .into_iter()
            .filter(|&(i, _)| i > 4 && i < 47)
            .map(|(_, o)| o)
            .collect();
        assert!(
            inside.iter().all(|&o| o == Opportunity::InAddress),
            "{inside:?}"
        );
    }

    #[test]
    fn an_email_address_is_an_address_and_a_sentence_is_not() {
        let text = "write to info@ecpat.org, or see it.Not an address";
        assert_eq!(addresses(text), vec![9..23]);
    }

    #[test]
    fn thai_words_are_found_by_dictionary() {
        let parts = starts("ภาษาไทยเป็นภาษา", "th");
        assert_eq!(parts, vec!["ภาษา", "ไทย", "เป็น", "ภาษา"]);
        assert!(
            opportunities("ภาษาไทย", "th")
                .iter()
                .all(|(_, o)| *o == Opportunity::Tight)
        );
    }

    #[test]
    fn japanese_obeys_kinsoku() {
        let parts = starts("東京は、「大阪」へ行きます。", "ja");
        // No part starts with 、」。 and none ends with 「.
        for part in &parts {
            assert!(!part.starts_with(['、', '」', '。']), "{parts:?}");
            assert!(!part.ends_with('「'), "{parts:?}");
        }
        assert!(parts.contains(&"は、"), "{parts:?}");
    }
}
