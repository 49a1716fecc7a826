//! Distributes chunks over pages.
//!
//! Pages are filled in order; when a chunk does not fit, the page ends at
//! the last place a break is allowed (not after a chunk that must stay with
//! the next: a heading, a paragraph's first line, a table caption), so
//! headings never end a page and paragraphs leave neither widows nor
//! orphans. Footnotes are reserved at the foot of the page that holds their
//! marker; a line whose note does not fit moves to the next page with it.

use std::rc::Rc;

use folio_model::doc::Origin;

use crate::flow::chunk::Chunk;
use crate::frame::{ItemKind, Problem};

/// How to fix content that does not fit on a page.
const TOO_TALL: &str = "shorten it or split it: a line, a table row and a figure are never \
                        broken across pages";

/// A chunk placed on a page, at `y` from the top of the text area.
#[derive(Debug, Clone)]
pub struct Placed {
    pub chunk: PlacedChunk,
    pub y: f32,
}

#[derive(Debug, Clone)]
pub enum PlacedChunk {
    /// Index into the chunk list.
    Body(usize),
    /// A table header repeated on a continuation page.
    RepeatedHeader(Rc<Chunk>),
}

/// The content of one page: placed chunks and the footnotes to set.
#[derive(Debug, Default, Clone)]
pub struct PageContent {
    pub placed: Vec<Placed>,
    pub footnotes: Vec<usize>,
}

/// The footnotes pagination sets at page feet.
pub struct Footnotes<'a> {
    /// Each note's body as one chunk, by note index.
    pub bodies: &'a [Chunk],
    /// Space below each note.
    pub gap: f32,
    /// Height of the rule and gap above the first footnote of a page.
    pub separator: f32,
}

pub struct Paginator<'a> {
    chunks: &'a [Chunk],
    body_height: f32,
    notes: Footnotes<'a>,
}

impl<'a> Paginator<'a> {
    pub fn new(chunks: &'a [Chunk], body_height: f32, notes: Footnotes<'a>) -> Self {
        Paginator {
            chunks,
            body_height,
            notes,
        }
    }

    /// Returns the pages, warnings for chunks that overflow the page they
    /// are on, and errors for chunks that no page can hold.
    ///
    /// Always terminates: every page it ends holds at least one chunk.
    pub fn run(&self) -> (Vec<PageContent>, Vec<Problem>, Vec<Problem>) {
        let mut pages = Vec::new();
        let mut warnings = Vec::new();
        let mut errors = Vec::new();
        let mut page = PageContent::default();
        let mut first = 0;
        let mut i = 0;
        while i < self.chunks.len() {
            let chunk = &self.chunks[i];
            let has_body = page
                .placed
                .iter()
                .any(|p| matches!(p.chunk, PlacedChunk::Body(_)));
            if chunk.new_page && has_body {
                pages.push(std::mem::take(&mut page));
                continue;
            }
            if page.placed.is_empty() {
                first = i;
                if let Some(header) = self.continued_table_header(i) {
                    page.placed.push(Placed {
                        chunk: PlacedChunk::RepeatedHeader(header.clone()),
                        y: 0.0,
                    });
                }
            }
            let top = self.content_bottom(&page);
            let space = if has_body { chunk.space_before } else { 0.0 };
            let mut notes = page.footnotes.clone();
            notes.extend(
                chunk
                    .footnotes
                    .iter()
                    .filter(|n| !page.footnotes.contains(n)),
            );
            let needed = top + space + chunk.height + self.notes_height(&notes);
            if needed <= self.body_height + 0.01 || !has_body {
                let alone = chunk.height + self.notes_height(&chunk.footnotes);
                if alone > self.body_height + 0.01 {
                    // Even an empty page is too small: placing it anyway
                    // would print content over the margin and the footer.
                    let with_notes = if chunk.footnotes.is_empty() {
                        ""
                    } else {
                        " with its footnotes"
                    };
                    errors.push(Problem {
                        message: format!(
                            "content {:.0} pt tall{with_notes} does not fit on any page (the text \
                             area is {:.0} pt tall): “{}”",
                            alone,
                            self.body_height,
                            describe(chunk)
                        ),
                        hint: Some(TOO_TALL),
                        origin: self.culprit(chunk),
                        part: None,
                    });
                } else if needed > self.body_height + 0.01 {
                    warnings.push(Problem {
                        message: format!(
                            "content {:.0} pt tall does not fit on a page ({:.0} pt) and \
                             overflows it",
                            chunk.height, self.body_height
                        ),
                        hint: Some(TOO_TALL),
                        origin: chunk.origin.clone(),
                        part: None,
                    });
                }
                page.placed.push(Placed {
                    chunk: PlacedChunk::Body(i),
                    y: top + space,
                });
                page.footnotes = notes;
                i += 1;
                continue;
            }
            // Back up to the last place the page may end.
            let mut j = i;
            while j > first && self.chunks[j - 1].keep_with_next {
                j -= 1;
            }
            if j > first {
                page.placed
                    .retain(|p| !matches!(p.chunk, PlacedChunk::Body(k) if k >= j));
                page.footnotes.retain(|n| {
                    page.placed.iter().any(|p| matches!(p.chunk, PlacedChunk::Body(k) if self.chunks[k].footnotes.contains(n)))
                });
                i = j;
            }
            pages.push(std::mem::take(&mut page));
        }
        if !page.placed.is_empty() {
            pages.push(page);
        }
        (pages, warnings, errors)
    }

