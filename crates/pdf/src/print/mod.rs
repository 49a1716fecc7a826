//! The print profile: a PDF/X-4 file a commercial printer accepts as it is.
//!
//! Each page sits on a larger sheet side: the TrimBox is the finished page,
//! the BleedBox the theme's bleed around it (artwork that reaches the trim
//! runs into it), and the MediaBox leaves room outside the bleed for crop
//! marks, registration targets, a colour bar and a slug line naming the
//! file (see `boxes.rs` for where each goes). Colour is the theme's CMYK,
//! pictures are separated into it, small black type overprints, and the
//! output intent names the printing condition those values are meant
//! for. Layout has already made the booklet whole sheets (padding before
//! the back cover, see `folio_layout`'s `pages::signature`); imposed, pages
//! are set in printer spreads, which needs a multiple of 4, inner sheets'
//! pages moved toward the fold by the creep.
//!
//! Nothing interactive is written: PDF/X keeps annotations off the printed
//! area, and links and tags mean nothing on paper. Bookmarks and page
//! labels stay, for finding one's way in the proof.

pub(crate) mod boxes;
pub(crate) mod cmyk_image;
mod color_bar;
pub(crate) mod impose;
mod marks;
pub(crate) mod output_intent;
mod overprint;
mod registration;
mod slug;

use folio_layout::fonts::{FontBook, Style};
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
    print: &Print,
) -> Result<Vec<u8>, PdfError> {
    let bleed = print.bleed;
    if !(bleed.is_finite() && bleed >= 0.0) {
        return Err(PdfError::new(ErrorKind::Bleed { bleed }));
    }
    let creep = print.creep;
    if !(creep.is_finite() && creep >= 0.0) {
        return Err(PdfError::new(ErrorKind::Creep { creep }));
    }
    let mut document = Document::new_with(settings()?);
    let mut resources = Resources::new(book, Space::Cmyk);
    let marks = Marks {
        patches: color_bar::patches(doc),
        font: resources.font(book.select(slug::FAMILY, Style::default()))?,
        label: &print.slug,
        created,
    };
    // A booklet's pages share one size.
    let page = doc.pages[0].size;
    match print.imposition {
        Imposition::Pages => {
            let sheet = Sheet { trim: page, bleed };
            let pages = doc.pages.len();
            for (index, page) in doc.pages.iter().enumerate() {
                let settings = page_settings(&sheet, index)?
                    .with_page_label(metadata::page_label(&page.label));
                let mut pdf_page = document.start_page_with(settings);
                let mut surface = pdf_page.surface();
                surface.set_location(location_of(index));
                let placed = [(index, Point::default())];
                side(&mut surface, doc, &sheet, &placed, &mut resources)?;
                marks.draw(&mut surface, &sheet, &[], &slug::page(index, pages));
                surface.reset_location();
                surface.finish();
            }
            let origin = sheet.origin();
            document.set_outline(outline::outline(&doc.outline, pages, origin)?);
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
            let order = impose::saddle_stitch_order(pages);
            for (side_index, (left_page, right_page)) in order.into_iter().enumerate() {
                let settings = page_settings(&sheet, side_index)?;
                let mut pdf_page = document.start_page_with(settings);
                let mut surface = pdf_page.surface();
                let (left, right) = impose::spread_offsets(side_index, page.width, creep);
                let placed = [
                    (left_page, Point::new(left, 0.0)),
                    (right_page, Point::new(right, 0.0)),
                ];
                side(&mut surface, doc, &sheet, &placed, &mut resources)?;
                let place = slug::sheet_side(side_index, (left_page, right_page));
                marks.draw(&mut surface, &sheet, &[page.width], &place);
                surface.finish();
            }
        }
    }
    document.set_metadata(metadata::metadata(&doc.meta, created));
    let pdf = document.finish()?;
    update(pdf).map_err(|message| PdfError::new(ErrorKind::OutputIntent(message)))
}

/// Everything drawn outside the bleed of each sheet side.
struct Marks<'a> {
    patches: Vec<[f32; 4]>,
    font: krilla::text::Font,
    /// What the slug names first.
    label: &'a str,
    created: Timestamp,
}

impl Marks<'_> {
    /// Crop and fold marks (at each x in `folds`, from the trim's left),
    /// registration targets, the colour bar and the slug, which names the
    /// side's `place` in the job.
    fn draw(&self, surface: &mut Surface, sheet: &Sheet, folds: &[f32], place: &str) {
        marks::draw(surface, sheet, folds);
        registration::draw(surface, sheet, folds);
        color_bar::draw(surface, sheet, &self.patches);
        let text = slug::text(self.label, self.created, place);
        slug::draw(surface, sheet, self.font.clone(), &text);
    }
}

/// krilla's `pdf` with what PDF/X-4 and the printer need beyond it, in one
/// incremental update: the output intent and overprinting black text.
fn update(pdf: Vec<u8>) -> Result<Vec<u8>, String> {
    let doc =
        lopdf::Document::load_mem(&pdf).map_err(|e| format!("krilla's PDF does not parse: {e}"))?;
    let mut update = lopdf::IncrementalDocument::create_from(pdf, doc);
    output_intent::add(&mut update)?;
    overprint::add(&mut update)?;
    let mut out = Vec::new();
    update.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
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
/// corner, clipped to its slot of the bleed box (a page of a spread does
/// not reach across the fold, even when creep moves it toward the fold).
fn side(
    surface: &mut Surface,
    doc: &LaidOut,
    sheet: &Sheet,
    placed: &[(usize, Point)],
    resources: &mut Resources,
) -> Result<(), PdfError> {
    let origin = sheet.origin();
    let bleed = sheet.bleed;
    let slots = placed.len();
    for (slot, &(index, offset)) in placed.iter().enumerate() {
        let page = &doc.pages[index];
        // The slot's share of the sheet, from the trim's left edge, with
        // bleed only on the sheet's outer edges; in the page's coordinates.
        let width = sheet.trim.width / slots as f32;
        let left = slot as f32 * width - if slot == 0 { bleed } else { 0.0 };
        let right = (slot + 1) as f32 * width + if slot + 1 == slots { bleed } else { 0.0 };
        let clip = Rect::from_xywh(
            left - offset.x,
            -bleed - offset.y,
            right - left,
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
