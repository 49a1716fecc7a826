//! The unit of pagination: a slice of the body that is never split.
//!
//! Every block becomes a sequence of chunks (a paragraph gives one per
//! line, a table one per row). Chunks carry the rules that pagination must
//! honour — what must stay with what follows, which notes must share the
//! page — so pagination itself knows nothing about blocks.

use std::rc::Rc;

use folio_model::doc::Origin;
use folio_model::theme::Color;

use crate::frame::{Item, Point};
use crate::inline::{Line, PendingLink};

#[derive(Debug, Clone, Default)]
pub struct Chunk {
    pub height: f32,
    /// Space above, dropped when the chunk starts a page.
    pub space_before: f32,
    /// Items relative to the chunk's top-left corner at the left edge of
    /// the text area.
    pub items: Vec<Item>,
    pub pending_links: Vec<PendingLink>,
    /// Link targets defined here, with their offset from the chunk top.
    pub anchors: Vec<(String, f32)>,
    /// Footnotes that must be set on the page that holds this chunk.
    pub footnotes: Vec<usize>,
    /// A page must not end after this chunk.
    pub keep_with_next: bool,
    /// This chunk starts a new page.
    pub new_page: bool,
    /// The shaded box this chunk belongs to.
    pub decor: Option<Decor>,
    /// For table rows: the header to repeat when the table continues on a
    /// new page.
    pub repeat_header: Option<Rc<Chunk>>,
    /// A heading to list in the PDF outline: level and title.
    pub outline: Option<(u8, String)>,
    /// The content string the chunk's text comes from (for a table row,
    /// its tallest cell's), named when the chunk fits no page.
    pub origin: Option<Origin>,
    /// The text of a line wider than its measure (see [`Line::overfull`]).
    pub overfull: Option<String>,
}

/// Background of a shaded box. Consecutive chunks with the same `id` on a
/// page share one background rectangle, so a box split across pages gets a
/// background on each page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decor {
    pub id: usize,
    pub fill: Color,
    /// The padding inside the box, kept at a page end the box goes on from.
    pub pad: f32,
    /// The space the box keeps from the text around it.
    pub margin: f32,
    /// The box is kept on one page, unless keeping it whole would leave a
    /// hole at a page foot (pagination then floats or breaks it).
    pub whole: bool,
}

impl Chunk {
    /// A chunk holding one line of text, indented by `x`.
    pub fn from_line(line: Line, x: f32) -> Chunk {
        let mut chunk = Chunk {
            height: line.height,
            footnotes: line.footnotes,
            overfull: line.overfull,
            // A page ending here would split a word across the page turn,
            // where the reader must hold its first half while turning: the
            // page ends a line earlier instead (TeX's `\brokenpenalty`,
            // made absolute).
            keep_with_next: line.hyphenated,
            ..Chunk::default()
        };
        chunk.items = line
            .items
            .into_iter()
            .map(|item| item.shifted(x, 0.0))
            .collect();
        chunk.pending_links = line
            .pending_links
            .into_iter()
            .map(|l| PendingLink {
                pos: Point::new(l.pos.x + x, l.pos.y),
                ..l
            })
            .collect();
        chunk
    }

    /// Blank vertical space (used for the padding of shaded boxes).
    pub fn spacer(height: f32) -> Chunk {
        Chunk {
            height,
            ..Chunk::default()
        }
    }

    /// Appends the content of `other` below this chunk's current content.
    pub fn stack(&mut self, other: Chunk, gap: f32) {
        let dy = self.height + gap;
        let height = other.height;
        self.absorb(other, 0.0, dy);
        self.height = dy + height;
    }

    /// Takes over the content of `other`, moved by `(dx, dy)`, without
    /// changing this chunk's height. Its origin is this chunk's if it has
    /// one, else `other`'s.
    pub fn absorb(&mut self, other: Chunk, dx: f32, dy: f32) {
        if self.origin.is_none() {
            self.origin = other.origin;
        }
        self.items
            .extend(other.items.into_iter().map(|i| i.shifted(dx, dy)));
        self.pending_links
            .extend(other.pending_links.into_iter().map(|l| PendingLink {
                pos: Point::new(l.pos.x + dx, l.pos.y + dy),
                ..l
            }));
        self.anchors
            .extend(other.anchors.into_iter().map(|(a, y)| (a, y + dy)));
        self.footnotes.extend(other.footnotes);
    }
}

/// Marks paragraph lines so that no page starts with a paragraph's last
/// line (widow) or ends with its first (orphan). Paragraphs of up to three
/// lines stay whole.
pub fn keep_lines_together(chunks: &mut [Chunk]) {
    let n = chunks.len();
    if n == 0 {
        return;
    }
    if n <= 3 {
        chunks[..n - 1]
            .iter_mut()
            .for_each(|c| c.keep_with_next = true);
        return;
    }
    chunks[0].keep_with_next = true;
    chunks[n - 2].keep_with_next = true;
}
