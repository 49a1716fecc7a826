//! Sheets: page thumbnails laid out in rows under a title, each with its
//! label under it. The contact sheet, the diff sheet and the beside sheets
//! are all made here from [`Group`]s, so they look alike.
//!
//! Groups and tiles come in reading order; a right-to-left sheet lays
//! each row out from the right, as its booklet is read.

use hayro::kurbo::{Rect, Vec2};
use image::imageops::{self, FilterType};
use image::{Rgba, RgbaImage};

use super::label::{self, Align};

/// What a sheet shows under its title.
pub struct Sheet<'a> {
    pub title: String,
    /// Height of a thumbnail in pixels; widths follow the pages.
    pub thumb_height: u32,
    /// A row is closed before it grows wider than this.
    pub max_width: u32,
    pub groups: Vec<Group<'a>>,
    /// Rows and groups run from right to left.
    pub rtl: bool,
}

/// Pages shown together: a spread (pages touching, as printed) or a page
/// beside its old version (a little apart).
pub struct Group<'a> {
    pub tiles: Vec<Tile<'a>>,
    /// Space between the tiles, in pixels: 0 for a spread.
    pub gap: u32,
}

/// One page on a sheet.
pub struct Tile<'a> {
    /// The page image at full resolution; the sheet scales it.
    pub page: &'a RgbaImage,
    pub label: String,
    /// Regions of the page, in its image's pixels, to outline.
    pub marks: Vec<Rect>,
    pub look: Look,
}

/// How a tile is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Plain,
    /// Faded to grey: nothing for the reviewer here.
    Greyed,
    /// Something changed: label in the outline colour.
    Changed,
}

/// The colour of outlines around what changed: a strong magenta, which no
/// rating colour (green, yellow, red) or theme colour is mistaken for.
pub const MARK: [u8; 3] = [226, 0, 122];
const BACKGROUND: [u8; 3] = [226, 226, 222];
const BORDER: [u8; 3] = [168, 168, 164];
const INK: [u8; 3] = [34, 34, 34];
const FADED_INK: [u8; 3] = [120, 120, 118];

const MARGIN: u32 = 32;
const TITLE_SIZE: f32 = 24.0;
const TITLE_HEIGHT: u32 = 48;
const LABEL_SIZE: f32 = 17.0;
const LABEL_HEIGHT: u32 = 34;
const GROUP_GAP: u32 = 28;
const ROW_GAP: u32 = 16;
const MARK_WIDTH: u32 = 3;

/// Draws `sheet`.
pub fn compose(sheet: &Sheet<'_>) -> RgbaImage {
    let thumbs: Vec<Vec<Thumb>> = sheet
        .groups
        .iter()
        .map(|group| {
            group
                .tiles
                .iter()
                .map(|tile| Thumb::new(tile, sheet.thumb_height))
                .collect()
        })
        .collect();
    let group_width = |index: usize| -> u32 {
        let tiles = &thumbs[index];
        tiles.iter().map(|t| t.image.width()).sum::<u32>()
            + sheet.groups[index].gap * (tiles.len().saturating_sub(1) as u32)
    };
    // Rows: groups in order, a new row when the next would not fit.
    let mut rows: Vec<Vec<usize>> = vec![];
    let mut width = 0;
    for index in 0..thumbs.len() {
        let needed = group_width(index);
        match rows.last_mut() {
            Some(row) if width + GROUP_GAP + needed <= sheet.max_width => {
                row.push(index);
                width += GROUP_GAP + needed;
            }
            _ => {
                rows.push(vec![index]);
                width = needed;
            }
        }
    }
    let row_width = |row: &[usize]| {
        row.iter().map(|&g| group_width(g)).sum::<u32>()
            + GROUP_GAP * (row.len().saturating_sub(1) as u32)
    };
    let content_width = rows.iter().map(|row| row_width(row)).max().unwrap_or(0);
    let title_width = label::width(&sheet.title, TITLE_SIZE).ceil() as u32;
    let row_height = sheet.thumb_height + LABEL_HEIGHT;
    let width = content_width.max(title_width) + 2 * MARGIN;
    let height = 2 * MARGIN + TITLE_HEIGHT + rows.len() as u32 * (row_height + ROW_GAP);
    let mut image = RgbaImage::from_pixel(width, height, label::opaque(BACKGROUND));
    label::draw(
        &mut image,
        &sheet.title,
        (MARGIN as f32, MARGIN as f32 + TITLE_SIZE),
        Align::Left,
        TITLE_SIZE,
        INK,
    );
    let mut y = MARGIN + TITLE_HEIGHT;
    for row in &mut rows {
        if sheet.rtl {
            row.reverse();
        }
        // Rows are centred, so a short last row sits under the others.
        let mut x = MARGIN + (content_width - row_width(row)) / 2;
        for &group in row.iter() {
            let mut tiles: Vec<&Thumb> = thumbs[group].iter().collect();
            if sheet.rtl {
                tiles.reverse();
            }
            for thumb in tiles {
                thumb.draw(&mut image, x, y);
                x += thumb.image.width() + sheet.groups[group].gap;
            }
            x += GROUP_GAP - sheet.groups[group].gap;
        }
        y += row_height + ROW_GAP;
    }
    image
}

