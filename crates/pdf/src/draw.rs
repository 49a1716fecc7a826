//! Page items as krilla surface calls.
//!
//! Frame coordinates are points from the page's top-left, y down, which is
//! also krilla's surface space, so positions pass through unchanged (print
//! moves the whole page onto its sheet with one transform first).
//!
//! The helpers here are the only code that draws on the surface. Each sets
//! all the state it uses (fill, stroke), so no item's drawing depends on
//! what was drawn before it, and transforms and clips only go through
//! [`within`] and [`clipped`], so a push can never lack its pop.

use std::ops::Range;

use folio_layout::fonts::{FontBook, FontId};
use folio_layout::frame::{Item, ItemKind, Point, Size, TextRun};
use folio_model::doc::Image;
use folio_model::theme::Color;
use krilla::geom::{self, Path, PathBuilder, Rect, Transform};
use krilla::paint::{Fill, FillRule, Paint, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};

use crate::color::Space;
use crate::fonts::Fonts;
use crate::images::Images;
use crate::print::boxes::bleed_out;
use crate::{ErrorKind, PdfError};

/// What drawing needs beyond the item: the colour space, and the fonts and
/// images already handed to krilla.
pub(crate) struct Resources<'a> {
    fonts: Fonts<'a>,
    images: Images,
    pub(crate) space: Space,
}

impl<'a> Resources<'a> {
    pub(crate) fn new(book: &'a FontBook, space: Space) -> Self {
        Resources {
            fonts: Fonts::new(book),
            images: Images::default(),
            space,
        }
    }

    /// The krilla font of face `id` of the book.
    pub(crate) fn font(&mut self, id: FontId) -> Result<krilla::text::Font, PdfError> {
        self.fonts.get(id)
    }
}

/// Run `draw` with `transform` concatenated to the current transform, then
/// restore it.
pub(crate) fn within(
    surface: &mut Surface,
    transform: Transform,
    draw: impl FnOnce(&mut Surface) -> Result<(), PdfError>,
) -> Result<(), PdfError> {
    surface.push_transform(&transform);
    let result = draw(surface);
    surface.pop();
    result
}

/// Run `draw` with everything outside `rect` clipped away, then restore the
/// clip.
pub(crate) fn clipped(
    surface: &mut Surface,
    rect: Rect,
    draw: impl FnOnce(&mut Surface) -> Result<(), PdfError>,
) -> Result<(), PdfError> {
    let Some(path) = rect_path(rect) else {
        return Ok(());
    };
    surface.push_clip_path(&path, &FillRule::NonZero);
    let result = draw(surface);
    surface.pop();
    result
}

fn rect_path(rect: Rect) -> Option<Path> {
    let mut builder = PathBuilder::new();
    builder.push_rect(rect);
    builder.finish()
}

/// Draws `item` of page `index`, whose trimmed size is `page`; artwork
/// marked to bleed grows by `bleed` past the trim edges it reaches. Links
/// are not drawn: they are annotations, or nothing.
pub(crate) fn item(
    surface: &mut Surface,
    item: &Item,
    page: Size,
    bleed: f32,
    index: usize,
    resources: &mut Resources,
) -> Result<(), PdfError> {
    let pos = item.pos;
    let grown = |size: Size, bleeds: bool| match bleeds {
        true => bleed_out(pos, size, page, bleed),
        false => (pos, size),
    };
    match &item.kind {
        ItemKind::Text(run) => text(surface, pos, run, 0..run.glyphs.len(), index, resources)?,
        ItemKind::Rect { size, fill, bleed } => {
            let (pos, size) = grown(*size, *bleed);
            rect(surface, pos, size, *fill, resources)
        }
        ItemKind::Line { to, width, color } => {
            let paint = resources.space.paint(*color);
            line(surface, (pos, *to), *width, paint, None)
        }
        ItemKind::Polygon { points, fill } => polygon(surface, pos, points, *fill, resources),
        ItemKind::Image { size, image, bleed } => {
            let (at, area) = grown(*size, *bleed);
            if let Some(area) = Rect::from_xywh(at.x, at.y, area.width, area.height) {
                self::image(surface, *size, area, image, index, resources)?
            }
        }
        ItemKind::Link { .. } => {}
    }
    Ok(())
}

/// Fill `path` with `paint`, without a stroke.
fn fill(surface: &mut Surface, path: &Path, paint: Paint) {
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint,
        ..Fill::default()
    }));
    surface.draw_path(path);
}

