//! Lines of text laid out in one pass, reused by the next, and by the
//! layouts copyfitting tries (see [`crate::fit`]): its changes to the theme
//! reach a paragraph only through its spec (the endnotes' size) or not at
//! all (the space between blocks is set on the chunks afterwards).
//!
//! Page numbers that depend on layout are settled by laying the whole
//! document out again until they stop changing (see
//! [`crate::layout_document`]), but almost no paragraph depends on them:
//! only text with a page reference, and the table of contents, whose page
//! numbers are part of its text. Every other paragraph comes out of the
//! second pass exactly as it came out of the first, so its lines are kept
//! and laying out a booklet costs little more than one pass.
//!
//! A paragraph is reused only when everything that shapes its lines is
//! equal: its inline content, its [`ParSpec`], the area it is set in, the
//! number of structure element ids handed out before it, and whether
//! copyfitting sets it one line shorter.
//! The spec and area are compared through their `Debug` form, so a field
//! added to either later is part of the comparison without anyone having to
//! remember this cache.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};

use folio_model::doc::Inline;
use rustc_hash::{FxHashMap as HashMap, FxHasher};

use super::Area;
use super::chunk::Chunk;
use crate::context::Ctx;
use crate::frame::Role;
use crate::inline::ParSpec;

/// The lines of paragraphs laid out so far, for every layout of one
/// document.
#[derive(Default)]
pub struct LineMemo {
    entries: RefCell<HashMap<Key, Vec<Entry>>>,
}

/// Hash of the inline content, and the settings in `Debug` form.
type Key = (u64, String);

struct Entry {
    /// Compared on a hit: the hash only narrows the search.
    inlines: Vec<Inline>,
    /// The structure element ids handed out before and while laying the
    /// paragraph out ([`Ctx::block`]): reused only at the same point of the
    /// count, and the count moves on as if it had been laid out again, so
    /// that no id is given twice.
    next_block: u32,
    blocks_used: u32,
    chunks: Vec<Chunk>,
}

impl LineMemo {
    /// The chunks of `inlines` set with `spec` in `area`: from an earlier
    /// pass if there was one, else from `lay_out`.
    pub fn lines(
        &self,
        ctx: &Ctx,
        inlines: &[Inline],
        spec: &ParSpec,
        area: Area,
        lay_out: impl FnOnce() -> Vec<Chunk>,
    ) -> Vec<Chunk> {
        if has_page_reference(inlines) {
            return lay_out();
        }
        let shorter = matches!(spec.role, Role::Paragraph(b) if ctx.shorter.contains(&b));
        let key = (fingerprint(inlines), format!("{spec:?}{area:?}{shorter}"));
        let next_block = ctx.next_block.get();
        if let Some(entry) = self.entries.borrow().get(&key).and_then(|entries| {
            entries
                .iter()
                .find(|e| e.next_block == next_block && e.inlines == inlines)
        }) {
            ctx.next_block.set(next_block + entry.blocks_used);
            return entry.chunks.clone();
        }
        let chunks = lay_out();
        let blocks_used = ctx.next_block.get() - next_block;
        self.entries
            .borrow_mut()
            .entry(key)
            .or_default()
            .push(Entry {
                inlines: inlines.to_vec(),
                next_block,
                blocks_used,
                chunks: chunks.clone(),
            });
        chunks
    }
}

/// Whether the text prints a page number that the previous pass found,
/// which can change from pass to pass.
fn has_page_reference(inlines: &[Inline]) -> bool {
    inlines.iter().any(|inline| match inline {
        Inline::PageRef { .. } => true,
        Inline::Emphasis(children) | Inline::Strong(children) => has_page_reference(children),
        Inline::Link { content, .. } => has_page_reference(content),
        Inline::Text(_) | Inline::NoteRef(_) | Inline::LineBreak => false,
    })
}

fn fingerprint(inlines: &[Inline]) -> u64 {
    let mut hasher = FxHasher::default();
    hash_inlines(inlines, &mut hasher);
    hasher.finish()
}

fn hash_inlines(inlines: &[Inline], hasher: &mut impl Hasher) {
    inlines.len().hash(hasher);
    for inline in inlines {
        std::mem::discriminant(inline).hash(hasher);
        match inline {
            Inline::Text(text) => text.hash(hasher),
            Inline::Emphasis(children) | Inline::Strong(children) => hash_inlines(children, hasher),
            Inline::Link { url, content } => {
                url.hash(hasher);
                hash_inlines(content, hasher);
            }
            // Equal inlines hash equally whatever else is left out: a hit
            // is confirmed by comparing the inlines themselves.
            _ => {}
        }
    }
}