    /// The header to repeat when chunk `i` continues a table from the
    /// previous page.
    fn continued_table_header(&self, i: usize) -> Option<&Rc<Chunk>> {
        let header = self.chunks[i].repeat_header.as_ref()?;
        let previous = self.chunks.get(i.checked_sub(1)?)?;
        previous
            .repeat_header
            .as_ref()
            .filter(|p| Rc::ptr_eq(p, header))
            .map(|_| header)
    }

    fn content_bottom(&self, page: &PageContent) -> f32 {
        page.placed
            .last()
            .map_or(0.0, |p| p.y + self.placed_height(p))
    }

    pub fn placed_height(&self, placed: &Placed) -> f32 {
        match &placed.chunk {
            PlacedChunk::Body(i) => self.chunks[*i].height,
            PlacedChunk::RepeatedHeader(chunk) => chunk.height,
        }
    }

    pub fn notes_height(&self, notes: &[usize]) -> f32 {
        if notes.is_empty() {
            return 0.0;
        }
        self.notes.separator + notes.iter().map(|&n| self.note_height(n)).sum::<f32>()
    }

    fn note_height(&self, note: usize) -> f32 {
        self.notes
            .bodies
            .get(note)
            .map_or(0.0, |body| body.height + self.notes.gap)
    }

    /// The content string to blame for `chunk` not fitting: its tallest
    /// footnote's when its notes take more room than the chunk itself.
    fn culprit(&self, chunk: &Chunk) -> Option<Origin> {
        let tallest = chunk
            .footnotes
            .iter()
            .filter_map(|&n| self.notes.bodies.get(n))
            .max_by(|a, b| a.height.total_cmp(&b.height));
        match tallest {
            Some(note) if self.notes_height(&chunk.footnotes) > chunk.height => note.origin.clone(),
            _ => chunk.origin.clone(),
        }
    }
}

/// The start of a chunk's text, to name it in a message.
fn describe(chunk: &Chunk) -> String {
    const LENGTH: usize = 80;
    let text: Vec<&str> = chunk
        .items
        .iter()
        .filter_map(|item| match &item.kind {
            ItemKind::Text(run) => Some(run.text.as_str()),
            _ => None,
        })
        .collect();
    let text = text.join(" ");
    let words: Vec<&str> = text.split_whitespace().collect();
    let text = words.join(" ");
    match text.char_indices().nth(LENGTH) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}
