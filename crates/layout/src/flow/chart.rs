//! Figures: a caption, then a vector bar chart or a table.

use folio_model::doc::{Bar, Figure, FigureBody, Inline, Paragraph, ParagraphStyle};
use folio_model::theme::ColorName;

use super::chunk::Chunk;
use super::text::line_chunks;
use super::{Area, paragraph_chunks, table};
use crate::context::Ctx;
use crate::frame::{Block, Item, ItemKind, Point, Role, Size};
use crate::inline::{Align, ParSpec};
use crate::style::{Family, TextStyle};

pub fn figure_chunks(ctx: &Ctx, figure: &Figure, area: Area) -> Vec<Chunk> {
    let title = Paragraph {
        style: ParagraphStyle::Caption,
        text: figure.title.clone(),
        origin: figure.origin.clone(),
    };
    // A chart is drawn, so it needs a text alternative; a table presented
    // as a figure is its own accessible text.
    let block = match &figure.body {
        FigureBody::BarChart(_) => ctx.figure(&figure.alt),
        FigureBody::Table(_) => ctx.block(),
    };
    let mut chunks = table::caption_of(block, paragraph_chunks(ctx, &title, area));
    if let Some(first) = chunks.first_mut() {
        first.anchors.push((figure.anchor.clone(), 0.0));
        first.space_before = ctx.theme.type_scale.body_leading * 1.2;
    }
    match &figure.body {
        FigureBody::BarChart(bars) => chunks.push(bar_chart(ctx, bars, area, block)),
        FigureBody::Table(t) => chunks.extend(table::table_chunks(ctx, t, area, block)),
    }
    chunks
}

/// Horizontal bars, one per category, with the share printed at the end of
/// each bar; the edition's own category is outlined and its label bold.
fn bar_chart(ctx: &Ctx, bars: &[Bar], area: Area, block: Block) -> Chunk {
    let size = ctx.theme.type_scale.table_size;
    let bar_height = size * 2.0;
    let gap = size * 0.9;
    let label_width = area.width * 0.28;
    let value_width = size * 7.0;
    let track = area.width - label_width - value_width;
    let mut chart = Chunk {
        space_before: size,
        ..Chunk::default()
    };
    for (i, bar) in bars.iter().enumerate() {
        let y = i as f32 * (bar_height + gap);
        let mut style = TextStyle::new(Family::Heading, size, ColorName::Ink);
        if bar.highlight {
            style = style.bold();
        }
        let label = Area {
            x: area.x,
            width: label_width - size,
        };
        let spec = ParSpec {
            align: Align::End,
            ..ParSpec::ragged(style, bar_height, 0.0, Role::Figure(block))
        };
        for line in line_chunks(ctx, &[Inline::Text(bar.label.clone())], spec, label, None)
            .into_iter()
            .take(1)
        {
            chart.absorb(line, 0.0, y);
        }
        let length = (bar.percent.clamp(0.0, 100.0) / 100.0 * track).max(1.0);
        let x = area.x + label_width;
        if bar.highlight {
            let outline = size * 0.25;
            chart.items.push(Item {
                pos: Point::new(x - outline, y - outline),
                kind: ItemKind::Rect {
                    size: Size::new(length + 2.0 * outline, bar_height + 2.0 * outline),
                    fill: ctx.theme.color(ColorName::Ink),
                    bleed: false,
                },
                role: Role::Figure(block),
            });
        }
        chart.items.push(Item {
            pos: Point::new(x, y),
            kind: ItemKind::Rect {
                size: Size::new(length, bar_height),
                fill: ctx.theme.color(bar.color),
                bleed: false,
            },
            role: Role::Figure(block),
        });
        let value = Area {
            x: x + length + size * 0.6,
            width: value_width,
        };
        let spec = ParSpec::ragged(style, bar_height, 0.0, Role::Figure(block));
        for line in line_chunks(
            ctx,
            &[Inline::Text(bar.value_label.clone())],
            spec,
            value,
            None,
        )
        .into_iter()
        .take(1)
        {
            chart.absorb(line, 0.0, y);
        }
    }
    chart.height = bars.len() as f32 * (bar_height + gap);
    chart
}
