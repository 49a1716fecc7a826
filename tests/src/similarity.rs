//! Fuzzy comparison of extracted text against the source text.
//!
//! Extraction never reproduces a seed exactly — hyphenation, running heads and
//! page numbers intervene — so tests assert that nearly all of the seed's
//! words come out, in order.

use std::collections::HashMap;

/// The normalised words of `text`: split on whitespace, curly quotes and
/// apostrophes made straight, Unicode-lowercased, and punctuation stripped
/// from both ends (so "“Hello,”" and "hello" match, but "don’t" keeps its
/// inner apostrophe as "don't"). Tokens that are only punctuation vanish.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|token| {
            token
                .chars()
                .map(straighten_quote)
                .collect::<String>()
                .to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_owned()
        })
        .filter(|word| !word.is_empty())
        .collect()
}

fn straighten_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        other => other,
    }
}

/// The share of `expected`'s words that appear in `actual` in the same
/// order: the longest common subsequence of the two word sequences divided
/// by the number of expected words. 1.0 when `expected` has no words.
///
/// Runs in O(n·m) time but O(m) memory (two DP rows), since book-length
/// texts of ~8000 words would need a 64M-cell table otherwise.
pub fn word_sequence_coverage(expected: &str, actual: &str) -> f64 {
    let expected = words(expected);
    if expected.is_empty() {
        return 1.0;
    }
    // Compare small integers in the hot loop rather than strings.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut intern = |words: Vec<String>| -> Vec<u32> {
        words
            .into_iter()
            .map(|word| {
                let next = ids.len() as u32;
                *ids.entry(word).or_insert(next)
            })
            .collect()
    };
    let expected_len = expected.len();
    let expected = intern(expected);
    let actual = intern(words(actual));
    longest_common_subsequence(&expected, &actual) as f64 / expected_len as f64
}

fn longest_common_subsequence(a: &[u32], b: &[u32]) -> usize {
    let mut previous = vec![0usize; b.len() + 1];
    let mut current = vec![0usize; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            current[j + 1] = if x == y {
                previous[j] + 1
            } else {
                current[j].max(previous[j + 1])
            };
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::{longest_common_subsequence, word_sequence_coverage, words};

    #[test]
    fn words_normalise_case_quotes_and_edge_punctuation() {
        assert_eq!(
            words("“Don’t,” she said — ÉTÉ! ‘x’ (a-b) ..."),
            ["don't", "she", "said", "été", "x", "a-b"]
        );
    }

    #[test]
    fn lcs_counts_in_order_matches() {
        assert_eq!(longest_common_subsequence(&[1, 2, 3, 4], &[2, 4, 3]), 2);
        assert_eq!(longest_common_subsequence(&[], &[1]), 0);
        assert_eq!(longest_common_subsequence(&[1, 1], &[1, 1, 1]), 2);
    }

    #[test]
    fn coverage_is_share_of_expected_words_in_order() {
        assert_eq!(word_sequence_coverage("a b c d", "A, b; d"), 0.75);
        assert_eq!(word_sequence_coverage("one two", "header one two 17"), 1.0);
        assert_eq!(word_sequence_coverage("a b", "b a"), 0.5);
        assert_eq!(word_sequence_coverage("", "anything"), 1.0);
        assert_eq!(word_sequence_coverage("it’s “fine”", "it's \"fine\""), 1.0);
    }

    #[test]
    fn coverage_handles_book_length_texts() {
        let seed: String = (0..8000).map(|i| format!("w{} ", i % 613)).collect();
        let mut extracted = seed.replacen("w5 ", "", 3);
        extracted.push_str(" 42");
        let coverage = word_sequence_coverage(&seed, &extracted);
        assert!((coverage - 7997.0 / 8000.0).abs() < 1e-9, "{coverage}");
    }
}
