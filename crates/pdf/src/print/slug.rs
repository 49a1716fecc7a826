//! The slug line: small type below the sheet, outside the trim, that says
//! what the sheet is, so that a plate, a proof or a stray sheet on the
//! press can be traced back to its file: the file and edition (from the
//! caller, see [`crate::Print::slug`]), the build's date and where the
//! sheet side sits in the job.
//!
//! The date is the caller's [`Timestamp`] (`SOURCE_DATE_EPOCH`), never the
//! clock, so a rebuild gives the same bytes.

use folio_layout::frame::Point;
use krilla::surface::Surface;
use krilla::text::Font;

use super::boxes::{SLUG_BAND, Sheet};
use crate::Timestamp;
use crate::color::registration;
use crate::draw;

/// The slug's family: bundled with Folio, so in every font book, and it
/// draws the Latin, digits and punctuation of file names and dates.
pub(crate) const FAMILY: &str = "Noto Sans";

/// Type size: legible under a loupe, small enough to stay out of the way.
pub(crate) const SIZE: f32 = 6.5;

/// What the slug of one sheet side says.
pub(crate) fn text(label: &str, created: Timestamp, side: &str) -> String {
    [label, &created.iso_date(), side]
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A page of a booklet in reading order: "page 3 of 16".
pub(crate) fn page(index: usize, count: usize) -> String {
    format!("page {} of {count}", index + 1)
}

/// A side of a printer spread: "sheet 2 back, pages 4 | 13" (numbered
/// from 1, left of the fold, then right).
pub(crate) fn sheet_side(side: usize, (left, right): (usize, usize)) -> String {
    let face = if side.is_multiple_of(2) {
        "front"
    } else {
        "back"
    };
    format!(
        "sheet {} {face}, pages {} | {}",
        side / 2 + 1,
        left + 1,
        right + 1
    )
}

/// `text` in the slug band below `sheet`, from the trim's left edge, in
/// registration colour so that every plate carries it.
pub(crate) fn draw(surface: &mut Surface, sheet: &Sheet, font: Font, text: &str) {
    let o = sheet.origin();
    // The baseline low in the band, so the capitals sit in its middle.
    let baseline = o.y + sheet.trim.height + sheet.slug_offset() + (SLUG_BAND + SIZE * 0.7) / 2.0;
    draw::label(
        surface,
        Point::new(o.x, baseline),
        font,
        SIZE,
        text,
        registration(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slug_names_the_edition_the_date_and_the_side() {
        let date = Timestamp(1_709_210_096);
        assert_eq!(
            text("usa-en-print.pdf · usa · en · print", date, &page(2, 16)),
            "usa-en-print.pdf · usa · en · print · 2024-02-29 · page 3 of 16"
        );
        assert_eq!(
            text("x.pdf", date, &sheet_side(3, (3, 12))),
            "x.pdf · 2024-02-29 · sheet 2 back, pages 4 | 13"
        );
        assert_eq!(
            text("", date, &sheet_side(0, (15, 0))),
            "2024-02-29 · sheet 1 front, pages 16 | 1"
        );
    }
}
