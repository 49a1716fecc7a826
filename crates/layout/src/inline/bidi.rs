//! Mixed-direction text: the Unicode bidirectional algorithm (UAX #9).
//!
//! A paragraph's embedding levels are resolved once, on its whole logical
//! text, before line breaking: lines are broken in logical order, and only
//! then are the pieces of each line reordered for display (rule L2), so an
//! English name or a number inside an Arabic sentence reads left to right
//! where it stands. Text runs keep their logical text; only their positions
//! and the order of glyphs within them are visual.

use unicode_bidi::{BidiClass, BidiInfo, Direction, Level, bidi_class, get_base_direction};

use crate::lang;

/// Resolved embedding levels of a paragraph.
pub struct Levels {
    /// The paragraph's base direction is right to left.
    pub rtl: bool,
    /// Level of every byte of the text; empty when all of it is left to
    /// right (level 0).
    levels: Vec<Level>,
}

/// No character below the Hebrew block is right to left or a bidi control,
/// so text made only of such characters is all left to right.
const FIRST_RTL: char = '\u{590}';

impl Levels {
    /// Levels of `text`, a paragraph of a document in language `lang`.
    pub fn resolve(text: &str, lang: &str) -> Levels {
        if !lang::is_rtl(lang) && text.chars().all(|c| c < FIRST_RTL) {
            return Levels {
                rtl: false,
                levels: Vec::new(),
            };
        }
        let rtl = is_rtl_paragraph(text, lang);
        let base = if rtl { Level::rtl() } else { Level::ltr() };
        // One base level for the whole text: a forced line break ("\n") is
        // a paragraph separator to UAX #9, but not to the reader.
        let info = BidiInfo::new(text, Some(base));
        Levels {
            rtl,
            levels: info.levels,
        }
    }

    /// The level of the character at byte `offset`.
    pub fn at(&self, offset: usize) -> Level {
        self.levels.get(offset).copied().unwrap_or_else(Level::ltr)
    }

    /// Byte ranges of `range` in which the level does not change.
    pub fn runs(&self, range: std::ops::Range<usize>) -> Vec<(std::ops::Range<usize>, Level)> {
        let mut runs: Vec<(std::ops::Range<usize>, Level)> = Vec::new();
        if self.levels.is_empty() {
            return vec![(range, Level::ltr())];
        }
        for i in range {
            let level = self.levels[i];
            match runs.last_mut() {
                Some((run, l)) if *l == level => run.end = i + 1,
                _ => runs.push((i..i + 1, level)),
            }
        }
        runs
    }
}

/// Whether paragraph `text` of a document in language `lang` is right to
/// left. In a right-to-left language it is (an Arabic paragraph stays so
/// when it opens with an English name), unless the text has no
/// right-to-left letter at all: English not translated yet reads left to
/// right. In a left-to-right language a paragraph that starts with a
/// right-to-left letter (a quotation in Hebrew) is right to left.
pub fn is_rtl_paragraph(text: &str, lang: &str) -> bool {
    if lang::is_rtl(lang) {
        let any = |wanted: &[BidiClass]| text.chars().any(|c| wanted.contains(&bidi_class(c)));
        any(&[BidiClass::R, BidiClass::AL]) || !any(&[BidiClass::L])
    } else {
        get_base_direction(text) == Direction::Rtl
    }
}

/// The visual order, left to right, of a line's parts given their levels in
/// logical order (rule L2): indices into `levels`.
pub fn visual_order(levels: &[Level]) -> Vec<usize> {
    BidiInfo::reorder_visual(levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_inside_arabic_keep_their_direction() {
        let text = "زار Google عام 2024.";
        let levels = Levels::resolve(text, "ar");
        assert!(levels.rtl);
        assert!(levels.at(0).is_rtl());
        let google = text.find("Google").unwrap();
        assert!(levels.at(google).is_ltr());
        let year = text.find("2024").unwrap();
        assert!(levels.at(year).is_ltr());
        // Logical order: Arabic word, English name, Arabic word, number;
        // visually the first Arabic word is rightmost.
        let parts = [
            levels.at(0),
            levels.at(google),
            levels.at(year - 2),
            levels.at(year),
        ];
        assert_eq!(visual_order(&parts), vec![3, 2, 1, 0]);
    }

    #[test]
    fn untranslated_english_in_an_arabic_edition_reads_left_to_right() {
        assert!(!Levels::resolve("Not translated yet.", "ar").rtl);
        assert!(Levels::resolve("Google شركة", "ar").rtl);
        assert!(Levels::resolve("26%", "ar").rtl);
    }

    #[test]
    fn english_stays_left_to_right() {
        let levels = Levels::resolve("Hello, world", "en");
        assert!(!levels.rtl);
        assert_eq!(levels.runs(0..5), vec![(0..5, Level::ltr())]);
    }
}
