//! Turns positioned glyphs back into lines and words.
//!
//! A PDF has no notion of spaces or line breaks: a producer may draw a space
//! glyph, or just start the next word further right, or start a new line with
//! `Td`, `Tm` or a fresh `BT` block. Comparing each glyph's position with where
//! the previous one ended recovers both, whichever way the producer chose.

/// A baseline that moves by more than this fraction of the font size starts a
/// new line. Lines are at least ~1 em apart, while krilla's per-glyph y offsets
/// (marks, raised glyphs) stay well below half an em.
const NEW_LINE_RISE: f32 = 0.5;

/// A horizontal gap wider than this fraction of the font size separates two
/// words. Kerning and tracking stay below ~0.1 em; the narrowest justified
/// inter-word space is still about 0.2 em.
const WORD_GAP: f32 = 0.15;

/// Jumping back left by more than this many ems on the same baseline means a
/// new line (e.g. a second column that happens to share a baseline).
const LINE_RESTART: f32 = 1.0;

/// Where the previous glyph left the pen, in device space.
#[derive(Clone, Copy)]
struct Pen {
    x: f32,
    y: f32,
    size: f32,
}

/// A glyph's placement in device space.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Placement {
    pub x: f32,
    pub y: f32,
    /// The x the pen reaches after the glyph's advance.
    pub end_x: f32,
    /// The font size in device units.
    pub size: f32,
}

#[derive(Default)]
pub(crate) struct LineBuilder {
    text: String,
    pen: Option<Pen>,
}

impl LineBuilder {
    /// Appends a glyph's text, preceded by a line break or space if its
    /// position calls for one. `None` text marks a glyph whose text was
    /// already given by an enclosing `/ActualText`: it only moves the pen.
    pub fn glyph(&mut self, at: Placement, text: Option<&str>) {
        if let Some(text) = text {
            if let Some(pen) = self.pen {
                let em = at.size.max(pen.size);
                if (at.y - pen.y).abs() > NEW_LINE_RISE * em || at.x < pen.x - LINE_RESTART * em {
                    self.break_line();
                } else if at.x - pen.x > WORD_GAP * em && !text.starts_with(char::is_whitespace) {
                    self.space();
                }
            }
            self.text.push_str(text);
        }
        self.pen = Some(Pen {
            x: at.end_x,
            y: at.y,
            size: at.size,
        });
    }

    /// Text that belongs to no glyph (an `/ActualText` span that drew nothing).
    pub fn push_unplaced(&mut self, text: &str) {
        self.text.push_str(text);
    }

    pub fn finish(mut self) -> String {
        self.trim_trailing_spaces();
        while self.text.ends_with('\n') {
            self.text.pop();
        }
        self.text
    }

    fn break_line(&mut self) {
        // A space glyph drawn at the end of a line is layout, not content.
        self.trim_trailing_spaces();
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    fn space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(char::is_whitespace) {
            self.text.push(' ');
        }
    }

    fn trim_trailing_spaces(&mut self) {
        let kept = self.text.trim_end_matches([' ', '\t']).len();
        self.text.truncate(kept);
    }
}

#[cfg(test)]
mod tests {
    use super::{LineBuilder, Placement};

    fn at(x: f32, y: f32, width: f32) -> Placement {
        Placement {
            x,
            y,
            end_x: x + width,
            size: 10.0,
        }
    }

    #[test]
    fn gaps_become_spaces_and_baseline_moves_become_newlines() {
        let mut lines = LineBuilder::default();
        lines.glyph(at(0.0, 100.0, 5.0), Some("a"));
        lines.glyph(at(5.0, 100.0, 5.0), Some("b"));
        lines.glyph(at(13.0, 100.0, 5.0), Some("c"));
        lines.glyph(at(0.0, 88.0, 5.0), Some("d"));
        assert_eq!(lines.finish(), "ab c\nd");
    }

    #[test]
    fn drawn_spaces_are_not_doubled_and_trailing_ones_dropped() {
        let mut lines = LineBuilder::default();
        lines.glyph(at(0.0, 100.0, 5.0), Some("a"));
        lines.glyph(at(5.0, 100.0, 3.0), Some(" "));
        lines.glyph(at(20.0, 100.0, 5.0), Some("b"));
        lines.glyph(at(25.0, 100.0, 3.0), Some(" "));
        lines.glyph(at(0.0, 80.0, 5.0), Some(" c"));
        assert_eq!(lines.finish(), "a b\n c");
    }

    #[test]
    fn small_raise_stays_on_the_line_and_jump_back_breaks_it() {
        let mut lines = LineBuilder::default();
        lines.glyph(at(0.0, 100.0, 5.0), Some("x"));
        lines.glyph(at(5.0, 103.0, 4.0), Some("2"));
        lines.glyph(at(9.0, 100.0, 5.0), Some("y"));
        lines.glyph(at(-50.0, 100.0, 5.0), Some("z"));
        assert_eq!(lines.finish(), "x2y\nz");
    }
}
