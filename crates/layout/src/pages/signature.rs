//! Whole sheets. A saddle-stitched booklet is sheets folded once and
//! stapled at the fold, four pages each, so its page count is a multiple
//! of four (the theme's `[binding] sheet-pages`). The pages that make the
//! content up to whole sheets go where a designer puts them: after the
//! last page of content and before the back cover, which stays the
//! booklet's last page. They are blank or, if the theme says so, ruled for
//! the reader's notes. The inside covers (page 2, the page before the back
//! cover) may be kept free of content.
//!
//! Screen and print editions are the same pages: the padding is laid out
//! here, not added by the print profile.

use folio_model::doc::Inline;
use folio_model::theme::{ColorName, InsideCover, Padding};

use super::back_cover::back_cover_page;
use super::furniture::furniture;
use crate::context::Ctx;
use crate::flow::{Area, line_chunks};
use crate::frame::{Item, ItemKind, Page, Point, Role, Size};
use crate::inline::ParSpec;
use crate::style::{Family, TextStyle};

/// The page after the cover when the theme keeps the inside of the front
/// cover free of content.
pub fn inside_front_cover(ctx: &Ctx) -> Option<Page> {
    (ctx.theme.binding.inside_front_cover == InsideCover::Blank).then(|| blank(ctx, 1))
}

/// Adds the padding pages and the back cover after the content in
/// `pages`, and returns how many padding pages the booklet could do
/// without were its content shorter: 0 when the content fills its last
/// sheet, `sheet - 1` when it spills one page onto it (what copyfitting
/// tries to win back).
pub fn finish(ctx: &Ctx, pages: &mut Vec<Page>) -> usize {
    let binding = &ctx.theme.binding;
    let back = usize::from(ctx.doc.back_cover.is_some());
    let reserved = usize::from(binding.inside_back_cover == InsideCover::Blank);
    let needed = pages.len() + reserved + back;
    let total = needed.next_multiple_of(binding.sheet_pages.max(1));
    for index in pages.len()..total - back {
        let page = match binding.padding {
            Padding::Blank => blank(ctx, index),
            Padding::Notes => notes(ctx, index),
        };
        pages.push(page);
    }
    if let Some(back) = &ctx.doc.back_cover {
        pages.push(back_cover_page(ctx, back, total - 1));
    }
    total - needed
}

/// An empty page: no folio, as a printer leaves a blank.
fn blank(ctx: &Ctx, index: usize) -> Page {
    let geometry = &ctx.theme.page;
    Page {
        size: Size::new(geometry.width, geometry.height),
        label: (index + 1).to_string(),
        items: Vec::new(),
    }
}

/// A numbered page ruled for notes under its title. Everything on it is
/// an artifact: it carries nothing to read.
fn notes(ctx: &Ctx, index: usize) -> Page {
    let geometry = &ctx.theme.page;
    let scale = &ctx.theme.type_scale;
    let label = (index + 1).to_string();
    let measure = geometry.width - geometry.margin_inner - geometry.margin_outer;
    let x = super::text_left(ctx, index);
    let mut items = furniture(ctx, index, &label, x, measure);
    let style = TextStyle::new(Family::Heading, scale.h1_size, ColorName::Accent).bold();
    let spec = ParSpec::ragged(style, scale.h1_size * 1.2, 0.0, Role::Artifact);
    let area = Area { x, width: measure };
    let title = line_chunks(
        ctx,
        &[Inline::Text(ctx.doc.notes_title.clone())],
        spec,
        area,
        None,
    );
    let mut y = geometry.margin_top;
    for line in title {
        items.extend(line.items.into_iter().map(|i| Item {
            role: Role::Artifact,
            ..i.shifted(0.0, y)
        }));
        y += line.height;
    }
    // Lines as far apart as a hand writes, about 8 mm: two lines of body
    // text.
    let pitch = scale.body_leading * 2.0;
    let bottom = geometry.height - geometry.margin_bottom;
    y += pitch;
    while y <= bottom {
        items.push(Item {
            pos: Point::new(x, y),
            kind: ItemKind::Line {
                to: Point::new(x + measure, y),
                width: 0.4,
                color: ctx.theme.color(ColorName::Rule),
            },
            role: Role::Artifact,
        });
        y += pitch;
    }
    Page {
        size: Size::new(geometry.width, geometry.height),
        label,
        items,
    }
}
