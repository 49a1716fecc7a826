//! The words of a PDF's text layer, with the page and box of each, read
//! with hayro's interpreter: the same parser that draws the page images, so
//! a word's box is where its pixels are.
//!
//! Reading through the interpreter rather than a second PDF reader (the
//! tests' lopdf one) means one parser for pictures and text, positions in
//! the same coordinates as the pixels, and no copy of content-stream and
//! ToUnicode handling in the binary.

use hayro::hayro_interpret::font::{Glyph, GlyphRun};
use hayro::hayro_interpret::hayro_cmap::BfString;
use hayro::hayro_interpret::hayro_syntax::Pdf;
use hayro::hayro_interpret::hayro_syntax::object::Dict;
use hayro::hayro_interpret::hayro_syntax::page::Page;
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, interpret_page,
};
use hayro::kurbo::{Affine, BezPath, Point, Rect};

/// A word as printed: its text, the page it is on and its box in points
/// from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    /// 0-based page index.
    pub page: usize,
    pub bbox: Rect,
    /// Which line of the document (counted from 0 across all pages) the
    /// word starts on.
    pub line: usize,
}

/// Every word of `pdf`, page after page, in the order they are drawn
/// (Folio draws in reading order), and whether the PDF marks artifacts,
/// whose text is left out.
pub fn words(pdf: &Pdf) -> (Vec<Word>, bool) {
    let cache = InterpreterCache::new();
    let mut reader = Reader::default();
    for (index, page) in pdf.pages().iter().enumerate() {
        reader.page = index;
        reader.last = None;
        reader.marked.clear();
        read_page(page, &cache, &mut reader);
        reader.end_word();
    }
    (join_hyphenated(reader.words), reader.tagged)
}

fn read_page<'a>(page: &Page<'a>, cache: &InterpreterCache<'a>, reader: &mut Reader) {
    let (width, height) = page.render_dimensions();
    let mut context = Context::new(
        page.initial_transform(true).to_kurbo(),
        Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
        cache,
        page.xref(),
        InterpreterSettings::default(),
    );
    interpret_page(page, &mut context, reader);
}

/// A glyph as the reader last saw it: where its baseline starts and ends,
/// and its size.
#[derive(Clone, Copy)]
struct Pen {
    baseline: f64,
    right: f64,
    size: f64,
}

/// Collects glyphs into words: a word ends at a space, where the baseline
/// changes, or where the next glyph starts far from (or before) the end of
/// the last one (table cells and columns are drawn without spaces between).
#[derive(Default)]
struct Reader {
    page: usize,
    line: usize,
    words: Vec<Word>,
    current: Option<Word>,
    last: Option<Pen>,
    /// For each marked-content sequence open, whether it is an artifact:
    /// a tagged PDF's running heads, page numbers and repeated titles, which
    /// are not the text (their places depend on the flow, and a box title
    /// repeated "(continued)" on another page is no edit).
    marked: Vec<bool>,
    /// Whether any artifact was marked.
    tagged: bool,
}

impl Reader {
    fn glyph(&mut self, text: &str, transform: Affine, advance: f64) {
        // Glyph space is 1000 units an em, y up; ascent and descent taken
        // as those of a typical Latin face.
        let bbox = transform.transform_rect_bbox(Rect::new(0.0, -220.0, advance, 800.0));
        let origin = transform * Point::ORIGIN;
        let end = transform * Point::new(advance, 0.0);
        let size = bbox.height().max(1.0);
        let pen = Pen {
            baseline: origin.y,
            right: end.x.max(origin.x),
            size,
        };
        if let Some(last) = self.last {
            let new_line = (pen.baseline - last.baseline).abs() > 0.3 * last.size.min(size);
            let gap = origin.x.min(end.x) - last.right;
            if new_line {
                self.end_word();
                self.line += 1;
            } else if gap > 0.25 * size || gap < -0.5 * size {
                self.end_word();
            }
        }
        self.last = Some(pen);
        if text.chars().all(char::is_whitespace) {
            self.end_word();
            return;
        }
        match &mut self.current {
            Some(word) => {
                word.text.push_str(text);
                word.bbox = word.bbox.union(bbox);
            }
            None => {
                self.current = Some(Word {
                    text: text.to_owned(),
                    page: self.page,
                    bbox,
                    line: self.line,
                })
            }
        }
    }

    fn end_word(&mut self) {
        if let Some(word) = self.current.take() {
            self.words.push(word);
        }
    }
}

impl<'a> Device<'a> for Reader {
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        if self.marked.iter().any(|&artifact| artifact) {
            return;
        }
        for glyph in run.glyphs() {
            // A code no map gives text for shows as U+FFFD, so that it
            // still counts as a word that can change.
            let text = match glyph.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => '\u{fffd}'.to_string(),
            };
            let advance = match &**glyph {
                Glyph::Outline(outline) => outline.advance_width(),
                Glyph::Type3(glyph) => glyph.advance_width(),
            };
            // Half an em when the font does not say.
            let advance = f64::from(advance.unwrap_or(500.0));
            self.glyph(&text, props.transform * glyph.transform(), advance);
        }
    }

    fn begin_marked_content(&mut self, tag: &[u8], _: Option<&Dict<'_>>) {
        let artifact = tag == b"Artifact";
        self.tagged |= artifact;
        self.marked.push(artifact);
    }

    fn end_marked_content(&mut self) {
        self.marked.pop();
    }

    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// A word cut at a line end by hyphenation carries a soft hyphen (Folio
/// maps the hyphen it draws to U+00AD): it is put back together with its
/// second half on the same page, so a paragraph that is hyphenated
/// differently after an edit still reads as the same words.
fn join_hyphenated(words: Vec<Word>) -> Vec<Word> {
    let mut joined: Vec<Word> = Vec::with_capacity(words.len());
    for word in words {
        match joined.last_mut() {
            Some(last) if last.text.ends_with('\u{ad}') && last.page == word.page => {
                last.text.pop();
                last.text.push_str(&word.text);
            }
            _ => joined.push(word),
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, page: usize) -> Word {
        Word {
            text: text.into(),
            page,
            bbox: Rect::new(0.0, 0.0, 1.0, 1.0),
            line: 0,
        }
    }

    #[test]
    fn hyphenated_halves_are_one_word_on_one_page_only() {
        let words = vec![
            word("exam\u{ad}", 0),
            word("ple", 0),
            word("over\u{ad}", 0),
            word("leaf", 1),
        ];
        let texts: Vec<String> = join_hyphenated(words).into_iter().map(|w| w.text).collect();
        assert_eq!(texts, ["example", "over\u{ad}", "leaf"]);
    }
}