/// The glyphs `glyphs` of a run of shaped glyphs whose baseline starts at
/// `pos`. `page` is the page index, for errors.
pub(crate) fn text(
    surface: &mut Surface,
    pos: Point,
    run: &TextRun,
    glyphs: Range<usize>,
    page: usize,
    resources: &mut Resources,
) -> Result<(), PdfError> {
    if glyphs.is_empty() {
        return Ok(());
    }
    if !(run.size.is_finite() && run.size > 0.0) {
        return Err(PdfError::new(ErrorKind::TextSize {
            page,
            size: run.size,
        }));
    }
    let start = pos.x
        + run.glyphs[..glyphs.start]
            .iter()
            .map(|g| g.x_advance)
            .sum::<f32>();
    let glyphs = run.glyphs[glyphs]
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
    surface.set_fill(Some(Fill {
        paint: resources.space.text_paint(run.fill, run.size),
        ..Fill::default()
    }));
    surface.draw_glyphs(
        geom::Point::from_xy(start, pos.y),
        &glyphs,
        font,
        &run.text,
        run.size,
        false,
    );
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
    if let Some(rect) = Rect::from_xywh(pos.x, pos.y, size.width, size.height) {
        painted_rect(surface, rect, resources.space.paint(color));
    }
}

/// `rect` filled with `paint`.
pub(crate) fn painted_rect(surface: &mut Surface, rect: Rect, paint: Paint) {
    if let Some(path) = rect_path(rect) {
        fill(surface, &path, paint);
    }
}

/// A circle around `centre`, stroked `width` wide.
pub(crate) fn circle(surface: &mut Surface, centre: Point, radius: f32, width: f32, paint: Paint) {
    // Four cubic Béziers, each a quarter: the control points lie this
    // fraction of the radius along the tangents (the usual approximation,
    // off by less than 0.03%).
    const KAPPA: f32 = 0.552_284_8;
    let (x, y, r, k) = (centre.x, centre.y, radius, radius * KAPPA);
    let mut builder = PathBuilder::new();
    builder.move_to(x + r, y);
    builder.cubic_to(x + r, y + k, x + k, y + r, x, y + r);
    builder.cubic_to(x - k, y + r, x - r, y + k, x - r, y);
    builder.cubic_to(x - r, y - k, x - k, y - r, x, y - r);
    builder.cubic_to(x + k, y - r, x + r, y - k, x + r, y);
    builder.close();
    if let Some(path) = builder.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint,
            width,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
    }
}

/// `text` in `font` (shaped by krilla, left to right: for short Latin
/// labels outside the page, not for the booklet's own text, which layout
/// shapes), its baseline starting at `pos`.
pub(crate) fn label(
    surface: &mut Surface,
    pos: Point,
    font: krilla::text::Font,
    size: f32,
    text: &str,
    paint: Paint,
) {
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint,
        ..Fill::default()
    }));
    surface.draw_text(
        geom::Point::from_xy(pos.x, pos.y),
        font,
        size,
        text,
        false,
        krilla::text::TextDirection::LeftToRight,
    );
}

/// A straight line from `from` to `to`, stroked with butt caps so it ends
/// exactly at its end points; dashed with `dash` (on, off lengths) if
/// given.
pub(crate) fn line(
    surface: &mut Surface,
    (from, to): (Point, Point),
    width: f32,
    paint: Paint,
    dash: Option<[f32; 2]>,
) {
    let mut builder = PathBuilder::new();
    builder.move_to(from.x, from.y);
    builder.line_to(to.x, to.y);
    let Some(path) = builder.finish() else {
        return;
    };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint,
        width,
        dash: dash.map(|array| StrokeDash {
            array: array.to_vec(),
            offset: 0.0,
        }),
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
        fill(surface, &path, resources.space.paint(color));
    }
}

/// `image`, laid out at the size `frame`, drawn to cover `area` (its frame
/// on the page, or that frame grown into the bleed): scaled evenly until it
/// covers the area, centred on it and clipped to it, so a bleeding picture
/// loses a sliver at its sides rather than being distorted. `page` is the
/// page index, for errors. An empty frame draws nothing.
pub(crate) fn image(
    surface: &mut Surface,
    frame: Size,
    area: Rect,
    image: &Image,
    page: usize,
    resources: &mut Resources,
) -> Result<(), PdfError> {
    if !(frame.width > 0.0 && frame.height > 0.0) {
        return Ok(());
    }
    let scale = (area.width() / frame.width).max(area.height() / frame.height);
    let Some(drawn) = geom::Size::from_wh(frame.width * scale, frame.height * scale) else {
        return Ok(());
    };
    let x = (area.left() + area.right() - drawn.width()) / 2.0;
    let y = (area.top() + area.bottom() - drawn.height()) / 2.0;
    let image = resources.images.get(image, page, resources.space)?;
    // krilla draws an image at the origin, so move the origin to its corner.
    let draw = |surface: &mut Surface| {
        within(surface, Transform::from_translate(x, y), |surface| {
            surface.draw_image(image, drawn);
            Ok(())
        })
    };
    if scale > 1.0 {
        clipped(surface, area, draw)
    } else {
        draw(surface)
    }
}
