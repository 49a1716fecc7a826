//! Page items as krilla surface calls.
//!
//! Frame coordinates are points from the page's top-left, y down, which is
//! also krilla's surface space, so positions pass through unchanged.
//!
//! The helpers here are the only code that draws on the surface. Each sets
//! all the state it uses (fill, stroke), so no item's drawing depends on
//! what was drawn before it, and transforms only go through
//! `with_transform`, so a push can never lack its pop.

use folio_layout::fonts::FontBook;
use folio_layout::frame::{Point, Size, TextRun};
use folio_model::doc::Image;
use folio_model::theme::Color;
use krilla::geom::{self, Path, PathBuilder, Rect, Transform};
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};

use crate::fonts::Fonts;
use crate::images::Images;
use crate::{ErrorKind, PdfError, Profile};

/// What drawing needs beyond the item: the profile's colour space, and the
/// fonts and images already handed to krilla.
pub(crate) struct Resources<'a> {
    fonts: Fonts<'a>,
    images: Images,
    profile: Profile,
}

impl<'a> Resources<'a> {
    pub(crate) fn new(book: &'a FontBook, profile: Profile) -> Self {
        Resources {
            fonts: Fonts::new(book),
            images: Images::default(),
            profile,
        }
    }

    /// A solid fill in the profile's colour space.
    fn fill(&self, color: Color) -> Fill {
        Fill {
            paint: self.profile.paint(color),
            ..Fill::default()
        }
    }
}

/// Run `draw` with `transform` concatenated to the current transform, then
/// restore it.
fn with_transform(surface: &mut Surface, transform: Transform, draw: impl FnOnce(&mut Surface)) {
    surface.push_transform(&transform);
    draw(surface);
    surface.pop();
}

fn point(p: Point) -> geom::Point {
    geom::Point::from_xy(p.x, p.y)
}

/// Fill `path` with `color`, without a stroke.
fn fill(surface: &mut Surface, path: &Path, color: Color, resources: &Resources) {
    surface.set_stroke(None);
    surface.set_fill(Some(resources.fill(color)));
    surface.draw_path(path);
}

/// A run of shaped glyphs, its baseline starting at `pos`. `page` is the
/// page index, for errors.
pub(crate) fn text(
    surface: &mut Surface,
    pos: Point,
    run: &TextRun,
    page: usize,
    resources: &mut Resources,
) -> Result<(), PdfError> {
    if run.glyphs.is_empty() {
        return Ok(());
    }
    if !(run.size.is_finite() && run.size > 0.0) {
        return Err(PdfError::new(ErrorKind::TextSize {
            page,
            size: run.size,
        }));
    }
    let glyphs = run
        .glyphs
        .iter()
        .map(|glyph| {
            // krilla slices the text with the range (a bad one would panic)
            // and maps the glyph to that slice in the font's ToUnicode map,
            // or with /ActualText when a glyph stands for different text in
            // different places. A ligature's range covers all its letters.
            if run.text.get(glyph.range.clone()).is_none() {
                return Err(PdfError::new(ErrorKind::GlyphRange {
                    page,
                    text: run.text.clone(),
                    start: glyph.range.start,
                    end: glyph.range.end,
                }));
            }
            // krilla wants lengths per unit of font size: it asks for them
            // both at the run's size and at size 1.
            Ok(KrillaGlyph::new(
                GlyphId::new(u32::from(glyph.id)),
                glyph.x_advance / run.size,
                glyph.x_offset / run.size,
                glyph.y_offset / run.size,
                0.0,
                glyph.range.clone(),
                None,
            ))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let font = resources.fonts.get(run.font)?;
    surface.set_stroke(None);
    surface.set_fill(Some(resources.fill(run.fill)));
    surface.draw_glyphs(point(pos), &glyphs, font, &run.text, run.size, false);
    Ok(())
}

/// A filled rectangle with its top-left corner at `pos`. An empty one draws
/// nothing.
pub(crate) fn rect(
    surface: &mut Surface,
    pos: Point,
    size: Size,
    color: Color,
    resources: &Resources,
) {
    let Some(rect) = Rect::from_xywh(pos.x, pos.y, size.width, size.height) else {
        return;
    };
    let mut builder = PathBuilder::new();
    builder.push_rect(rect);
    if let Some(path) = builder.finish() {
        fill(surface, &path, color, resources);
    }
}

/// A straight line from `from` to `to` (both on the page), stroked with
/// butt caps so it ends exactly at its end points.
pub(crate) fn line(
    surface: &mut Surface,
    from: Point,
    to: Point,
    width: f32,
    color: Color,
    resources: &Resources,
) {
    let mut builder = PathBuilder::new();
    builder.move_to(from.x, from.y);
    builder.line_to(to.x, to.y);
    let Some(path) = builder.finish() else {
        return;
    };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: resources.profile.paint(color),
        width,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
}

/// A filled closed polygon, `points` relative to `pos`.
pub(crate) fn polygon(
    surface: &mut Surface,
    pos: Point,
    points: &[Point],
    color: Color,
    resources: &Resources,
) {
    let mut builder = PathBuilder::new();
    let mut points = points.iter().map(|p| (pos.x + p.x, pos.y + p.y));
    let Some((x, y)) = points.next() else {
        return;
    };
    builder.move_to(x, y);
    for (x, y) in points {
        builder.line_to(x, y);
    }
    builder.close();
    if let Some(path) = builder.finish() {
        fill(surface, &path, color, resources);
    }
}

/// `image` scaled to `size`, its top-left corner at `pos`; `page` is the
/// page index, for errors. An empty one draws nothing.
pub(crate) fn image(
    surface: &mut Surface,
    pos: Point,
    size: Size,
    image: &Image,
    page: usize,
    resources: &mut Resources,
) -> Result<(), PdfError> {
    let Some(size) = geom::Size::from_wh(size.width, size.height) else {
        return Ok(());
    };
    let image = resources.images.get(image, page)?;
    // krilla draws an image at the origin, so move the origin to `pos`.
    with_transform(
        surface,
        Transform::from_translate(pos.x, pos.y),
        |surface| {
            surface.draw_image(image, size);
        },
    );
    Ok(())
}
