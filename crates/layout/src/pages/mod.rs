//! Pages: `cover → flow → paginate → finalize (furniture, notes, links)
//! → signature (padding to whole sheets, back cover)`.

mod back_cover;
mod cover;
mod furniture;
mod paginate;
mod signature;
mod toc;

use std::collections::HashMap;

use folio_model::doc::Document;
use folio_model::theme::ColorName;

use crate::context::Ctx;
use crate::flow::chunk::{Chunk, Decor};
use crate::flow::{Area, flow_document, note_body};
use crate::frame::{
    Item, ItemKind, LinkTarget, Location, OutlineEntry, Page, Point, Problem, Role, Size,
};
use crate::inline::PendingLink;
use paginate::{Footnotes, PageContent, Paginator, Placed, PlacedChunk};

/// The result of one layout pass.
pub struct Pass {
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    /// Where every anchor landed.
    pub anchors: HashMap<String, Location>,
    /// Padding pages the booklet could lose were its content shorter
    /// (see [`signature::finish`]).
    pub spare: usize,
}

pub fn layout_pass(ctx: &Ctx, doc: &Document) -> Pass {
    let geometry = &ctx.theme.page;
    let measure = geometry.width - geometry.margin_inner - geometry.margin_outer;
    let body_height = geometry.height - geometry.margin_top - geometry.margin_bottom;

    let mut chunks = toc::toc_chunks(ctx, doc, measure);
    chunks.extend(flow_document(ctx, doc, measure));

    let note_size = ctx.theme.type_scale.note_size;
    let notes: Vec<Chunk> = doc
        .notes
        .iter()
        .map(|note| {
            stacked(note_body(
                ctx,
                note,
                Area {
                    x: 0.0,
                    width: measure,
                },
                note_size,
            ))
        })
        .collect();
    let gap = note_size * 0.3;
    let separator = note_size * 1.6;
    let footnotes = Footnotes {
        bodies: &notes,
        gap,
        separator,
    };
    let paginator = Paginator::new(&chunks, body_height, footnotes);
    let (contents, warnings, errors) = paginator.run();
    warnings.into_iter().for_each(|w| ctx.warn(w));
    ctx.errors.borrow_mut().extend(errors);

    let mut pass = Pass {
        pages: vec![cover::cover_page(ctx, &doc.cover)],
        outline: vec![],
        anchors: HashMap::new(),
        spare: 0,
    };
    pass.pages.extend(signature::inside_front_cover(ctx));
    let mut pending: Vec<(usize, PendingLink)> = Vec::new();
    for content in &contents {
        let index = pass.pages.len();
        let x0 = text_left(ctx, index);
        let label = (index + 1).to_string();
        let mut page = Page {
            size: Size::new(geometry.width, geometry.height),
            label: label.clone(),
            items: vec![],
        };
        page.items
            .extend(furniture::furniture(ctx, index, &label, x0, measure));
        page.items.extend(backgrounds(
            &chunks,
            &paginator,
            content,
            x0,
            geometry.margin_top,
            measure,
        ));
        let mut place = |chunk: &Chunk, y: f32, pass: &mut Pass, page: &mut Page| {
            let origin = Point::new(x0, geometry.margin_top + y);
            page.items.extend(
                chunk
                    .items
                    .iter()
                    .cloned()
                    .map(|i| i.shifted(origin.x, origin.y)),
            );
            for link in &chunk.pending_links {
                let pos = Point::new(link.pos.x + origin.x, link.pos.y + origin.y);
                pending.push((
                    index,
                    PendingLink {
                        pos,
                        ..link.clone()
                    },
                ));
            }
            for (anchor, dy) in &chunk.anchors {
                pass.anchors.insert(
                    anchor.clone(),
                    Location {
                        page: index,
                        pos: Point::new(origin.x, origin.y + dy),
                    },
                );
            }
            if let Some((level, title)) = &chunk.outline {
                pass.outline.push(OutlineEntry {
                    level: *level,
                    title: title.clone(),
                    target: Location {
                        page: index,
                        pos: origin,
                    },
                });
            }
        };
        for placed in &content.placed {
            match &placed.chunk {
                PlacedChunk::Body(i) => place(&chunks[*i], placed.y, &mut pass, &mut page),
                PlacedChunk::RepeatedHeader(header) => {
                    place(&repeated(header), placed.y, &mut pass, &mut page)
                }
            }
        }
        if !content.footnotes.is_empty() {
            let total = paginator.notes_height(&content.footnotes);
            let mut y = body_height - total + separator;
            let rule_y = geometry.margin_top + y - separator * 0.5;
            // The short rule above the notes stands where their lines start.
            let rule_x = if ctx.rtl() { x0 + measure * 0.7 } else { x0 };
            page.items.push(Item {
                pos: Point::new(rule_x, rule_y),
                kind: ItemKind::Line {
                    to: Point::new(rule_x + measure * 0.3, rule_y),
                    width: 0.5,
                    color: ctx.theme.color(ColorName::Rule),
                },
                role: Role::Artifact,
            });
            for &n in &content.footnotes {
                place(&notes[n], y, &mut pass, &mut page);
                y += notes[n].height + gap;
            }
        }
        pass.pages.push(page);
    }
    pass.spare = signature::finish(ctx, &mut pass.pages);
    for (index, link) in pending {
        match pass.anchors.get(&link.anchor) {
            Some(&target) => pass.pages[index].items.push(Item {
                pos: link.pos,
                kind: ItemKind::Link {
                    size: link.size,
                    target: LinkTarget::Internal(target),
                },
                role: Role::Artifact,
            }),
            None => ctx.warn(Problem::new(format!(
                "link to “{}”, which is not in the booklet",
                link.anchor
            ))),
        }
    }
    pass
}

