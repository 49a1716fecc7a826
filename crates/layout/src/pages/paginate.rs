//! Distributes chunks over pages.
//!
//! Pages are filled in order; when a chunk does not fit, the page ends at
//! the last place a break is allowed (not after a chunk that must stay with
//! the next: a heading, a paragraph's first line, a table caption), so
//! headings never end a page and paragraphs leave neither widows nor
//! orphans. Footnotes are reserved at the foot of the page that holds their
//! marker; a line whose note does not fit moves to the next page with it.

use std::rc::Rc;

use crate::flow::chunk::Chunk;

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

pub struct Paginator<'a> {
    chunks: &'a [Chunk],
    body_height: f32,
    /// Height of each footnote's body, by note index.
    note_height: &'a dyn Fn(usize) -> f32,
    /// Height of the rule and gap above the first footnote of a page.
    note_separator: f32,
}

impl<'a> Paginator<'a> {
    pub fn new(
        chunks: &'a [Chunk],
        body_height: f32,
        note_height: &'a dyn Fn(usize) -> f32,
        note_separator: f32,
    ) -> Self {
        Paginator {
            chunks,
            body_height,
            note_height,
            note_separator,
        }
    }

    /// Returns the pages, and warnings for chunks taller than a page.
    pub fn run(&self) -> (Vec<PageContent>, Vec<String>) {
        let mut pages = Vec::new();
        let mut warnings = Vec::new();
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
                if needed > self.body_height + 0.01 {
                    warnings.push(format!(
                        "content {:.0} pt tall does not fit on a page ({:.0} pt) and overflows it",
                        chunk.height, self.body_height
                    ));
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
        (pages, warnings)
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
        self.note_separator + notes.iter().map(|&n| (self.note_height)(n)).sum::<f32>()
    }
}
