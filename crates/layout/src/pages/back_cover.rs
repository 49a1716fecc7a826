//! The outside back cover: what a reader sees of the booklet lying face
//! down. It continues the front cover's colour field, so that the printed
//! cover reads as one sheet wrapped around the booklet, and carries no
//! booklet text: the campaign's name and its appeal at the head, a smaller
//! repeat of the cover artwork when the theme asks for it, and at the foot
//! who made the booklet and how to reach them, with the credits in small
//! print.
//!
//! Every line is real content (a paragraph) for assistive technology; the
//! colour field, the rule and the repeated artwork, whose description the
//! front cover already gives, are artifacts.

use folio_model::doc::BackCover;
use folio_model::theme::ColorName;

use super::cover::{colour_field, text_block};
use crate::context::Ctx;
use crate::flow::Area;
use crate::frame::{Item, ItemKind, Page, Point, Role, Size};
use crate::style::{Family, TextStyle};

/// The back cover as page `index` (0-based) of the booklet.
pub fn back_cover_page(ctx: &Ctx, back: &BackCover, index: usize) -> Page {
    let geometry = &ctx.theme.page;
    let scale = &ctx.theme.type_scale;
    let size = Size::new(geometry.width, geometry.height);
    let area = Area {
        x: super::text_left(ctx, index),
        width: geometry.width - geometry.margin_inner - geometry.margin_outer,
    };
    // Of whole sheets, the back cover is a left-hand page, its outer edge
    // on the left (on the right in a right-to-left booklet).
    let outer_left = index.is_multiple_of(2) == ctx.rtl();
    let mut items = vec![colour_field(ctx, size)];
    let on_cover = |family, size| TextStyle::new(family, size, ColorName::OnCover);

    // The head: the campaign's name as the front cover's subtitle sets
    // it, then its appeal, large, on a measure short enough to read as a
    // statement rather than a paragraph.
    let mut y = geometry.margin_top * 1.5;
    y = text_block(
        ctx,
        &mut items,
        &back.name,
        on_cover(Family::Heading, scale.h2_size),
        Role::Paragraph(ctx.block()),
        area,
        y,
    );
    let statement = Area {
        width: area.width * 0.8,
        ..area
    };
    let statement_size = scale.h1_size * 1.25;
    y = text_block(
        ctx,
        &mut items,
        &back.statement,
        on_cover(Family::Heading, statement_size).bold(),
        Role::Paragraph(ctx.block()),
        statement,
        y + statement_size,
    );

    // The foot, set from the bottom margin up: partners, address, web
    // address, then a rule and the credits.
    let mut foot = Vec::new();
    let label = text_block(
        ctx,
        &mut foot,
        &back.partners_label,
        on_cover(Family::Heading, scale.small_size),
        Role::Paragraph(ctx.block()),
        area,
        0.0,
    );
    let mut below = label;
    for partner in &back.partners {
        below = text_block(
            ctx,
            &mut foot,
            partner,
            on_cover(Family::Heading, scale.h2_size).bold(),
            Role::Paragraph(ctx.block()),
            area,
            below,
        );
    }
    below += scale.body_leading;
    let small = on_cover(Family::Heading, scale.small_size);
    for line in &back.contact {
        below = text_block(
            ctx,
            &mut foot,
            line,
            small,
            Role::Paragraph(ctx.block()),
            area,
            below,
        );
    }
    below = text_block(
        ctx,
        &mut foot,
        &back.web,
        small.bold(),
        Role::Paragraph(ctx.block()),
        area,
        below,
    );
    below += scale.body_leading * 0.8;
    foot.push(Item {
        pos: Point::new(area.x, below),
        kind: ItemKind::Line {
            to: Point::new(area.x + area.width, below),
            width: 0.5,
            color: ctx.theme.color(ColorName::OnCover),
        },
        role: Role::Artifact,
    });
    below += scale.body_leading * 0.6;
    // Small print on a measure of about 90 characters.
    let credits = Area {
        width: area.width * 0.75,
        ..area
    };
    below = text_block(
        ctx,
        &mut foot,
        &back.credits,
        on_cover(Family::Heading, scale.note_size),
        Role::Paragraph(ctx.block()),
        credits,
        below,
    );
    let foot_top = (geometry.height - geometry.margin_bottom - below).max(y);

    // Between the two, the cover's artwork, smaller, as a band cut by the
    // outer edge: the front cover's art runs off both of its edges, and
    // this one reads as more of it rather than as a picture pasted on.
    if let Some(image) = ctx.doc.cover.image.as_ref()
        && ctx.theme.binding.back_cover_art
    {
        let aspect = image.height as f32 / image.width.max(1) as f32;
        let room = foot_top - y - 2.0 * scale.body_leading;
        let width = (geometry.width * 0.55).min(room / aspect);
        if width > geometry.width * 0.2 {
            let height = width * aspect;
            let x = if outer_left {
                0.0
            } else {
                geometry.width - width
            };
            let top = y + (foot_top - y - height) * 0.5;
            items.push(Item {
                pos: Point::new(x, top),
                kind: ItemKind::Image {
                    size: Size::new(width, height),
                    image: std::sync::Arc::new(image.clone()),
                    bleed: true,
                },
                role: Role::Artifact,
            });
        }
    }
    items.extend(foot.into_iter().map(|i| i.shifted(0.0, foot_top)));
    Page {
        size,
        label: (index + 1).to_string(),
        items,
    }
}
