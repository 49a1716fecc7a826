//! The print profile: a PDF/X-4 file a commercial printer accepts as it is.
//!
//! Each page sits on a larger sheet side: the TrimBox is the finished page,
//! the BleedBox the theme's bleed around it (artwork that reaches the trim
//! runs into it), and the MediaBox leaves room outside the bleed for crop
//! marks. Colour is the theme's CMYK, pictures are separated into it, and
//! the output intent names the printing condition those values are meant
//! for. Layout has already made the booklet whole sheets (padding before
//! the back cover, see `folio_layout`'s `pages::signature`); imposed, pages
//! are set in printer spreads, which needs a multiple of 4.
//!
//! Nothing interactive is written: PDF/X keeps annotations off the printed
//! area, and links and tags mean nothing on paper. Bookmarks and page
//! labels stay, for finding one's way in the proof.

pub(crate) mod boxes;
pub(crate) mod cmyk_image;
pub(crate) mod impose;
mod marks;
pub(crate) mod output_intent;

use folio_layout::fonts::FontBook;
use folio_layout::frame::{LaidOut, Point, Size};
use krilla::configure::{ConfigurationBuilder, PdfVersion};
use krilla::geom::{Rect, Transform};
use krilla::page::PageSettings;
use krilla::surface::Surface;
use krilla::{Document, SerializeSettings};

use crate::color::Space;
use crate::draw::{self, Resources};
use crate::error::location_of;
use crate::{ErrorKind, Imposition, PdfError, Print, Timestamp, metadata, outline};
use boxes::Sheet;

/// `doc` as a PDF/X-4 file.
pub(crate) fn write(
    doc: &LaidOut,
    book: &FontBook,
    created: Timestamp,
    print: Print,
) -> Result<Vec<u8>, PdfError> {
    let bleed = print.bleed;
    if !(bleed.is_finite() && bleed >= 0.0) {
        return Err(PdfError::new(ErrorKind::Bleed { bleed }));
    }
    let mut document = Document::new_with(settings()?);
    let mut resources = Resources::new(book, Space::Cmyk);
    // A booklet's pages share one size.
    let page = doc.pages[0].size;
    match print.imposition {
        Imposition::Pages => {
            let sheet = Sheet { trim: page, bleed };
            for (index, page) in doc.pages.iter().enumerate() {
                let settings = page_settings(&sheet, index)?
                    .with_page_label(metadata::page_label(&page.label));
                let mut pdf_page = document.start_page_with(settings);
                let mut surface = pdf_page.surface();
                surface.set_location(location_of(index));
                let placed = [(index, Point::default())];
                side(&mut surface, doc, &sheet, &placed, &mut resources)?;
                marks::draw(&mut surface, &sheet, &[]);
                surface.reset_location();
                surface.finish();
            }
            let origin = sheet.origin();
            document.set_outline(outline::outline(&doc.outline, doc.pages.len(), origin)?);
        }
        Imposition::SaddleStitch => {
            let pages = doc.pages.len();
            if !pages.is_multiple_of(4) {
                return Err(PdfError::new(ErrorKind::Sheets { pages }));
            }
            let sheet = Sheet {
                trim: Size::new(2.0 * page.width, page.height),
                bleed,
            };
            let right = Point::new(page.width, 0.0);
            let order = impose::saddle_stitch_order(pages);
            for (side_index, (left_page, right_page)) in order.into_iter().enumerate() {
                let settings = page_settings(&sheet, side_index)?;
                let mut pdf_page = document.start_page_with(settings);
                let mut surface = pdf_page.surface();
                let placed = [(left_page, Point::default()), (right_page, right)];
                side(&mut surface, doc, &sheet, &placed, &mut resources)?;
                marks::draw(&mut surface, &sheet, &[page.width]);
                surface.finish();
            }
        }
    }
    document.set_metadata(metadata::metadata(&doc.meta, created));
    let pdf = document.finish()?;
    output_intent::add(pdf).map_err(|message| PdfError::new(ErrorKind::OutputIntent(message)))
}

/// krilla's settings: PDF 1.6, the version PDF/X-4 is based on; DeviceCMYK
/// throughout, which the output intent gives its meaning; no tags.
fn settings() -> Result<SerializeSettings, PdfError> {
    let configuration = ConfigurationBuilder::new()
        .with_version(PdfVersion::Pdf16)
        .finish()
        .map_err(|e| PdfError::new(ErrorKind::Krilla(format!("{e:?}"))))?;
    Ok(SerializeSettings {
        configuration,
        enable_tagging: false,
        ..SerializeSettings::default()
    })
}

/// The page boxes of sheet side `index`.
fn page_settings(sheet: &Sheet, index: usize) -> Result<PageSettings, PdfError> {
    let media = sheet.media();
    let settings = PageSettings::from_wh(media.width, media.height)
        .ok_or_else(|| PdfError::new(ErrorKind::PageSize { page: index }))?;
    Ok(settings
        .with_trim_box(sheet.trim_box())
        .with_bleed_box(sheet.bleed_box()))
}

/// Draws the pages `placed` on `sheet`: each at its offset from the trim's
/// corner, clipped to its part of the bleed box (a page of a spread does
/// not reach across the fold).
fn side(
    surface: &mut Surface,
    doc: &LaidOut,
    sheet: &Sheet,
    placed: &[(usize, Point)],
    resources: &mut Resources,
) -> Result<(), PdfError> {
    let origin = sheet.origin();
    let bleed = sheet.bleed;
    let pages = placed.len();
    for (slot, &(index, offset)) in placed.iter().enumerate() {
        let page = &doc.pages[index];
        // Bleed only on the sheet's outer edges.
        let left = if slot == 0 { bleed } else { 0.0 };
        let right = if slot + 1 == pages { bleed } else { 0.0 };
        let clip = Rect::from_xywh(
            -left,
            -bleed,
            page.size.width + left + right,
            page.size.height + 2.0 * bleed,
        );
        let at = Transform::from_translate(origin.x + offset.x, origin.y + offset.y);
        draw::within(surface, at, |surface| match clip {
            Some(clip) => draw::clipped(surface, clip, |surface| {
                page.items.iter().try_for_each(|item| {
                    draw::item(surface, item, page.size, bleed, index, resources)
                })
            }),
            None => Ok(()),
        })?;
    }
    Ok(())
}
