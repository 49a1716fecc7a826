//! Words on the sheets (page numbers, what changed), set in a bundled face
//! so that a sheet looks the same on every machine.
//!
//! A sheet needs a few short labels, not typesetting: ttf-parser gives the
//! outlines and advances, ab_glyph_rasterizer the coverage, both already
//! part of Folio's build (layout shapes with the one, hayro draws with the
//! other).

use ab_glyph_rasterizer::{Rasterizer, point};
use folio_layout::fonts::{FontBook, Style};
use image::{Rgba, RgbaImage};

/// The face of every label: the bundled sans serif, bold.
const FAMILY: &str = "Noto Sans";

/// Where a label's `x` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

/// Draws `text` on `image` with its baseline at `baseline`, `size` pixels
/// to the em. Characters the face lacks are left out.
pub fn draw(
    image: &mut RgbaImage,
    text: &str,
    (x, baseline): (f32, f32),
    align: Align,
    size: f32,
    color: [u8; 3],
) {
    let Some(font) = face() else { return };
    let scale = size / f32::from(font.units_per_em());
    let glyphs = glyphs(&font, text, scale);
    let width: f32 = glyphs.iter().map(|(_, advance)| advance).sum();
    let mut pen = match align {
        Align::Left => x,
        Align::Center => x - width / 2.0,
    };
    for (id, advance) in glyphs {
        fill_glyph(image, &font, id, (pen, baseline), scale, color);
        pen += advance;
    }
}

/// The width of `text` at `size`, for laying labels out.
pub fn width(text: &str, size: f32) -> f32 {
    let Some(font) = face() else { return 0.0 };
    let scale = size / f32::from(font.units_per_em());
    glyphs(&font, text, scale)
        .iter()
        .map(|(_, advance)| advance)
        .sum()
}

fn face() -> Option<ttf_parser::Face<'static>> {
    let book = FontBook::bundled();
    let bold = Style {
        bold: true,
        italic: false,
    };
    let face = book.face(book.select(FAMILY, bold));
    ttf_parser::Face::parse(face.data, face.index).ok()
}

/// The glyphs of `text` and their advances in pixels.
fn glyphs(font: &ttf_parser::Face<'_>, text: &str, scale: f32) -> Vec<(ttf_parser::GlyphId, f32)> {
    text.chars()
        .filter_map(|c| font.glyph_index(c))
        .map(|id| {
            let advance = f32::from(font.glyph_hor_advance(id).unwrap_or(0)) * scale;
            (id, advance)
        })
        .collect()
}

fn fill_glyph(
    image: &mut RgbaImage,
    font: &ttf_parser::Face<'_>,
    id: ttf_parser::GlyphId,
    (x, baseline): (f32, f32),
    scale: f32,
    color: [u8; 3],
) {
    let Some(bounds) = font.glyph_bounding_box(id) else {
        return; // a space
    };
    let left = (x + f32::from(bounds.x_min) * scale).floor();
    let top = (baseline - f32::from(bounds.y_max) * scale).floor();
    let width = ((f32::from(bounds.x_max) * scale + x) - left).ceil() as usize + 1;
    let height = ((baseline - f32::from(bounds.y_min) * scale) - top).ceil() as usize + 1;
    let mut outline = Outline {
        raster: Rasterizer::new(width, height),
        // Font units to the glyph's own pixel box, y down.
        to_px: move |fx: f32, fy: f32| point(x + fx * scale - left, baseline - fy * scale - top),
        start: point(0.0, 0.0),
        last: point(0.0, 0.0),
    };
    font.outline_glyph(id, &mut outline);
    outline.raster.for_each_pixel_2d(|gx, gy, coverage| {
        let (px, py) = (left as i64 + i64::from(gx), top as i64 + i64::from(gy));
        if px < 0 || py < 0 || px >= i64::from(image.width()) || py >= i64::from(image.height()) {
            return;
        }
        let alpha = coverage.clamp(0.0, 1.0);
        let pixel = image.get_pixel_mut(px as u32, py as u32);
        for (channel, ink) in pixel.0.iter_mut().zip(color) {
            *channel = (f32::from(*channel) * (1.0 - alpha) + f32::from(ink) * alpha).round() as u8;
        }
        pixel.0[3] = 255;
    });
}

/// ttf-parser's outline callbacks, drawn into the rasteriser.
struct Outline<F: Fn(f32, f32) -> ab_glyph_rasterizer::Point> {
    raster: Rasterizer,
    to_px: F,
    start: ab_glyph_rasterizer::Point,
    last: ab_glyph_rasterizer::Point,
}

impl<F: Fn(f32, f32) -> ab_glyph_rasterizer::Point> ttf_parser::OutlineBuilder for Outline<F> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.start = (self.to_px)(x, y);
        self.last = self.start;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let to = (self.to_px)(x, y);
        self.raster.draw_line(self.last, to);
        self.last = to;
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let to = (self.to_px)(x, y);
        self.raster.draw_quad(self.last, (self.to_px)(x1, y1), to);
        self.last = to;
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let to = (self.to_px)(x, y);
        self.raster
            .draw_cubic(self.last, (self.to_px)(x1, y1), (self.to_px)(x2, y2), to);
        self.last = to;
    }

    fn close(&mut self) {
        if self.last != self.start {
            self.raster.draw_line(self.last, self.start);
        }
        self.last = self.start;
    }
}

/// A pixel of `color`, opaque.
pub fn opaque(color: [u8; 3]) -> Rgba<u8> {
    Rgba([color[0], color[1], color[2], 255])
}
