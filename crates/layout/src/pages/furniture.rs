//! Running header and footer, added once a page's number is known.

use folio_model::doc::Inline;
use folio_model::theme::ColorName;

use crate::context::Ctx;
use crate::flow::{Area, line_chunks};
use crate::frame::{Item, ItemKind, Point, Role};
use crate::inline::{Align, ParSpec};
use crate::style::{Family, TextStyle};

/// Header and footer items for page `index` (0-based; odd indices are
/// left-hand pages, so the page number sits on the outer edge).
pub fn furniture(ctx: &Ctx, index: usize, label: &str, x: f32, measure: f32) -> Vec<Item> {
    let geometry = &ctx.theme.page;
    let size = ctx.theme.type_scale.small_size;
    let style = TextStyle::new(Family::Heading, size, ColorName::Muted);
    let verso = index % 2 == 1;
    let align = if verso { Align::Start } else { Align::End };
    let spec = ParSpec {
        align,
        ..ParSpec::ragged(style, size * 1.2, 0.0, Role::Artifact)
    };
    let area = Area { x, width: measure };
    let mut items = Vec::new();

    let header_y = geometry.margin_top - size * 3.2;
    for line in line_chunks(
        ctx,
        &[Inline::Text(ctx.doc.running_header.clone())],
        spec,
        area,
    )
    .into_iter()
    .take(1)
    {
        items.extend(line.items.into_iter().map(|i| i.shifted(0.0, header_y)));
    }
    let rule_y = header_y + size * 1.6;
    items.push(Item {
        pos: Point::new(x, rule_y),
        kind: ItemKind::Line {
            to: Point::new(x + measure, rule_y),
            width: 0.4,
            color: ctx.theme.color(ColorName::Rule),
        },
        role: Role::Artifact,
    });

    let footer_y = geometry.height - geometry.margin_bottom + size * 2.0;
    let text = format!("{} {label}", ctx.doc.page_label);
    for line in line_chunks(ctx, &[Inline::Text(text)], spec, area)
        .into_iter()
        .take(1)
    {
        items.extend(line.items.into_iter().map(|i| i.shifted(0.0, footer_y)));
    }
    items.iter_mut().for_each(|i| i.role = Role::Artifact);
    items
}
