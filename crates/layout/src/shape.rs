//! OpenType shaping by script and direction, with per-cluster font fallback.
//!
//! Text is split into runs that one face draws and that are in one script
//! (the requested face first, then the theme's fallback chain for the
//! script, see [`FontBook::face_for`]), and each run is shaped with
//! rustybuzz with its script, direction and the document's language set, so
//! Arabic letters join, Devanagari conjuncts form and locale forms (`locl`)
//! apply, as well as kerning and standard ligatures. Shaping results are
//! cached per (face, direction, text): a booklet repeats the same words
//! hundreds of times and shaping dominates layout otherwise.

use std::cell::RefCell;
use std::rc::Rc;
use std::str::FromStr;

use rustc_hash::FxHashMap as HashMap;
use unicode_script::{Script, UnicodeScript};

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
    /// Glyphs in visual order, left to right: for right-to-left text the
    /// first glyph is the run's last character.
    pub glyphs: Vec<UnitGlyph>,
}

/// Shaped runs of one text in one face, in logical order, shared between
/// cache and callers.
type Shaped = Rc<Vec<ShapedRun>>;

/// Shaped texts a [`Shaper`] keeps: far more than the distinct words of
/// the campaign's booklets in all their languages (a few tens of thousands),
/// a few tens of megabytes at most.
pub(crate) const MAX_CACHED: usize = 100_000;

/// A per-thread cache of shaped text. Faces are shared by every thread;
/// the cache is not, so no locking happens on the hot path.
#[derive(Default)]
pub struct Shaper {
    /// By face and direction, then by text: looking a word up borrows it,
    /// so the hit path, taken for most words of a booklet, allocates
    /// nothing.
    cache: RefCell<HashMap<(FontId, bool), HashMap<String, Shaped>>>,
    /// Shape plans by face and segment properties. Compiling a plan (reading
    /// the font's feature lists) costs more than shaping a word with it, and
    /// a booklet needs a handful of plans for thousands of words.
    plans: RefCell<HashMap<PlanKey, Rc<rustybuzz::ShapePlan>>>,
    /// The language the cached results were shaped for: a document has one,
    /// so the cache holds one language at a time.
    language: RefCell<Option<(String, Option<rustybuzz::Language>)>>,
    /// rustybuzz's buffer, handed back after each shaping for the next, so
    /// that shaping a word does not allocate one.
    buffer: RefCell<Option<rustybuzz::UnicodeBuffer>>,
}

impl Shaper {
    /// Shapes `text`, in language `lang` (BCP 47), right to left if `rtl`,
    /// in `font`, falling back to other faces for characters `font` cannot
    /// draw. Characters no face can draw are shaped in `font` and come out
    /// as `.notdef`; [`crate::coverage`] reports them before layout.
    pub fn shape(
        &self,
        book: &FontBook,
        font: FontId,
        text: &str,
        rtl: bool,
        lang: &str,
    ) -> Shaped {
        self.set_language(lang);
        if let Some(hit) = self
            .cache
            .borrow()
            .get(&(font, rtl))
            .and_then(|texts| texts.get(text))
        {
            return hit.clone();
        }
        let language = self
            .language
            .borrow()
            .as_ref()
            .and_then(|(_, language)| language.clone());
        let runs = Rc::new(
            split_runs(book, font, text)
                .into_iter()
                .map(|run| ShapedRun {
                    font: run.font,
                    start: run.start,
                    end: run.end,
                    glyphs: shape_in(
                        book,
                        &self.plans,
                        &self.buffer,
                        &run,
                        &text[run.start..run.end],
                        rtl,
                        &language,
                    ),
                })
                .collect::<Vec<_>>(),
        );
        let mut cache = self.cache.borrow_mut();
        // A shaper lives as long as its thread (see `layout_document`):
        // bound what a long-running process keeps.
        if cache.values().map(HashMap::len).sum::<usize>() >= MAX_CACHED {
            cache.clear();
        }
        cache
            .entry((font, rtl))
            .or_default()
            .insert(text.to_owned(), runs.clone());
        runs
    }

    /// Makes `lang` the language shaped for, clearing the cache when it
    /// changes.
    fn set_language(&self, lang: &str) {
        let mut current = self.language.borrow_mut();
        if current.as_ref().is_none_or(|(tag, _)| tag != lang) {
            self.cache.borrow_mut().clear();
            *current = Some((lang.to_owned(), rustybuzz::Language::from_str(lang).ok()));
        }
    }
}

/// A maximal run of text that one face draws, in one script.
#[derive(Debug, PartialEq)]
pub struct Run {
    pub font: FontId,
    pub script: Script,
    pub start: usize,
    pub end: usize,
}

/// Splits `text` into runs of one face and one script. Characters common to
/// several scripts (punctuation, digits, spaces) and combining marks belong
/// to the run they are in, as long as its face can draw them, so "مرحبا،"
/// stays one Arabic run and an accent stays with its letter.
pub fn split_runs(book: &FontBook, font: FontId, text: &str) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let script = script_of(c);
        if let Some(last) = runs.last_mut() {
            let continues = is_cluster_continuation(c)
                || (matches!(script, Script::Common | Script::Inherited)
                    && book.face(last.font).has_char(c));
            if continues {
                last.end = end;
                continue;
            }
        }
        let script = match script {
            Script::Common | Script::Inherited | Script::Unknown => runs
                .last()
                .map_or_else(|| first_real_script(&text[i..]), |last| last.script),
            real => real,
        };
        let face = book.face_for(font, script, c).unwrap_or(font);
        match runs.last_mut() {
            Some(last) if last.font == face && last.script == script => last.end = end,
            _ => runs.push(Run {
                font: face,
                script,
                start: i,
                end,
            }),
        }
    }
    runs
}

