//! Pseudo-localisation: every string accented, about 35% longer and
//! bracketed, so that designers see what a translation will do to the
//! layout before there is one. Accents show text that escaped translation
//! (it stays plain ASCII), the extra length shows where a longer language
//! will overflow, and the brackets show where a string was cut.
//!
//! Note references, page references, link targets, placeholders and
//! Markdown syntax are left as they are, so the pseudo edition composes
//! exactly like the English one.

use super::catalog::Format;
use crate::placeholders;

/// The tag of the pseudo edition, as given on the command line.
pub const TAG: &str = "pseudo";
/// Its BCP 47 tag: CLDR's pseudo-locale for accented English.
pub const BCP47: &str = "en-XA";

/// How much longer a string gets: translations from English into French,
/// German or Russian commonly run 20 to 35% longer.
const EXPANSION: f32 = 0.35;

/// `text` pseudo-localised.
pub fn pseudo(text: &str, format: Format) -> String {
    let kept = protected(text, format);
    let mut out = String::with_capacity(text.len() * 2);
    let (open, close) = match format {
        // Escaped, so the brackets cannot pair with Markdown around them.
        Format::Markdown => ("\\[", "\\]"),
        Format::Plain => ("[", "]"),
    };
    out.push_str(open);
    let mut owed = 0.0;
    for (at, c) in text.char_indices() {
        if kept.iter().any(|range| range.contains(&at)) {
            out.push(c);
            continue;
        }
        let accented = accent(c);
        out.push(accented);
        owed += EXPANSION;
        // Lengthen words rather than add words: long words are what break
        // narrow table columns.
        if owed >= 1.0 && "aeiouyAEIOUY".contains(c) {
            while owed >= 1.0 {
                out.push(accented);
                owed -= 1.0;
            }
        }
    }
    out.push_str(close);
    out
}

/// Byte ranges of `text` to copy unchanged: placeholders, and in Markdown
/// note and page references, link targets, autolinks and escapes.
fn protected(text: &str, format: Format) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<_> = placeholders::candidates(text)
        .map(|(range, _)| range)
        .collect();
    if format == Format::Plain {
        return ranges;
    }
    let bytes = text.as_bytes();
    let until = |from: usize, end: u8| {
        bytes[from..]
            .iter()
            .position(|&b| b == end)
            .map_or(text.len(), |i| from + i + 1)
    };
    let mut i = 0;
    while i < bytes.len() {
        let next = match bytes[i] {
            b'\\' => (i + 2).min(text.len()),
            b'[' if bytes.get(i + 1) == Some(&b'^') => until(i, b']'),
            b']' if bytes.get(i + 1) == Some(&b'(') => until(i, b')'),
            b'<' => until(i, b'>'),
            _ => {
                i += 1;
                continue;
            }
        };
        ranges.push(i..next);
        i = next;
    }
    ranges
}

/// A look-alike of an ASCII letter with a diacritic, from Latin-1 and
/// Latin Extended where fonts for Latin scripts have glyphs.
fn accent(c: char) -> char {
    const LOWER: [char; 26] = [
        'á', 'ƀ', 'ç', 'ď', 'é', 'ƒ', 'ĝ', 'ĥ', 'î', 'ĵ', 'ķ', 'ļ', 'ḿ', 'ñ', 'ö', 'þ', 'ǫ', 'ŕ',
        'š', 'ţ', 'ü', 'ṽ', 'ŵ', 'ẋ', 'ý', 'ž',
    ];
    const UPPER: [char; 26] = [
        'Å', 'Ɓ', 'Ç', 'Ď', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Î', 'Ĵ', 'Ķ', 'Ļ', 'Ḿ', 'Ñ', 'Ö', 'Þ', 'Ǫ', 'Ŕ',
        'Š', 'Ţ', 'Û', 'Ṽ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
    ];
    match c {
        'a'..='z' => LOWER[usize::from(c as u8 - b'a')],
        'A'..='Z' => UPPER[usize::from(c as u8 - b'A')],
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::super::kept;
    use super::*;

    #[test]
    fn accents_lengthens_and_brackets_text() {
        assert_eq!(pseudo("Page", Format::Plain), "[Þáĝéé]");
        let long = "The information provided in this card describes the situation.";
        let out = pseudo(long, Format::Plain);
        let grown = out.chars().count() as f32 / long.chars().count() as f32;
        assert!((1.3..1.45).contains(&grown), "{out} grew by {grown}");
        assert!(!out.chars().any(|c| c.is_ascii_lowercase()), "{out}");
    }

    #[test]
    fn keeps_markup_references_and_placeholders() {
        let text = "In {the_country} *see* [](#methodology) and [a link](https://x.org/a_b) \
                    or <https://y.org>.[^ngo-star] \\*";
        let out = pseudo(text, Format::Markdown);
        for kept in [
            "{the_country}",
            "[](#methodology)",
            "](https://x.org/a_b)",
            "<https://y.org>",
            "[^ngo-star]",
            "\\*",
        ] {
            assert!(out.contains(kept), "{kept} lost in {out}");
        }
        assert!(out.starts_with("\\[Î") && out.ends_with("\\]"), "{out}");
        assert_eq!(kept::mismatch(text, &out, Format::Markdown), None);
        let (nodes, errors) = crate::markup::parse(&out);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(
            matches!(&nodes[0], crate::markup::Node::Text { text, .. } if text.starts_with('['))
        );
    }
}
