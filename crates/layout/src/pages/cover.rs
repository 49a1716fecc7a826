//! The cover: a full-bleed colour field, the artwork and the title.
//!
//! The title is the booklet's first heading; subtitle and imprint are
//! paragraphs; the artwork is a figure with its text alternative.

use folio_model::doc::{Cover, Inline};
use folio_model::theme::ColorName;

use crate::context::Ctx;
use crate::flow::{Area, line_chunks};
use crate::frame::{Item, ItemKind, Page, Point, Role, Size};
use crate::inline::{Align, ParSpec, is_rtl_paragraph};
use crate::style::{Family, TextStyle};

/// The covers' colour field, over the whole page and its bleed: front and
/// back cover read as one sheet wrapped around the booklet.
pub(super) fn colour_field(ctx: &Ctx, size: Size) -> Item {
    Item {
        pos: Point::new(0.0, 0.0),
        kind: ItemKind::Rect {
            size,
            fill: ctx.theme.color(ColorName::Cover),
            bleed: true,
        },
        role: Role::Artifact,
    }
}

pub fn cover_page(ctx: &Ctx, cover: &Cover) -> Page {
    let geometry = &ctx.theme.page;
    let size = Size::new(geometry.width, geometry.height);
    let area = Area {
        x: geometry.margin_inner,
        width: geometry.width - geometry.margin_inner - geometry.margin_outer,
    };
    let mut items = vec![colour_field(ctx, size)];
    let mut y = geometry.margin_top * 1.5;
    let title_size = ctx.theme.type_scale.cover_title_size;
    let title = Role::Heading(1, ctx.block());
    for (i, line) in cover.title.iter().enumerate() {
        let size = if i == 0 { title_size } else { title_size * 0.6 };
        y = text_block(
            ctx,
            &mut items,
            line,
            TextStyle::new(Family::Heading, size, ColorName::OnCover).bold(),
            title,
            area,
            y,
        );
    }
    let subtitle = TextStyle::new(
        Family::Heading,
        ctx.theme.type_scale.h2_size,
        ColorName::OnCover,
    );
    y = text_block(
        ctx,
        &mut items,
        &cover.subtitle,
        subtitle,
        Role::Paragraph(ctx.block()),
        area,
        y + title_size * 0.4,
    );
    if let Some(image) = &cover.image {
        let aspect = image.height as f32 / image.width.max(1) as f32;
        let image_width = geometry.width;
        let image_height = image_width * aspect;
        let bottom = geometry.height - geometry.margin_bottom * 2.0;
        let top = (bottom - image_height).max(y + title_size);
        items.push(Item {
            pos: Point::new(0.0, top),
            kind: ItemKind::Image {
                size: Size::new(image_width, (bottom - top).min(image_height)),
                image: std::sync::Arc::new(image.clone()),
                bleed: true,
            },
            role: Role::Figure(ctx.figure(&image.alt)),
        });
    }
    let imprint = TextStyle::new(
        Family::Heading,
        ctx.theme.type_scale.small_size,
        ColorName::OnCover,
    );
    text_block(
        ctx,
        &mut items,
        &cover.imprint,
        imprint,
        Role::Paragraph(ctx.block()),
        area,
        geometry.height - geometry.margin_bottom * 1.5,
    );
    Page {
        size,
        label: "1".to_owned(),
        items,
    }
}

/// Sets `text` ragged in `area` from `y` down and returns the y below it.
/// Lines align on the edition's start edge whatever their own direction
/// (an English name in an Arabic booklet), so a cover's lines share one
/// edge.
pub(super) fn text_block(
    ctx: &Ctx,
    items: &mut Vec<Item>,
    text: &str,
    style: TextStyle,
    role: Role,
    area: Area,
    mut y: f32,
) -> f32 {
    let align = if is_rtl_paragraph(text, &ctx.doc.lang) == ctx.rtl() {
        Align::Start
    } else {
        Align::End
    };
    let spec = ParSpec {
        align,
        ..ParSpec::ragged(style, style.size * 1.15, 0.0, role)
    };
    for line in line_chunks(ctx, &[Inline::Text(text.to_owned())], spec, area, None) {
        items.extend(line.items.into_iter().map(|i| i.shifted(0.0, y)));
        y += line.height;
    }
    y
}