/// The script of the first character of `text` that has one: common
/// characters at the start of a text take the script that follows them.
fn first_real_script(text: &str) -> Script {
    text.chars()
        .map(script_of)
        .find(|s| !matches!(s, Script::Common | Script::Inherited | Script::Unknown))
        .unwrap_or(Script::Common)
}

/// The script of `c`, without a table look-up for ASCII, which is most of
/// the text of most booklets.
fn script_of(c: char) -> Script {
    if c.is_ascii_alphabetic() {
        Script::Latin
    } else if c.is_ascii() {
        Script::Common
    } else {
        c.script()
    }
}

/// Combining marks, joiners and variation selectors stay with the
/// character before them: they are drawn with it.
fn is_cluster_continuation(c: char) -> bool {
    script_of(c) == Script::Inherited
        || matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

/// A face and the segment properties a shape plan is compiled for.
type PlanKey = (
    FontId,
    rustybuzz::Direction,
    Option<rustybuzz::Script>,
    Option<rustybuzz::Language>,
);

fn shape_in(
    book: &FontBook,
    plans: &RefCell<HashMap<PlanKey, Rc<rustybuzz::ShapePlan>>>,
    spare: &RefCell<Option<rustybuzz::UnicodeBuffer>>,
    run: &Run,
    text: &str,
    rtl: bool,
    language: &Option<rustybuzz::Language>,
) -> Vec<UnitGlyph> {
    let mut buffer = spare.take().unwrap_or_default();
    buffer.push_str(text);
    buffer.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    if let Some(language) = language {
        buffer.set_language(language.clone());
    }
    let tag = ttf_parser::Tag::from_bytes_lossy(run.script.short_name().as_bytes());
    let script = match rustybuzz::Script::from_iso15924_tag(tag) {
        Some(script) if run.script != Script::Common => {
            buffer.set_script(script);
            Some(script)
        }
        // Digits and punctuation alone: let rustybuzz pick its default.
        _ => None,
    };
    // The plan `rustybuzz::shape` would compile: for the properties set or
    // else guessed (guessing never picks the Unknown script, it leaves the
    // script unset).
    buffer.guess_segment_properties();
    let script =
        script.or_else(|| Some(buffer.script()).filter(|&s| s != rustybuzz::script::UNKNOWN));
    let face = &book.face(run.font).shaper;
    let key = (run.font, buffer.direction(), script, buffer.language());
    let plan = plans
        .borrow_mut()
        .entry(key)
        .or_insert_with_key(|(_, direction, script, language)| {
            Rc::new(rustybuzz::ShapePlan::new(
                face,
                *direction,
                *script,
                language.as_ref(),
                &[],
            ))
        })
        .clone();
    let output = rustybuzz::shape_with_plan(face, &plan, buffer);
    let glyphs = output
        .glyph_infos()
        .iter()
        .zip(output.glyph_positions())
        .map(|(info, pos)| UnitGlyph {
            id: info.glyph_id as u16,
            x_advance: pos.x_advance,
            x_offset: pos.x_offset,
            y_offset: pos.y_offset,
            cluster: info.cluster + run.start as u32,
        })
        .collect();
    spare.replace(Some(output.clear()));
    glyphs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Style;

    #[test]
    fn ligature_keeps_its_cluster() {
        let book = FontBook::bundled();
        let serif = book.select("Noto Serif", Style::default());
        let runs = Shaper::default().shape(book, serif, "office", false, "en");
        assert_eq!(runs.len(), 1);
        // "ffi" is one ligature glyph in Noto Serif: fewer glyphs than chars.
        assert!(runs[0].glyphs.len() < 6, "{:?}", runs[0].glyphs);
        assert_eq!(runs[0].glyphs[0].cluster, 0);
    }

    #[test]
    fn arabic_joins_right_to_left_in_its_own_face() {
        let book = FontBook::bundled();
        let serif = book.select("Noto Serif", Style::default());
        let runs = Shaper::default().shape(book, serif, "سلام،", true, "ar");
        assert_eq!(runs.len(), 1, "the Arabic comma stays in the Arabic run");
        assert_eq!(book.face(runs[0].font).family, "Noto Naskh Arabic");
        let clusters: Vec<u32> = runs[0].glyphs.iter().map(|g| g.cluster).collect();
        assert!(clusters.windows(2).all(|w| w[0] >= w[1]), "{clusters:?}");
        // Joining picks contextual forms: initial sin differs from isolated.
        let isolated = Shaper::default().shape(book, serif, "س", true, "ar");
        assert_ne!(runs[0].glyphs.last().unwrap().id, isolated[0].glyphs[0].id);
    }

    #[test]
    fn devanagari_forms_conjuncts() {
        let book = FontBook::bundled();
        let sans = book.select("Noto Sans", Style::default());
        // क्ष: ka, virama, ssa → one conjunct glyph.
        let runs = Shaper::default().shape(book, sans, "क्ष", false, "hi");
        assert_eq!(book.face(runs[0].font).family, "Noto Sans Devanagari");
        assert_eq!(runs[0].glyphs.len(), 1, "{:?}", runs[0].glyphs);
    }
}
