//! Block flow: `Document` blocks → chunks for pagination.
//!
//! Each block kind has its own module; this one dispatches and holds the
//! vertical rhythm (space between blocks, keep rules).

mod chart;
pub mod chunk;
mod endnotes;
pub mod memo;
mod shaded;
mod table;
mod text;

use folio_model::doc::{Block, Document, Inline};

use crate::context::Ctx;
use chunk::Chunk;
pub use text::{heading_chunks, line_chunks, note_body, paragraph_chunks};

/// The horizontal space blocks are set in.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    /// Left edge relative to the text area.
    pub x: f32,
    pub width: f32,
}

impl Area {
    /// The part of this area `width` wide, `offset` from its start edge:
    /// the left edge, or the right one when `rtl` (a right-to-left edition
    /// mirrors its page design, markers and first columns on the right).
    pub fn part(self, offset: f32, width: f32, rtl: bool) -> Area {
        let x = if rtl {
            self.x + self.width - offset - width
        } else {
            self.x + offset
        };
        Area { x, width }
    }
}

/// Lays out the document's body blocks.
pub fn flow_document(ctx: &Ctx, doc: &Document, measure: f32) -> Vec<Chunk> {
    let area = Area {
        x: 0.0,
        width: measure,
    };
    let mut state = FlowState::default();
    let mut chunks = Vec::new();
    for block in &doc.blocks {
        flow_block(ctx, block, area, &mut state, &mut chunks);
    }
    chunks
}

/// Counters that span blocks.
#[derive(Default)]
pub struct FlowState {
    next_box: usize,
    page_break: bool,
}

pub fn flow_block(
    ctx: &Ctx,
    block: &Block,
    area: Area,
    state: &mut FlowState,
    out: &mut Vec<Chunk>,
) {
    let start = out.len();
    match block {
        Block::Heading(heading) => out.extend(heading_chunks(ctx, heading, area)),
        Block::Paragraph(paragraph) => out.extend(paragraph_chunks(ctx, paragraph, area)),
        Block::List(list) => out.extend(text::list_chunks(ctx, list, area)),
        Block::Boxed(boxed) => shaded::boxed_chunks(ctx, boxed, area, state, out),
        Block::Table(table) => out.extend(table::table_chunks(ctx, table, area, ctx.block())),
        Block::Figure(figure) => out.extend(chart::figure_chunks(ctx, figure, area)),
        Block::Endnotes => {
            let notes = endnotes::endnote_chunks(ctx, area, out);
            out.extend(notes);
        }
        Block::PageBreak => state.page_break = true,
    }
    if state.page_break && out.len() > start {
        out[start].new_page = true;
        state.page_break = false;
    }
}

/// Plain text of inline content, for outline titles and warnings.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => {
                out.push_str(&plain_text(c))
            }
            Inline::LineBreak => out.push(' '),
            Inline::NoteRef(_) | Inline::PageRef { .. } => {}
        }
    }
    out
}
