//! Shaded boxes (case studies, calls to action) → chunks, and the rules by
//! which pagination may part them.
//!
//! A box is its padding, an optional title, its inner blocks and its
//! padding again, every chunk carrying the box's [`Decor`]. A small box is
//! set whole ([`Decor::whole`]) unless pagination finds that keeping it
//! whole leaves a hole at a page foot; then it breaks, or, too short to
//! break there, floats to the next page (see `pages/paginate.rs`). Wherever a box breaks, at least two
//! lines of its text stand on each side, and its title is repeated at the
//! top of the continuation with the locale's "continued" label.

use std::rc::Rc;

use folio_model::doc::{Block, BoxKind, Boxed, Inline, ParagraphStyle};
use folio_model::theme::ColorName;

use super::chunk::{Chunk, Decor};
use super::{Area, FlowState, flow_block, text};
use crate::context::Ctx;
use crate::frame::Role;

/// Boxes shorter than this share of the text area are kept on one page
/// unless that leaves a hole; taller ones break wherever the page ends.
const WHOLE_BELOW: f32 = 0.45;

/// Lines of a box's text that must stand on each side of a break.
const LINES_EACH_SIDE: usize = 2;

/// A shaded box: padding, an optional title, the inner blocks.
pub fn boxed_chunks(
    ctx: &Ctx,
    boxed: &Boxed,
    area: Area,
    state: &mut FlowState,
    out: &mut Vec<Chunk>,
) {
    let scale = &ctx.theme.type_scale;
    let pad = scale.body_leading * 0.8;
    let margin = scale.body_leading * scale.paragraph_gap * 1.5;
    let inner = Area {
        x: area.x + pad,
        width: area.width - 2.0 * pad,
    };
    let title_color = match boxed.kind {
        BoxKind::CallToAction => ColorName::CallToActionTitle,
        BoxKind::CaseStudy => ColorName::Accent,
    };
    let title = |inlines: &[Inline]| {
        text::box_title_chunks(ctx, inlines, boxed.origin.as_ref(), inner, title_color)
    };

    let mut chunks = vec![Chunk {
        space_before: margin,
        ..Chunk::spacer(pad)
    }];
    let title_chunks = if boxed.title.is_empty() {
        0
    } else {
        let lines = title(&boxed.title);
        let n = lines.len();
        chunks.extend(lines);
        n
    };
    // Where the small print at the box's end (its sources) starts.
    let mut small_print = None;
    for block in &boxed.blocks {
        let start = chunks.len();
        flow_block(ctx, block, inner, state, &mut chunks);
        let small = matches!(
            block,
            Block::Paragraph(p) if matches!(p.style, ParagraphStyle::Small | ParagraphStyle::Label)
        );
        small_print = if small {
            small_print.or(Some(start))
        } else {
            None
        };
    }
    chunks.push(Chunk::spacer(pad));
    if let Some(first_inner) = chunks.get_mut(1) {
        first_inner.space_before = 0.0;
    }

    let height: f32 = chunks.iter().map(|c| c.height + c.space_before).sum();
    let page = &ctx.theme.page;
    let body = page.height - page.margin_top - page.margin_bottom;
    let decor = Decor {
        id: state.next_box,
        fill: ctx.theme.color(match boxed.kind {
            BoxKind::CallToAction => ColorName::CallToAction,
            BoxKind::CaseStudy => ColorName::CaseStudy,
        }),
        pad,
        margin,
        whole: height < body * WHOLE_BELOW,
    };
    state.next_box += 1;

    let continuation = Rc::new(continuation(
        (!boxed.title.is_empty()).then(|| title(&continued_title(ctx, &boxed.title))),
        pad,
        scale.body_leading * scale.paragraph_gap,
        decor,
    ));
    for chunk in &mut chunks {
        chunk.decor = Some(decor);
        // A table inside the box repeats its own header instead.
        if chunk.repeat_header.is_none() {
            chunk.repeat_header = Some(continuation.clone());
        }
    }
    keep_lines_each_side(&mut chunks, title_chunks, small_print);
    out.extend(chunks);
}

/// The title followed by the locale's "continued" label.
fn continued_title(ctx: &Ctx, title: &[Inline]) -> Vec<Inline> {
    let mut inlines = title.to_vec();
    inlines.push(Inline::Text(format!(" {}", ctx.doc.continued_label)));
    inlines
}

/// What stands at the top of a box's continuation: its padding and the
/// repeated title, with a paragraph's gap below it as at the box's start.
/// It is a reader's aid, not content (the title is in the structure once,
/// where the box starts), so every item is an artifact.
fn continuation(title: Option<Vec<Chunk>>, pad: f32, gap: f32, decor: Decor) -> Chunk {
    let mut chunk = Chunk::spacer(pad);
    if let Some(title) = title {
        for line in title {
            chunk.stack(line, 0.0);
        }
        chunk.height += gap;
    }
    chunk.items.iter_mut().for_each(|i| i.role = Role::Artifact);
    chunk.decor = Some(decor);
    chunk
}

/// Marks the box's chunks so that a page ends neither before its first
/// [`LINES_EACH_SIDE`] lines of text nor after its last ones; the padding
/// and the title cling to them, and so does the small print at the end
/// (sources), which a continuation does not hold alone.
fn keep_lines_each_side(chunks: &mut [Chunk], title_chunks: usize, small_print: Option<usize>) {
    let n = chunks.len();
    // Padding, title, then the text lines up to the last one that must
    // stand before a break.
    let head = (1 + title_chunks + LINES_EACH_SIDE - 1).min(n);
    // From the first of the lines that must follow a break to the padding.
    let tail = small_print.unwrap_or(n - 1).saturating_sub(LINES_EACH_SIDE);
    for (i, chunk) in chunks.iter_mut().enumerate() {
        if i < head || (i >= tail && i + 1 < n) {
            chunk.keep_with_next = true;
        }
    }
}
