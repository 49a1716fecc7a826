//! Tables: each row is one chunk (rows are never split), the header row is
//! repeated when a table continues on another page.

use std::rc::Rc;

use folio_model::doc::{Cell, Inline, RatingMark, Table, TableStyle};
use folio_model::theme::ColorName;

use super::chunk::Chunk;
use super::text::line_chunks;
use super::{Area, paragraph_chunks};
use crate::context::Ctx;
use crate::frame::{Block, CellPos, Item, ItemKind, Point, Role, Size};
use crate::inline::ParSpec;
use crate::style::{Family, TextStyle};

/// Gap between cells, through which the page shows.
const GUTTER: f32 = 2.0;

/// The chunks of `table`, whose structure element is `block`.
pub fn table_chunks(ctx: &Ctx, table: &Table, area: Area, block: Block) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    if let Some(caption) = &table.caption {
        let caption = folio_model::doc::Paragraph {
            style: folio_model::doc::ParagraphStyle::Caption,
            text: caption.clone(),
            origin: table.caption_origin.clone(),
        };
        chunks.extend(caption_of(block, paragraph_chunks(ctx, &caption, area)));
    }
    let total: f32 = table.columns.iter().sum::<f32>().max(f32::EPSILON);
    let widths: Vec<f32> = table
        .columns
        .iter()
        .map(|w| w / total * area.width)
        .collect();

    let mut header: Option<Rc<Chunk>> = None;
    // Cell positions count header rows first, then body rows.
    let row_start = |row: usize| CellPos {
        table: block,
        row: row as u32,
        column: 0,
    };
    for (i, row) in table.header.iter().enumerate() {
        let start = row_start(i);
        let mut chunk = row_chunk(ctx, table.style, &row.cells, &widths, area, start, true);
        chunk.keep_with_next = true;
        if i == 0 {
            chunk.space_before = ctx.theme.type_scale.body_leading * 0.4;
        }
        header = Some(Rc::new(chunk.clone()));
        chunks.push(chunk);
    }
    for (i, row) in table.rows.iter().enumerate() {
        let start = row_start(table.header.len() + i);
        let mut chunk = row_chunk(ctx, table.style, &row.cells, &widths, area, start, false);
        chunk.repeat_header = header.clone();
        chunks.push(chunk);
    }
    if table.header.is_empty()
        && let Some(first) = chunks.iter_mut().find(|c| c.space_before == 0.0)
    {
        first.space_before = ctx.theme.type_scale.body_leading * 0.4;
    }
    chunks
}

fn row_chunk(
    ctx: &Ctx,
    style: TableStyle,
    cells: &[Cell],
    widths: &[f32],
    area: Area,
    start: CellPos,
    header: bool,
) -> Chunk {
    let size = ctx.theme.type_scale.table_size;
    let pad = size * 0.6;
    let mut contents = Vec::with_capacity(cells.len());
    let mut x = area.x;
    for (column, (cell, &width)) in cells.iter().zip(widths).enumerate() {
        let inner = Area {
            x: 0.0,
            width: width - GUTTER - 2.0 * pad,
        };
        let at = CellPos {
            column: column as u32,
            ..start
        };
        // Columns run from the right in a right-to-left edition (each cell
        // box, less its gutter, mirrored).
        let cell_x = if ctx.rtl() {
            area.x + area.width - (x - area.x) - width
        } else {
            x
        };
        contents.push((cell_x, width, cell_chunk(ctx, cell, inner, at, header)));
        x += width;
    }
    let height = contents
        .iter()
        .map(|(_, _, c)| c.height)
        .fold(0.0, f32::max)
        + 2.0 * pad;

    // A row too tall for a page is the fault of its tallest cell.
    let tallest = contents
        .iter()
        .map(|(_, _, c)| c)
        .max_by(|a, b| a.height.total_cmp(&b.height));
    let mut row = Chunk {
        height: height + GUTTER,
        origin: tallest.and_then(|c| c.origin.clone()),
        ..Chunk::default()
    };
    for ((x, width, _), cell) in contents.iter().zip(cells) {
        let fill = match (cell.fill, style, header) {
            (Some(name), _, _) => Some(name),
            (None, _, true) => Some(ColorName::TableHeader),
            (None, TableStyle::Grid, false) => None,
            (None, _, false) => Some(ColorName::CaseStudy),
        };
        if let Some(name) = fill {
            row.items
                .push(rect(*x, 0.0, width - GUTTER, height, ctx.theme.color(name)));
        }
    }
    if style == TableStyle::Grid {
        let y = height + GUTTER / 2.0;
        row.items.push(Item {
            pos: Point::new(area.x, y),
            kind: ItemKind::Line {
                to: Point::new(area.x + area.width - GUTTER, y),
                width: 0.5,
                color: ctx.theme.color(ColorName::Rule),
            },
            role: Role::Artifact,
        });
    }
    for (x, _, content) in contents {
        row.absorb(content, x + pad, pad);
    }
    row
}

