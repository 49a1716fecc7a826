//! Where things are on a printed sheet side: the trim (the finished page or
//! spread), the bleed around it, the marks around that, and the media that
//! holds it all.
//!
//! Going out from the trim on every side:
//!
//! | band            | holds                                                   |
//! | --------------- | ------------------------------------------------------- |
//! | bleed           | artwork that runs off the page                          |
//! | gap             | nothing, so a mark never reaches the bleed              |
//! | mark band       | crop marks (corners), fold marks, registration targets  |
//! | gap             | nothing                                                 |
//! | slug band       | the colour bar (above), the slug line (below)           |
//! | margin          | bare paper to the media's edge                          |
//!
//! Coordinates are krilla's surface space (points, y down) with the trim's
//! top-left corner at `origin()`.

use folio_layout::frame::{Point, Size};
use folio_model::theme::PT_PER_MM;
use krilla::geom::Rect;

/// Crop marks start this far outside the bleed, so that no mark ever prints
/// on the finished page even when the trim is off by the bleed.
const MARK_GAP: f32 = 1.0 * PT_PER_MM;
/// How long a crop mark is.
pub(crate) const MARK_LENGTH: f32 = 5.0 * PT_PER_MM;
/// Between the mark band and the slug band.
const BAND_GAP: f32 = 1.0 * PT_PER_MM;
/// How deep the slug band is: a colour-bar patch, or a line of slug type.
pub(crate) const SLUG_BAND: f32 = 4.0 * PT_PER_MM;
/// Paper left beyond the slug band.
const MARGIN: f32 = 2.0 * PT_PER_MM;

/// The geometry of one side of a printed sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Sheet {
    /// The finished size.
    pub(crate) trim: Size,
    pub(crate) bleed: f32,
}

impl Sheet {
    /// Distance from the trim to the start of a crop mark.
    pub(crate) fn mark_offset(&self) -> f32 {
        self.bleed + MARK_GAP
    }

    /// Distance from the trim to the middle of the mark band, where the
    /// registration targets are centred.
    pub(crate) fn mark_middle(&self) -> f32 {
        self.mark_offset() + MARK_LENGTH / 2.0
    }

    /// Distance from the trim to the inner edge of the slug band.
    pub(crate) fn slug_offset(&self) -> f32 {
        self.mark_offset() + MARK_LENGTH + BAND_GAP
    }

    /// Distance from the trim to the media's edge.
    fn slug(&self) -> f32 {
        self.slug_offset() + SLUG_BAND + MARGIN
    }

    /// The trim's top-left corner on the media.
    pub(crate) fn origin(&self) -> Point {
        Point::new(self.slug(), self.slug())
    }

    /// The size of the media (the MediaBox).
    pub(crate) fn media(&self) -> Size {
        Size::new(
            self.trim.width + 2.0 * self.slug(),
            self.trim.height + 2.0 * self.slug(),
        )
    }

    /// The TrimBox, on the media.
    pub(crate) fn trim_box(&self) -> Option<Rect> {
        let o = self.origin();
        Rect::from_xywh(o.x, o.y, self.trim.width, self.trim.height)
    }

    /// The BleedBox, on the media.
    pub(crate) fn bleed_box(&self) -> Option<Rect> {
        let o = self.origin();
        Rect::from_xywh(
            o.x - self.bleed,
            o.y - self.bleed,
            self.trim.width + 2.0 * self.bleed,
            self.trim.height + 2.0 * self.bleed,
        )
    }
}

/// The rectangle `pos`, `size` on a page of `page` size, grown by `bleed`
/// past every trim edge it reaches: artwork designed to run off the page
/// must still run off it when the knife cuts a little outside the trim.
pub(crate) fn bleed_out(pos: Point, size: Size, page: Size, bleed: f32) -> (Point, Size) {
    // Layout places full-bleed artwork exactly on the edge; a hair's
    // tolerance absorbs rounding.
    const EDGE: f32 = 0.01;
    let (mut left, mut top) = (pos.x, pos.y);
    let (mut right, mut bottom) = (pos.x + size.width, pos.y + size.height);
    if left <= EDGE {
        left -= bleed;
    }
    if top <= EDGE {
        top -= bleed;
    }
    if right >= page.width - EDGE {
        right += bleed;
    }
    if bottom >= page.height - EDGE {
        bottom += bleed;
    }
    (Point::new(left, top), Size::new(right - left, bottom - top))
}

#[cfg(test)]
mod tests {
    use super::*;

    const A4: Size = Size {
        width: 595.0,
        height: 842.0,
    };

    #[test]
    fn boxes_nest_trim_in_bleed_in_media() {
        let sheet = Sheet {
            trim: A4,
            bleed: 3.0 * PT_PER_MM,
        };
        let trim = sheet.trim_box().unwrap();
        let bleed = sheet.bleed_box().unwrap();
        let media = sheet.media();
        assert_eq!((trim.width(), trim.height()), (595.0, 842.0));
        assert!((bleed.left() - (trim.left() - 3.0 * PT_PER_MM)).abs() < 1e-3);
        assert!((bleed.bottom() - (trim.bottom() + 3.0 * PT_PER_MM)).abs() < 1e-3);
        // Room for the marks and the slug outside the bleed on every side.
        let room = MARK_GAP + MARK_LENGTH + BAND_GAP + SLUG_BAND;
        assert!(bleed.left() >= room && bleed.top() >= room);
        assert!(media.width - bleed.right() >= room && media.height - bleed.bottom() >= room);
    }

    #[test]
    fn only_edges_on_the_trim_bleed() {
        // A full-page background grows on all four sides.
        let (pos, size) = bleed_out(Point::new(0.0, 0.0), A4, A4, 9.0);
        assert_eq!(
            (pos, size),
            (Point::new(-9.0, -9.0), Size::new(613.0, 860.0))
        );
        // A band across the page grows left and right only.
        let (pos, size) = bleed_out(Point::new(0.0, 300.0), Size::new(595.0, 200.0), A4, 9.0);
        assert_eq!(
            (pos, size),
            (Point::new(-9.0, 300.0), Size::new(613.0, 200.0))
        );
        // A box inside the page stays as it is.
        let (pos, size) = bleed_out(Point::new(50.0, 60.0), Size::new(100.0, 100.0), A4, 9.0);
        assert_eq!(
            (pos, size),
            (Point::new(50.0, 60.0), Size::new(100.0, 100.0))
        );
    }
}
