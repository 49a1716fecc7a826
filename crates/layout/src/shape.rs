//! OpenType shaping with per-cluster font fallback.
//!
//! Text is split into runs of characters that one face can draw (the
//! requested face first, then the same style of every other family), and
//! each run is shaped with rustybuzz so kerning and standard ligatures apply.
//! Shaping results are cached per (face, text): a booklet repeats the same
//! words hundreds of times and shaping dominates layout otherwise.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::fonts::{FontBook, FontId};

/// A glyph in font units, before scaling to a size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitGlyph {
    pub id: u16,
    pub x_advance: i32,
    pub x_offset: i32,
    pub y_offset: i32,
    /// Byte offset of the glyph's cluster in the shaped text.
    pub cluster: u32,
}

/// Text shaped in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapedRun {
    pub font: FontId,
    /// Byte range of the run in the shaped text.
    pub start: usize,
    pub end: usize,
    pub glyphs: Vec<UnitGlyph>,
}

/// Shaped runs of one text in one face, shared between cache and callers.
type Shaped = Rc<Vec<ShapedRun>>;

/// A per-thread cache of shaped text. Faces are shared by every thread;
/// the cache is not, so no locking happens on the hot path.
#[derive(Default)]
pub struct Shaper {
    cache: RefCell<HashMap<(FontId, String), Shaped>>,
}

impl Shaper {
    /// Shapes `text` in `font`, falling back to other faces for characters
    /// `font` cannot draw. Characters no face can draw are shaped in `font`
    /// and come out as `.notdef`; the model's coverage check reports them
    /// before layout.
    pub fn shape(&self, book: &FontBook, font: FontId, text: &str) -> Shaped {
        let key = (font, text.to_owned());
        if let Some(hit) = self.cache.borrow().get(&key) {
            return hit.clone();
        }
        let runs = Rc::new(
            split_by_coverage(book, font, text)
                .into_iter()
                .map(|(face, start, end)| ShapedRun {
                    font: face,
                    start,
                    end,
                    glyphs: shape_in(book, face, &text[start..end], start),
                })
                .collect::<Vec<_>>(),
        );
        self.cache.borrow_mut().insert(key, runs.clone());
        runs
    }
}

/// Splits `text` into maximal runs that a single face can draw.
fn split_by_coverage(book: &FontBook, font: FontId, text: &str) -> Vec<(FontId, usize, usize)> {
    let mut runs: Vec<(FontId, usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        let face = pick_face(book, font, c);
        let end = i + c.len_utf8();
        match runs.last_mut() {
            // Combining marks and joiners stay with their base character.
            Some(last) if last.0 == face || is_cluster_continuation(c) => last.2 = end,
            _ => runs.push((face, i, end)),
        }
    }
    runs
}

fn pick_face(book: &FontBook, font: FontId, c: char) -> FontId {
    if c.is_whitespace() || book.face(font).has_char(c) {
        return font;
    }
    book.fallbacks(font)
        .find(|&f| book.face(f).has_char(c))
        .unwrap_or(font)
}

fn is_cluster_continuation(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

fn shape_in(book: &FontBook, font: FontId, text: &str, offset: usize) -> Vec<UnitGlyph> {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let output = rustybuzz::shape(&book.face(font).shaper, &[], buffer);
    output
        .glyph_infos()
        .iter()
        .zip(output.glyph_positions())
        .map(|(info, pos)| UnitGlyph {
            id: info.glyph_id as u16,
            x_advance: pos.x_advance,
            x_offset: pos.x_offset,
            y_offset: pos.y_offset,
            cluster: info.cluster + offset as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Style;

    #[test]
    fn ligature_keeps_its_cluster() {
        let book = FontBook::bundled();
        let serif = book.select("Noto Serif", Style::default());
        let runs = Shaper::default().shape(book, serif, "office");
        assert_eq!(runs.len(), 1);
        // "ffi" is one ligature glyph in Noto Serif: fewer glyphs than chars.
        assert!(runs[0].glyphs.len() < 6, "{:?}", runs[0].glyphs);
        assert_eq!(runs[0].glyphs[0].cluster, 0);
    }
}
