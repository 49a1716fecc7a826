//! Registration targets: a circle and a cross in registration colour, in
//! the middle of each side of the sheet, in the band of the crop marks.
//!
//! Printed on every plate, the targets of the four inks lie exactly on top
//! of each other when the press is in register; a coloured fringe on one
//! side of the cross tells the press operator which plate to move, and by
//! how much.

use folio_layout::frame::Point;
use folio_model::theme::PT_PER_MM;
use krilla::surface::Surface;

use super::boxes::{MARK_LENGTH, Sheet};
use crate::color::registration;
use crate::draw;

/// The target's outer circle; the cross spans the whole mark band.
const RADIUS: f32 = 1.6 * PT_PER_MM;
/// Its inner circle.
const INNER_RADIUS: f32 = 0.8 * PT_PER_MM;
/// Hairlines, as the crop marks.
const WIDTH: f32 = 0.25;

/// A target centred in the mark band on the left and right of `sheet`, and
/// above and below it in the middle of each stretch between the edges and
/// the `folds` (distances from the trim's left edge), where no fold mark is.
pub(crate) fn draw(surface: &mut Surface, sheet: &Sheet, folds: &[f32]) {
    for centre in centres(sheet, folds) {
        target(surface, centre);
    }
}

fn target(surface: &mut Surface, centre: Point) {
    let half = MARK_LENGTH / 2.0;
    let (x, y) = (centre.x, centre.y);
    draw::circle(surface, centre, RADIUS, WIDTH, registration());
    draw::circle(surface, centre, INNER_RADIUS, WIDTH, registration());
    for line in [
        (Point::new(x - half, y), Point::new(x + half, y)),
        (Point::new(x, y - half), Point::new(x, y + half)),
    ] {
        draw::line(surface, line, WIDTH, registration(), None);
    }
}

/// Where the targets are centred.
fn centres(sheet: &Sheet, folds: &[f32]) -> Vec<Point> {
    let o = sheet.origin();
    let (width, height) = (sheet.trim.width, sheet.trim.height);
    let out = sheet.mark_middle();
    let mut edges = vec![0.0];
    edges.extend(folds.iter().copied().filter(|&f| f > 0.0 && f < width));
    edges.push(width);
    let mut centres = vec![
        Point::new(o.x - out, o.y + height / 2.0),
        Point::new(o.x + width + out, o.y + height / 2.0),
    ];
    for pair in edges.windows(2) {
        let x = o.x + (pair[0] + pair[1]) / 2.0;
        centres.push(Point::new(x, o.y - out));
        centres.push(Point::new(x, o.y + height + out));
    }
    centres
}

#[cfg(test)]
mod tests {
    use folio_layout::frame::Size;

    use super::*;

    fn spread() -> Sheet {
        Sheet {
            trim: Size::new(2.0 * 420.0, 595.0),
            bleed: 3.0 * PT_PER_MM,
        }
    }

    #[test]
    fn targets_sit_outside_the_bleed_inside_the_media() {
        let sheet = spread();
        let bleed = sheet.bleed_box().unwrap();
        let media = sheet.media();
        let reach = MARK_LENGTH / 2.0;
        for c in centres(&sheet, &[420.0]) {
            let clear = c.x + reach < bleed.left()
                || c.x - reach > bleed.right()
                || c.y + reach < bleed.top()
                || c.y - reach > bleed.bottom();
            assert!(clear, "the target at {c:?} reaches the bleed");
            assert!(c.x - reach >= 0.0 && c.x + reach <= media.width);
            assert!(c.y - reach >= 0.0 && c.y + reach <= media.height);
        }
    }

    #[test]
    fn a_spread_has_targets_above_and_below_each_page_not_on_the_fold() {
        let sheet = spread();
        let centres = centres(&sheet, &[420.0]);
        assert_eq!(centres.len(), 6);
        let fold = sheet.origin().x + 420.0;
        // Clear of the fold mark and of the crop marks at the corners.
        for c in &centres[2..] {
            assert!((c.x - fold).abs() > MARK_LENGTH);
            assert!(c.x - sheet.origin().x > MARK_LENGTH);
        }
    }
}