/// A tile scaled to the sheet, with its marks scaled too.
struct Thumb<'a> {
    tile: &'a Tile<'a>,
    image: RgbaImage,
    marks: Vec<Rect>,
}

impl<'a> Thumb<'a> {
    fn new(tile: &'a Tile<'a>, height: u32) -> Thumb<'a> {
        let page = tile.page;
        let scale = f64::from(height) / f64::from(page.height().max(1));
        let width = ((f64::from(page.width()) * scale).round() as u32).max(1);
        let mut image = imageops::resize(page, width, height, FilterType::Triangle);
        if tile.look == Look::Greyed {
            fade(&mut image);
        }
        let marks = tile
            .marks
            .iter()
            // The outline goes around the region, leaving what changed
            // readable inside it.
            .map(|mark| {
                let around = f64::from(MARK_WIDTH + 1);
                mark.scale_from_origin(scale).inflate(around, around)
            })
            .collect();
        Thumb { tile, image, marks }
    }

    fn draw(&self, sheet: &mut RgbaImage, x: u32, y: u32) {
        let (width, height) = self.image.dimensions();
        imageops::replace(sheet, &self.image, i64::from(x), i64::from(y));
        let frame = Rect::new(
            f64::from(x) - 1.0,
            f64::from(y) - 1.0,
            f64::from(x + width),
            f64::from(y + height),
        );
        stroke(sheet, frame, 1, BORDER);
        let page_area = Rect::new(
            f64::from(x),
            f64::from(y),
            f64::from(x + width),
            f64::from(y + height),
        );
        for mark in &self.marks {
            let placed = (*mark + Vec2::new(f64::from(x), f64::from(y))).intersect(page_area);
            if placed.area() > 0.0 {
                stroke(sheet, placed, MARK_WIDTH, MARK);
            }
        }
        let color = match self.tile.look {
            Look::Plain => INK,
            Look::Greyed => FADED_INK,
            Look::Changed => MARK,
        };
        label::draw(
            sheet,
            &self.tile.label,
            (
                x as f32 + width as f32 / 2.0,
                (y + height) as f32 + LABEL_SIZE + 8.0,
            ),
            Align::Center,
            LABEL_SIZE,
            color,
        );
    }
}

/// Fades a page to light grey, keeping it readable enough to recognise.
fn fade(image: &mut RgbaImage) {
    for pixel in image.pixels_mut() {
        let [r, g, b, _] = pixel.0;
        let luma = (u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000;
        let faded = 255 - (255 - luma) * 35 / 100;
        let faded = faded as u8;
        *pixel = Rgba([faded, faded, faded, 255]);
    }
}

/// Outlines `rect` (pixels) with a line `width` pixels wide inside it.
fn stroke(image: &mut RgbaImage, rect: Rect, width: u32, color: [u8; 3]) {
    let (x0, y0) = (
        rect.x0.floor().max(0.0) as u32,
        rect.y0.floor().max(0.0) as u32,
    );
    let x1 = (rect.x1.ceil() as u32).min(image.width());
    let y1 = (rect.y1.ceil() as u32).min(image.height());
    let pixel = label::opaque(color);
    for y in y0..y1 {
        for x in x0..x1 {
            let inside = x >= x0 + width && x + width < x1 && y >= y0 + width && y + width < y1;
            if !inside {
                image.put_pixel(x, y, pixel);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_are_placed_in_rows_with_their_labels() {
        let page = RgbaImage::from_pixel(100, 140, Rgba([255, 255, 255, 255]));
        let tile = |label: &str| Tile {
            page: &page,
            label: label.into(),
            marks: vec![Rect::new(10.0, 10.0, 50.0, 30.0)],
            look: Look::Changed,
        };
        let sheet = Sheet {
            title: "usa-en".into(),
            thumb_height: 70,
            max_width: 150,
            groups: vec![
                Group {
                    tiles: vec![tile("1")],
                    gap: 0,
                },
                Group {
                    tiles: vec![tile("2"), tile("3")],
                    gap: 0,
                },
            ],
            rtl: false,
        };
        let image = compose(&sheet);
        // Two rows: the spread (100 px) does not fit beside the first page.
        let row = 70 + LABEL_HEIGHT + ROW_GAP;
        assert_eq!(image.height(), 2 * MARGIN + TITLE_HEIGHT + 2 * row);
        assert!(image.pixels().any(|p| p.0[..3] == MARK));
    }
}
