//! Printer's marks, drawn outside the bleed in registration colour (every
//! ink at 100%, so they show on every plate and the plates can be checked
//! against each other).
//!
//! - Crop marks at each corner of the trim, in line with its edges, tell
//!   the guillotine operator where to cut.
//! - Fold marks (dashed) at the spine of a spread, top and bottom, tell the
//!   binder where to fold.

use folio_layout::frame::Point;
use krilla::surface::Surface;

use super::boxes::{MARK_LENGTH, Sheet};
use crate::color::registration;
use crate::draw;

/// Hairline width for marks: thin enough to be precise, thick enough to
/// survive platemaking.
const WIDTH: f32 = 0.25;

/// The crop marks of `sheet`, and fold marks at each x in `folds`
/// (distances from the trim's left edge).
pub(crate) fn draw(surface: &mut Surface, sheet: &Sheet, folds: &[f32]) {
    for line in crop_marks(sheet) {
        draw::line(surface, line, WIDTH, registration(), None);
    }
    for line in fold_marks(sheet, folds) {
        draw::line(surface, line, WIDTH, registration(), Some([2.0, 1.5]));
    }
}

/// At each corner one line in line with the horizontal edge and one in
/// line with the vertical edge, both starting outside the bleed and
/// pointing away from the page.
fn crop_marks(sheet: &Sheet) -> Vec<(Point, Point)> {
    let o = sheet.origin();
    let (left, top) = (o.x, o.y);
    let (right, bottom) = (o.x + sheet.trim.width, o.y + sheet.trim.height);
    let offset = sheet.mark_offset();
    let mut lines = Vec::with_capacity(8);
    for (x, dx) in [(left, -1.0), (right, 1.0)] {
        for (y, dy) in [(top, -1.0), (bottom, 1.0)] {
            // In line with the vertical edge, above or below the page.
            lines.push((
                Point::new(x, y + dy * offset),
                Point::new(x, y + dy * (offset + MARK_LENGTH)),
            ));
            // In line with the horizontal edge, left or right of the page.
            lines.push((
                Point::new(x + dx * offset, y),
                Point::new(x + dx * (offset + MARK_LENGTH), y),
            ));
        }
    }
    lines
}

/// Above and below the trim, in line with each fold.
fn fold_marks(sheet: &Sheet, folds: &[f32]) -> Vec<(Point, Point)> {
    let o = sheet.origin();
    let offset = sheet.mark_offset();
    let (top, bottom) = (o.y - offset, o.y + sheet.trim.height + offset);
    folds
        .iter()
        .flat_map(|&fold| {
            let x = o.x + fold;
            [
                (Point::new(x, top), Point::new(x, top - MARK_LENGTH)),
                (Point::new(x, bottom), Point::new(x, bottom + MARK_LENGTH)),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use folio_layout::frame::Size;
    use folio_model::theme::PT_PER_MM;

    use super::*;

    #[test]
    fn crop_marks_stay_outside_the_bleed() {
        let sheet = Sheet {
            trim: Size::new(595.0, 842.0),
            bleed: 3.0 * PT_PER_MM,
        };
        let bleed = sheet.bleed_box().unwrap();
        let media = sheet.media();
        let lines = [crop_marks(&sheet), fold_marks(&sheet, &[297.5])].concat();
        assert_eq!(lines.len(), 10);
        for (from, to) in lines {
            for p in [from, to] {
                let inside_bleed = p.x > bleed.left()
                    && p.x < bleed.right()
                    && p.y > bleed.top()
                    && p.y < bleed.bottom();
                let on_bleed_edge = (p.x - bleed.left()).abs() < 1e-3
                    || (p.x - bleed.right()).abs() < 1e-3
                    || (p.y - bleed.top()).abs() < 1e-3
                    || (p.y - bleed.bottom()).abs() < 1e-3;
                assert!(!inside_bleed && !on_bleed_edge, "{p:?} is in the bleed");
                assert!(p.x >= 0.0 && p.y >= 0.0 && p.x <= media.width && p.y <= media.height);
            }
        }
    }
}
