//! Optical margin alignment: punctuation at a flush edge of a line hangs
//! into the margin by a share of its width.
//!
//! A full stop, comma, hyphen or closing quote at the end of a justified
//! line, or an opening quote at its start, is mostly white: set inside the
//! measure, it leaves a dent the eye reads as a ragged edge. Hung outside
//! by part of its width (InDesign's Optical Margin Alignment, microtype's
//! protrusion, Typst's overhang), the letters line up instead. The shares
//! are close to microtype's defaults for text faces. Right-to-left lines
//! hang at their left end and right start, which is what `Hangs` being
//! about logical ends gives.

use crate::frame::Glyph;

/// How far a line's first and last characters hang past its flush edges,
/// in points.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Hangs {
    /// At the line's logical start (its left edge in left-to-right text).
    pub start: f32,
    /// At its logical end.
    pub end: f32,
}

impl Hangs {
    pub fn total(self) -> f32 {
        self.start + self.end
    }
}

/// The share of its advance by which `c` hangs past the end of a line.
fn at_end(c: char) -> f32 {
    match c {
        // U+00AD is the text of a hyphen added at a hyphenation point.
        '-' | '\u{ad}' | '\u{2010}' | '.' | ',' | '”' | '’' | '»' | '“' | '"' | '\'' => 0.7,
        ':' | ';' | '…' => 0.5,
        '–' | '—' => 0.25,
        '!' | '?' | ')' => 0.2,
        _ => 0.0,
    }
}

/// The share of its advance by which `c` hangs past the start of a line.
fn at_start(c: char) -> f32 {
    match c {
        '“' | '‘' | '„' | '‚' | '«' | '"' | '\'' => 0.6,
        '(' => 0.2,
        _ => 0.0,
    }
}

/// A superscript note marker ending a line hangs by half its width: it is
/// small and high, and reads as belonging to the word before it.
const RAISED_SHARE: f32 = 0.5;

/// How far the first drawn piece of a line, `text` shaped as `glyphs`,
/// hangs past the line's start.
pub fn start(text: &str, glyphs: &[Glyph]) -> f32 {
    let Some(c) = text.chars().next() else {
        return 0.0;
    };
    at_start(c) * advance_of(glyphs, 0)
}

/// How far the last drawn piece of a line, `text` shaped as `glyphs`,
/// hangs past the line's end; `raised`: it is a note marker.
pub fn end(text: &str, glyphs: &[Glyph], raised: bool) -> f32 {
    if raised {
        return RAISED_SHARE * glyphs.iter().map(|g| g.x_advance).sum::<f32>();
    }
    let Some((at, c)) = text.char_indices().next_back() else {
        return 0.0;
    };
    at_end(c) * advance_of(glyphs, at)
}

/// The advance of the glyphs of the cluster holding byte `at` of the text.
fn advance_of(glyphs: &[Glyph], at: usize) -> f32 {
    glyphs
        .iter()
        .filter(|g| g.range.contains(&at))
        .map(|g| g.x_advance)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, advance: f32) -> Vec<Glyph> {
        text.char_indices()
            .map(|(at, c)| Glyph {
                id: 1,
                x_advance: advance,
                x_offset: 0.0,
                y_offset: 0.0,
                range: at..at + c.len_utf8(),
            })
            .collect()
    }

    #[test]
    fn punctuation_hangs_letters_do_not() {
        assert_eq!(end("word.", &glyphs("word.", 4.0), false), 0.7 * 4.0);
        assert_eq!(end("word", &glyphs("word", 4.0), false), 0.0);
        assert_eq!(end("\u{ad}", &glyphs("\u{ad}", 3.0), false), 0.7 * 3.0);
        assert_eq!(start("“Quote", &glyphs("“Quote", 5.0)), 0.6 * 5.0);
        assert_eq!(start("Quote", &glyphs("Quote", 5.0)), 0.0);
    }

    #[test]
    fn a_note_marker_hangs_by_half() {
        assert_eq!(end("12", &glyphs("12", 2.0), true), 2.0);
    }
}
