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
/// A draft carries its mark on the inner edge of the footer, in bold red,
/// where it cannot be missed on any page.
pub fn furniture(ctx: &Ctx, index: usize, label: &str, x: f32, measure: f32) -> Vec<Item> {
    let geometry = &ctx.theme.page;
    let size = ctx.theme.type_scale.small_size;
    let style = TextStyle::new(Family::Heading, size, ColorName::Muted);
    let outer_right = index.is_multiple_of(2) != ctx.rtl();
    let area = Area { x, width: measure };
    let mut items = Vec::new();

    let header_y = geometry.margin_top - size * 3.2;
    items.extend(one_line(
        ctx,
        &ctx.doc.running_header,
        style,
        outer_right,
        area,
        header_y,
    ));
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
    items.extend(one_line(ctx, &text, style, outer_right, area, footer_y));
    if let Some(mark) = &ctx.doc.draft_mark {
        let style = TextStyle::new(Family::Heading, size, ColorName::Red).bold();
        items.extend(one_line(ctx, mark, style, !outer_right, area, footer_y));
    }
    items.iter_mut().for_each(|i| i.role = Role::Artifact);
    items
}

/// The first line of `text` set in `style` against the right (or left)
/// edge of `area`, at `y`. Alignment is relative to the text's direction.
fn one_line(ctx: &Ctx, text: &str, style: TextStyle, right: bool, area: Area, y: f32) -> Vec<Item> {
    let spec = ParSpec {
        align: if right == is_rtl_paragraph(text, &ctx.doc.lang) {
            Align::Start
        } else {
            Align::End
        },
        ..ParSpec::ragged(style, style.size * 1.2, 0.0, Role::Artifact)
    };
    line_chunks(ctx, &[Inline::Text(text.to_owned())], spec, area, None)
        .into_iter()
        .take(1)
        .flat_map(|line| line.items)
        .map(|i| i.shifted(0.0, y))
        .collect()
}
