//! Where the furniture is: the running head and the page number, which
//! `--against` leaves out of the words it compares.
//!
//! When a line added on page 7 pushes everything down, the text after it
//! meets other page numbers and other running heads than before; compared
//! as words, every later page would be "changed" by its own footer. The
//! layout says which text is furniture (its items are artifacts); the PDF
//! does not always (a print edition is untagged), so the places of that
//! text are taken from the layout and applied to the words of both PDFs,
//! which share a theme and so their furniture's places. Only the margins'
//! artifacts are furniture: those in the text area (a box's title repeated
//! where it goes on, a notes page's title) are not on every page, and
//! their places on one page must not hide the words at those places on
//! the others.

use folio_layout::frame::{ItemKind, LaidOut, Role};
use folio_model::theme::PageGeometry;
use hayro::kurbo::Rect;

/// The boxes of the furniture's text on any page, in points from the top
/// left of the PDF's pages, which are `pdf_size` large (a print edition's
/// pages are its trimmed pages with bleed and marks around them, centred).
pub fn furniture(laid_out: &LaidOut, geometry: &PageGeometry, pdf_size: (f64, f64)) -> Vec<Rect> {
    let mut boxes: Vec<Rect> = vec![];
    for page in &laid_out.pages {
        let dx = (pdf_size.0 - f64::from(page.size.width)) / 2.0;
        let dy = (pdf_size.1 - f64::from(page.size.height)) / 2.0;
        for item in &page.items {
            let (Role::Artifact, ItemKind::Text(run)) = (&item.role, &item.kind) else {
                continue;
            };
            let in_margin = item.pos.y - run.size < geometry.margin_top
                || item.pos.y > page.size.height - geometry.margin_bottom;
            if !in_margin {
                continue;
            }
            let (x, y, size) = (
                f64::from(item.pos.x) + dx,
                f64::from(item.pos.y) + dy,
                f64::from(run.size),
            );
            let area = Rect::new(x, y - size, x + f64::from(run.width()), y + 0.3 * size);
            if !boxes.contains(&area) {
                boxes.push(area);
            }
        }
    }
    boxes
}