/// The left edge of the text area of page `index` (0-based). Right-hand
/// pages have the binding on the left, except in a right-to-left book,
/// which opens the other way.
fn text_left(ctx: &Ctx, index: usize) -> f32 {
    let geometry = &ctx.theme.page;
    if index.is_multiple_of(2) != ctx.rtl() {
        geometry.margin_inner
    } else {
        geometry.margin_outer
    }
}

/// A table's header row repeated on a continuation page: furniture that
/// helps the eye, not content (the header cells are in the table once).
fn repeated(header: &Chunk) -> Chunk {
    let mut chunk = header.clone();
    chunk.items.iter_mut().for_each(|i| i.role = Role::Artifact);
    chunk
}

/// One chunk holding several stacked chunks (a footnote's lines).
fn stacked(chunks: Vec<Chunk>) -> Chunk {
    let mut out = Chunk::default();
    for chunk in chunks {
        out.stack(chunk, 0.0);
    }
    out
}

/// One background rectangle per run of consecutive chunks of the same box
/// on this page (a box's repeated title included), reaching a padding below
/// the last one where the box goes on overleaf.
fn backgrounds(
    chunks: &[Chunk],
    paginator: &Paginator,
    content: &PageContent,
    x0: f32,
    top: f32,
    measure: f32,
) -> Vec<Item> {
    let mut items = Vec::new();
    let mut run: Option<(Decor, f32, f32)> = None;
    let decor_of = |p: &Placed| match &p.chunk {
        PlacedChunk::Body(i) => chunks[*i].decor,
        PlacedChunk::RepeatedHeader(header) => header.decor,
    };
    let continues = |p: &Placed, decor: Decor| match p.chunk {
        PlacedChunk::Body(i) => chunks
            .get(i + 1)
            .and_then(|c| c.decor)
            .is_some_and(|d| d.id == decor.id),
        PlacedChunk::RepeatedHeader(_) => true,
    };
    let flush = |run: Option<(Decor, f32, f32)>, items: &mut Vec<Item>| {
        if let Some((decor, y0, y1)) = run {
            items.push(Item {
                pos: Point::new(x0, top + y0),
                kind: ItemKind::Rect {
                    size: Size::new(measure, y1 - y0),
                    fill: decor.fill,
                    bleed: false,
                },
                role: Role::Artifact,
            });
        }
    };
    for placed in &content.placed {
        let bottom = placed.y + paginator.placed_height(placed);
        match (decor_of(placed), &mut run) {
            (Some(d), Some((current, _, y1))) if current.id == d.id => {
                *y1 = bottom + if continues(placed, d) { d.pad } else { 0.0 }
            }
            (decor, _) => {
                flush(run.take(), &mut items);
                run = decor.map(|d| {
                    let pad = if continues(placed, d) { d.pad } else { 0.0 };
                    (d, placed.y, bottom + pad)
                });
            }
        }
    }
    flush(run, &mut items);
    items
}