fn cell_chunk(ctx: &Ctx, cell: &Cell, area: Area, at: CellPos, header: bool) -> Chunk {
    let size = ctx.theme.type_scale.table_size;
    let role = if header {
        Role::TableHeaderCell(at)
    } else {
        Role::TableCell(at)
    };
    let mut style = TextStyle::new(Family::Heading, size, ColorName::Ink);
    if cell.strong || header {
        style = style.bold();
    }
    let mut chunk = Chunk::default();
    if let Some(rating) = &cell.rating {
        chunk.stack(rating_band(ctx, rating, area, role), 0.0);
    }
    for (i, paragraph) in cell.text.iter().enumerate() {
        let gap = if i == 0 && cell.rating.is_none() {
            0.0
        } else {
            size * 0.5
        };
        let mut text = Chunk::default();
        for line in line_chunks(
            ctx,
            paragraph,
            ParSpec::ragged(style, size * 1.3, 0.0, role),
            area,
            cell.origin.as_ref(),
        ) {
            text.stack(line, 0.0);
        }
        chunk.stack(text, gap);
    }
    chunk
}

/// A rating as a coloured band that also names the rating in words, with a
/// star drawn as a vector shape where NGOs do the work; the words belong to
/// the cell of `role`.
fn rating_band(ctx: &Ctx, rating: &RatingMark, area: Area, role: Role) -> Chunk {
    let size = ctx.theme.type_scale.table_size * 0.92;
    let height = size * 2.2;
    let mut band = Chunk {
        height,
        ..Chunk::default()
    };
    band.items.push(rect(
        area.x - 1.0,
        0.0,
        area.width + 2.0,
        height,
        ctx.theme.color(rating.color),
    ));
    let style = TextStyle::new(Family::Heading, size, ColorName::OnRating).bold();
    let star_space = if rating.star { height } else { 0.0 };
    let label_area = area.part(size * 0.4, area.width - size * 0.4 - star_space, ctx.rtl());
    let lines = line_chunks(
        ctx,
        &[Inline::Text(rating.label.clone())],
        ParSpec::ragged(style, height, 0.0, role),
        label_area,
        None,
    );
    if let Some(line) = lines.into_iter().next() {
        band.absorb(line, 0.0, 0.0);
    }
    if rating.star {
        let r = height * 0.36;
        let centre_x = if ctx.rtl() {
            area.x + height * 0.5
        } else {
            area.x + area.width - height * 0.5
        };
        let centre = Point::new(centre_x, height / 2.0);
        band.items
            .push(star(centre, r, ctx.theme.color(ColorName::OnRating)));
    }
    band
}

fn rect(x: f32, y: f32, width: f32, height: f32, fill: folio_model::theme::Color) -> Item {
    Item {
        pos: Point::new(x, y),
        kind: ItemKind::Rect {
            size: Size::new(width, height),
            fill,
            bleed: false,
        },
        role: Role::Artifact,
    }
}

/// A five-pointed star centred on `centre`.
fn star(centre: Point, outer: f32, fill: folio_model::theme::Color) -> Item {
    let inner = outer * 0.4;
    let points = (0..10)
        .map(|i| {
            let radius = if i % 2 == 0 { outer } else { inner };
            let angle = std::f32::consts::PI * (i as f32) / 5.0 - std::f32::consts::FRAC_PI_2;
            Point::new(radius * angle.cos(), radius * angle.sin())
        })
        .collect();
    Item {
        pos: centre,
        kind: ItemKind::Polygon { points, fill },
        role: Role::Symbol('★'),
    }
}

/// `chunks` (a caption's lines) as the caption of the table or figure
/// `block`.
pub fn caption_of(block: Block, mut chunks: Vec<Chunk>) -> Vec<Chunk> {
    for item in chunks.iter_mut().flat_map(|c| &mut c.items) {
        if matches!(item.role, Role::Caption(_)) {
            item.role = Role::Caption(block);
        }
    }
    chunks
}
