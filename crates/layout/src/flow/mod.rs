//! Block flow: `Document` blocks → chunks for pagination.
//!
//! Each block kind has its own module; this one dispatches and holds the
//! vertical rhythm (space between blocks, keep rules).

mod chart;
pub mod chunk;
mod endnotes;
pub mod memo;
mod table;
mod text;

use folio_model::doc::{Block, BoxKind, Boxed, Document, Inline};
use folio_model::theme::ColorName;

use crate::context::Ctx;
use chunk::{Chunk, Decor};
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
        Block::Boxed(boxed) => boxed_chunks(ctx, boxed, area, state, out),
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

/// A shaded box: padding, an optional title, the inner blocks.
fn boxed_chunks(ctx: &Ctx, boxed: &Boxed, area: Area, state: &mut FlowState, out: &mut Vec<Chunk>) {
    let scale = &ctx.theme.type_scale;
    let pad = scale.body_leading * 0.8;
    let fill = ctx.theme.color(match boxed.kind {
        BoxKind::CallToAction => ColorName::CallToAction,
        BoxKind::CaseStudy => ColorName::CaseStudy,
    });
    let decor = Decor {
        id: state.next_box,
        fill,
    };
    state.next_box += 1;
    let inner = Area {
        x: area.x + pad,
        width: area.width - 2.0 * pad,
    };

    let mut chunks = vec![Chunk {
        space_before: scale.body_leading * scale.paragraph_gap * 1.5,
        ..Chunk::spacer(pad)
    }];
    if !boxed.title.is_empty() {
        let color = match boxed.kind {
            BoxKind::CallToAction => ColorName::CallToActionTitle,
            BoxKind::CaseStudy => ColorName::Accent,
        };
        chunks.extend(text::box_title_chunks(
            ctx,
            &boxed.title,
            boxed.origin.as_ref(),
            inner,
            color,
        ));
    }
    for block in &boxed.blocks {
        flow_block(ctx, block, inner, state, &mut chunks);
    }
    chunks.push(Chunk::spacer(pad));
    // Small boxes stay whole; large ones may continue on the next page.
    let height: f32 = chunks.iter().map(|c| c.height + c.space_before).sum();
    let body = ctx.theme.page.height - ctx.theme.page.margin_top - ctx.theme.page.margin_bottom;
    let whole = height < body * 0.45;
    let n = chunks.len();
    for (i, chunk) in chunks.iter_mut().enumerate() {
        chunk.decor = Some(decor);
        if whole && i + 1 < n {
            chunk.keep_with_next = true;
        }
    }
    // Padding chunks cling to their neighbours so a box never starts or
    // ends with bare padding on a page.
    chunks[0].keep_with_next = true;
    if n >= 2 {
        chunks[n - 2].keep_with_next = true;
    }
    if let Some(first_inner) = chunks.get_mut(1) {
        first_inner.space_before = 0.0;
    }
    out.extend(chunks);
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
