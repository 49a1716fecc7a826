//! The table of contents, generated from the headings marked for it. Its
//! page numbers come from the previous layout pass; the relayout loop in
//! `lib.rs` repeats layout until they equal where the headings land.

use folio_model::doc::{Block, Document, Heading, Inline};
use folio_model::theme::ColorName;

use crate::context::Ctx;
use crate::flow::chunk::Chunk;
use crate::flow::{Area, heading_chunks, line_chunks};
use crate::frame::{Point, Role, Size};
use crate::inline::{Align, ParSpec, PendingLink};
use crate::style::{Family, TextStyle};

/// Anchor of the table of contents itself (for the outline).
pub const TOC_ANCHOR: &str = "contents";

pub fn toc_chunks(ctx: &Ctx, doc: &Document, measure: f32) -> Vec<Chunk> {
    let area = Area {
        x: 0.0,
        width: measure,
    };
    let title = Heading {
        level: 1,
        number: None,
        text: vec![Inline::Text(doc.toc_title.clone())],
        anchor: TOC_ANCHOR.to_owned(),
        in_toc: false,
        new_page: true,
        origin: None,
    };
    let mut chunks = heading_chunks(ctx, &title, area);
    for heading in doc.blocks.iter().filter_map(|b| match b {
        Block::Heading(h) if h.in_toc => Some(h),
        _ => None,
    }) {
        chunks.push(entry(ctx, heading, measure));
    }
    chunks
}

/// One entry: number and title ragged in a column, the page number
/// right-aligned on the entry's last line, the whole entry a link.
fn entry(ctx: &Ctx, heading: &Heading, measure: f32) -> Chunk {
    let scale = &ctx.theme.type_scale;
    let size = scale.body_size;
    let (indent, style) = match heading.level {
        1 => (
            0.0,
            TextStyle::new(Family::Heading, size, ColorName::Ink).bold(),
        ),
        _ => (
            size * 2.2,
            TextStyle::new(Family::Heading, size, ColorName::Ink),
        ),
    };
    let number_width = size * 2.2;
    let page_width = size * 3.0;
    let leading = size * 1.35;
    let role = Role::TocEntry(ctx.block());
    // Number, title, page number from the start edge: mirrored in a
    // right-to-left edition.
    let row = Area {
        x: 0.0,
        width: measure,
    };
    let rtl = ctx.rtl();
    let text_area = row.part(
        indent + number_width,
        measure - indent - number_width - page_width,
        rtl,
    );
    let mut chunk = Chunk {
        space_before: if heading.level == 1 {
            leading * 0.6
        } else {
            leading * 0.15
        },
        ..Chunk::default()
    };
    if let Some(number) = &heading.number {
        let number_area = row.part(indent, number_width, rtl);
        let spec = ParSpec::ragged(style, leading, 0.0, role);
        if let Some(line) = line_chunks(
            ctx,
            &[Inline::Text(number.clone())],
            spec,
            number_area,
            None,
        )
        .pop()
        {
            chunk.absorb(line, 0.0, 0.0);
            chunk.height = chunk.height.max(leading);
        }
    }
    let mut text = Chunk::default();
    for line in line_chunks(
        ctx,
        &heading.text,
        ParSpec::ragged(style, leading, 0.0, role),
        text_area,
        heading.origin.as_ref(),
    ) {
        text.stack(line, 0.0);
    }
    chunk.height = chunk.height.max(text.height);
    chunk.absorb(text, 0.0, 0.0);
    let page = ctx.page_of(&heading.anchor);
    let spec = ParSpec {
        align: Align::End,
        ..ParSpec::ragged(style, leading, 0.0, role)
    };
    let page_area = row.part(measure - page_width, page_width, rtl);
    if let Some(line) = line_chunks(ctx, &[Inline::Text(page)], spec, page_area, None).pop() {
        chunk.absorb(line, 0.0, chunk.height - leading);
    }
    chunk.pending_links.push(PendingLink {
        pos: Point::new(row.part(indent, measure - indent, rtl).x, 0.0),
        size: Size::new(measure - indent, chunk.height),
        anchor: heading.anchor.clone(),
    });
    chunk
}
