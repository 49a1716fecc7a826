//! Distributes chunks over pages.
//!
//! Pages are filled in order; when a chunk does not fit, the page ends at
//! the last place a break is allowed (not after a chunk that must stay with
//! the next: a heading, a paragraph's first line, a table caption), so
//! headings never end a page and paragraphs leave neither widows nor
//! orphans. Footnotes are reserved at the foot of the page that holds their
//! marker; a line whose note does not fit moves to the next page with it.
//! A page that would end more than a quarter empty because the shaded box
//! after it does not fit breaks the box, or floats it overleaf behind the
//! text that follows it (see [`MAX_HOLE`]).

use std::rc::Rc;

use folio_model::doc::Origin;

use crate::flow::chunk::{Chunk, Decor};
use crate::frame::{ItemKind, Problem, Role};

/// How to fix content that does not fit on a page.
const TOO_TALL: &str = "shorten it or split it: a line, a table row and a figure are never \
                        broken across pages";

/// A page may end with at most this share of its text area empty because
/// the box after it did not fit; past it, the box floats or breaks.
const MAX_HOLE: f32 = 0.25;

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
    /// Always terminates: every page it ends holds at least one chunk, and
    /// a page is rescued from a hole (a box floated or broken) once at most.
    pub fn run(&self) -> (Vec<PageContent>, Vec<Problem>, Vec<Problem>) {
        let mut pages = Vec::new();
        let mut warnings = Vec::new();
        let mut errors = Vec::new();
        let mut page = PageContent::default();
        // The chunks in the order they are set: a floating box trades
        // places with the text that fills the hole it left.
        let mut order: Vec<usize> = (0..self.chunks.len()).collect();
        // Small boxes allowed to break after all (see `break_box`).
        let mut breakable = Vec::new();
        let mut rescued = false;
        let mut first = 0;
        let mut p = 0;
        while p < order.len() {
            let i = order[p];
            let chunk = &self.chunks[i];
            let has_body = page
                .placed
                .iter()
                .any(|p| matches!(p.chunk, PlacedChunk::Body(_)));
            if chunk.new_page && has_body {
                pages.push(std::mem::take(&mut page));
                rescued = false;
                continue;
            }
            if page.placed.is_empty() {
                first = p;
                if let Some(header) = self.continued_header(&order, p) {
                    page.placed.push(Placed {
                        chunk: PlacedChunk::RepeatedHeader(header.clone()),
                        y: 0.0,
                    });
                }
            }
            let top = self.content_bottom(&page);
            let space = if has_body {
                self.space_before(&order, p)
            } else {
                0.0
            };
            let mut notes = page.footnotes.clone();
            notes.extend(
                chunk
                    .footnotes
                    .iter()
                    .filter(|n| !page.footnotes.contains(n)),
            );
            let needed =
                top + space + chunk.height + self.pad_below(&order, p) + self.notes_height(&notes);
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
                p += 1;
                continue;
            }
            // Back up to the last place the page may end.
            let mut j = p;
            while j > first && !self.may_end_after(&order, j - 1, &breakable) {
                j -= 1;
            }
            if j > first {
                let moved = &order[j..p];
                page.placed
                    .retain(|p| !matches!(p.chunk, PlacedChunk::Body(k) if moved.contains(&k)));
                page.footnotes.retain(|n| {
                    page.placed.iter().any(|p| matches!(p.chunk, PlacedChunk::Body(k) if self.chunks[k].footnotes.contains(n)))
                });
                p = j;
                if !rescued && self.hole(&page) > MAX_HOLE * self.body_height {
                    rescued = true;
                    // Breaking keeps the reading order, of the pages and of
                    // the tagged structure; floating changes it, so it is
                    // for boxes too short to break.
                    if self.break_box(&order, j, &page, &mut breakable)
                        || self.float_box(&mut order, j, &page)
                    {
                        continue;
                    }
                }
            }
            pages.push(std::mem::take(&mut page));
            rescued = false;
        }
        if !page.placed.is_empty() {
            pages.push(page);
        }
        (pages, warnings, errors)
    }

    /// Whether the page may end after the chunk at `order[k]`: not before
    /// what it must stay with, nor inside a box kept whole.
    fn may_end_after(&self, order: &[usize], k: usize, breakable: &[usize]) -> bool {
        let chunk = &self.chunks[order[k]];
        match (chunk.decor, self.next_decor(order, k)) {
            _ if chunk.keep_with_next => false,
            (Some(a), Some(b)) if a.id == b.id && a.whole => breakable.contains(&a.id),
            _ => true,
        }
    }

    fn next_decor(&self, order: &[usize], k: usize) -> Option<Decor> {
        order.get(k + 1).and_then(|&n| self.chunks[n].decor)
    }

    /// The box padding to keep below the chunk at `order[p]` if its box
    /// goes on after it: were the page to end there, the background ends a
    /// padding below the text, as at the box's real end.
    fn pad_below(&self, order: &[usize], p: usize) -> f32 {
        match (self.chunks[order[p]].decor, self.next_decor(order, p)) {
            (Some(a), Some(b)) if a.id == b.id => a.pad,
            _ => 0.0,
        }
    }

    /// Space above the chunk at `order[p]` when it follows other content:
    /// its own, or the margin of a box that ends just above it (text that
    /// goes on below a box floated into its paragraph).
    fn space_before(&self, order: &[usize], p: usize) -> f32 {
        let chunk = &self.chunks[order[p]];
        let above = p.checked_sub(1).and_then(|q| self.chunks[order[q]].decor);
        match above {
            Some(d) if chunk.decor.is_none_or(|c| c.id != d.id) => chunk.space_before.max(d.margin),
            _ => chunk.space_before,
        }
    }

    /// The empty height between the page's content and its footnotes.
    fn hole(&self, page: &PageContent) -> f32 {
        self.body_height - self.content_bottom(page) - self.notes_height(&page.footnotes)
    }

    /// The box that starts at `order[j]`, if one does.
    fn box_at(&self, order: &[usize], j: usize) -> Option<(Decor, usize)> {
        let decor = self.chunks[order[j]].decor?;
        let id = |k: usize| self.chunks[order[k]].decor.map(|d| d.id);
        if j > 0 && id(j - 1) == Some(decor.id) {
            return None;
        }
        let end = (j..order.len())
            .find(|&k| id(k) != Some(decor.id))
            .unwrap_or(order.len());
        Some((decor, end))
    }

    /// A box that does not fit below the page's content, and cannot break
    /// there, floats to the top of the next page, and the running text
    /// after it fills this page instead, as a magazine places a sidebar. Only text moves up (no
    /// heading, table or figure: they stay where the reader meets them),
    /// only if it fills the page to less than [`MAX_HOLE`] empty, and not
    /// past the box when both carry footnotes (their numbers would then
    /// run backwards). Returns whether `order` changed.
    fn float_box(&self, order: &mut [usize], j: usize, page: &PageContent) -> bool {
        let Some((_, end)) = self.box_at(order, j) else {
            return false;
        };
        let mut bottom = self.content_bottom(page);
        let mut notes = page.footnotes.clone();
        let mut fill = None;
        for k in end..order.len() {
            let chunk = &self.chunks[order[k]];
            if !is_running_text(chunk) {
                break;
            }
            let space = if k == end {
                self.chunks[order[j - 1]]
                    .decor
                    .map_or(chunk.space_before, |d| chunk.space_before.max(d.margin))
            } else {
                chunk.space_before
            };
            let mut with = notes.clone();
            with.extend(chunk.footnotes.iter().filter(|n| !notes.contains(n)));
            if bottom + space + chunk.height + self.notes_height(&with) > self.body_height + 0.01 {
                break;
            }
            bottom += space + chunk.height;
            notes = with;
            if !chunk.keep_with_next {
                fill = Some((k + 1, self.body_height - bottom - self.notes_height(&notes)));
            }
        }
        let Some((stop, hole)) = fill else {
            return false;
        };
        let has_notes =
            |range: &[usize]| range.iter().any(|&k| !self.chunks[k].footnotes.is_empty());
        if hole > MAX_HOLE * self.body_height
            || (has_notes(&order[j..end]) && has_notes(&order[end..stop]))
        {
            return false;
        }
        order[j..stop].rotate_left(end - j);
        true
    }

    /// A box kept whole that does not fit below the page's content breaks
    /// instead: it becomes breakable if at least its first lines (as many
    /// as its keep rules hold together) and the padding fit on this page.
    fn break_box(
        &self,
        order: &[usize],
        j: usize,
        page: &PageContent,
        breakable: &mut Vec<usize>,
    ) -> bool {
        let Some((decor, end)) = self.box_at(order, j) else {
            return false;
        };
        if !decor.whole {
            return false;
        }
        let mut bottom = self.content_bottom(page);
        let mut notes = page.footnotes.clone();
        for k in j..end - 1 {
            let chunk = &self.chunks[order[k]];
            notes.extend(
                chunk
                    .footnotes
                    .iter()
                    .filter(|n| !page.footnotes.contains(n)),
            );
            bottom += self.space_before(order, k) + chunk.height;
            if bottom + decor.pad + self.notes_height(&notes) > self.body_height + 0.01 {
                return false;
            }
            if !chunk.keep_with_next {
                breakable.push(decor.id);
                return true;
            }
        }
        false
    }

    /// The header to repeat when the chunk at `order[p]` continues a table
    /// or a box from the previous page.
    fn continued_header(&self, order: &[usize], p: usize) -> Option<&Rc<Chunk>> {
        let header = self.chunks[order[p]].repeat_header.as_ref()?;
        let previous = &self.chunks[order[p.checked_sub(1)?]];
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

/// A chunk of a paragraph's or list's lines outside any box: text that may
/// move above a floating box.
fn is_running_text(chunk: &Chunk) -> bool {
    chunk.decor.is_none()
        && !chunk.new_page
        && chunk.repeat_header.is_none()
        && chunk.outline.is_none()
        && !chunk.items.is_empty()
        && chunk.items.iter().all(|i| {
            matches!(
                i.role,
                Role::Paragraph(_) | Role::ListItem(_) | Role::Artifact
            )
        })
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
