//! Where a word may be cut with a hyphen, by the rules a book designer
//! sets, on top of `hypher`'s TeX patterns for the language.
//!
//! Patterns find syllables; they know nothing of what a cut does to a
//! reader. Short words and short fragments are not worth a hyphen; names
//! written with inner capitals, numbers and addresses are read as one
//! token, and a cut one looks like a different token.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use super::segment;
use crate::shape::MAX_CACHED;

/// Words shorter than this many letters are never hyphenated.
const MIN_WORD: usize = 6;
/// Letters a hyphen leaves on the line, and carries to the next.
const MIN_BEFORE: usize = 2;
const MIN_AFTER: usize = 3;

/// Whether the word around `range` (the text between white space) may be
/// hyphenated at all: not if it holds a digit, a capital after its first
/// letter ("iPhone", "U.S.", "COVID"), or is a URL or e-mail address.
pub fn may_hyphenate(text: &str, range: Range<usize>) -> bool {
    let start = text[..range.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let end = text[range.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| range.end + i);
    let word = &text[start..end];
    let mut after_first_letter = false;
    for c in word.chars() {
        if c.is_numeric() || after_first_letter && c.is_uppercase() {
            return false;
        }
        after_first_letter |= c.is_alphabetic();
    }
    !segment::is_address(word)
}

/// Byte offsets inside `range` where the word may be hyphenated. Only the
/// alphabetic core of a word is hyphenated (not the "2009," or the quotes
/// around it).
pub fn points(text: &str, range: Range<usize>, lang: hypher::Lang) -> Vec<usize> {
    // Letters and the marks that combine with them (Devanagari's virama
    // and vowel signs are marks).
    let in_word =
        |c: char| c.is_alphabetic() || c.general_category_group() == GeneralCategoryGroup::Mark;
    let word = &text[range.clone()];
    let Some(core_start) = word.find(char::is_alphabetic) else {
        return vec![];
    };
    let core_len = word[core_start..]
        .find(|c: char| !in_word(c))
        .unwrap_or(word.len() - core_start);
    let core = &word[core_start..core_start + core_len];
    let letters = core.chars().count();
    if letters < MIN_WORD {
        return vec![];
    }
    let start = range.start + core_start;
    syllable_ends(core, lang)
        .iter()
        .map(|&end| end as usize)
        .filter(|&end| {
            let before = core[..end].chars().count();
            before >= MIN_BEFORE && letters - before >= MIN_AFTER
        })
        .map(|end| start + end)
        .collect()
}

/// Words hyphenated on this thread, by language, then by word (so that a
/// lookup borrows the word): the editions of a campaign share most of their
/// words, and the pages of one repeat many. Bounded like the shaping cache,
/// by [`MAX_CACHED`] words.
type Hyphenated = HashMap<hypher::Lang, HashMap<Box<str>, Rc<[u32]>>>;

thread_local! {
    static HYPHENATED: RefCell<Hyphenated> = RefCell::default();
}

/// Where the syllables of `word` end, but the last, as byte offsets in it.
fn syllable_ends(word: &str, lang: hypher::Lang) -> Rc<[u32]> {
    HYPHENATED.with_borrow_mut(|cache| {
        if let Some(ends) = cache.get(&lang).and_then(|words| words.get(word)) {
            return ends.clone();
        }
        let syllables: Vec<&str> = hypher::hyphenate(word, lang).collect();
        let mut end = 0;
        let ends: Rc<[u32]> = syllables[..syllables.len().saturating_sub(1)]
            .iter()
            .map(|syllable| {
                end += syllable.len() as u32;
                end
            })
            .collect();
        if cache.values().map(HashMap::len).sum::<usize>() >= MAX_CACHED {
            cache.clear();
        }
        cache
            .entry(lang)
            .or_default()
            .insert(Box::from(word), ends.clone());
        ends
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(word: &str) -> Vec<&str> {
        let text = format!("see {word} here");
        let range = 4..4 + word.len();
        if !may_hyphenate(&text, range.clone()) {
            return vec![word];
        }
        let mut parts = vec![];
        let mut from = range.start;
        for at in points(&text, range.clone(), hypher::Lang::English) {
            parts.push(&word[from - 4..at - 4]);
            from = at;
        }
        parts.push(&word[from - 4..]);
        parts
    }

    #[test]
    fn long_words_are_cut_leaving_two_letters_and_carrying_three() {
        assert_eq!(cut("trafficking"), vec!["traf", "fick", "ing"]);
        for word in ["trafficking", "exploitation", "prosecution", "awareness"] {
            let parts = cut(word);
            assert!(parts.len() > 1, "{word}: {parts:?}");
            assert!(parts[0].chars().count() >= MIN_BEFORE, "{parts:?}");
            assert!(
                parts.last().unwrap().chars().count() >= MIN_AFTER,
                "{parts:?}"
            );
        }
        // "Washington," is hyphenated in its letters, not its comma.
        assert!(cut("Washington,").len() > 1);
    }

    #[test]
    fn short_words_names_numbers_and_addresses_stay_whole() {
        for word in [
            "child",
            "women",
            "McDonald's",
            "iPhone",
            "UNICEF",
            "COVID-19",
            "2009-2010",
            "victims2",
            "https://www.state.gov/tip",
            "www.ecpat.org",
            "info@ecpat.org",
        ] {
            assert_eq!(cut(word), vec![word], "{word}");
        }
    }
}
