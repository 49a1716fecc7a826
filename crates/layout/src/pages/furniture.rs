//! Running header and footer, added once a page's number is known.

use folio_model::doc::Inline;
use folio_model::theme::ColorName;

use crate::context::Ctx;
use crate::flow::{Area, line_chunks};
use crate::frame::{Item, ItemKind, Point, Role};
use crate::inline::{Align, ParSpec, is_rtl_paragraph};
use crate::style::{Family, TextStyle};

/// Header and footer items for page `index` (0-based; odd indices are
/// left-hand pages, so the page number sits on the outer edge; in a
/// right-to-left edition, which opens the other way, right-hand pages).
pub fn furniture(ctx: &Ctx, index: usize, label: &str, x: f32, measure: f32) -> Vec<Item> {
    let geometry = &ctx.theme.page;
    let size = ctx.theme.type_scale.small_size;
    let style = TextStyle::new(Family::Heading, size, ColorName::Muted);
    let outer_right = index.is_multiple_of(2) != ctx.rtl();
    // Alignment is relative to the text's direction.
    let spec = |text: &str| ParSpec {
        align: if outer_right == is_rtl_paragraph(text, &ctx.doc.lang) {
            Align::Start
        } else {
            Align::End
        },
        ..ParSpec::ragged(style, size * 1.2, 0.0, Role::Artifact)
    };
    let area = Area { x, width: measure };
    let mut items = Vec::new();

    let header_y = geometry.margin_top - size * 3.2;
    for line in line_chunks(
        ctx,
        &[Inline::Text(ctx.doc.running_header.clone())],
        spec(&ctx.doc.running_header),
        area,
        None,
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
    let footer = spec(&text);
    for line in line_chunks(ctx, &[Inline::Text(text)], footer, area, None)
        .into_iter()
        .take(1)
    {
        items.extend(line.items.into_iter().map(|i| i.shifted(0.0, footer_y)));
    }
    items.iter_mut().for_each(|i| i.role = Role::Artifact);
    items
}
