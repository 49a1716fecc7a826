//! krilla images for the model's images, made once per image file: as they
//! are on screen, separated into CMYK for print.
//!
//! The model reads each image file once and shares its bytes through an
//! `Arc`, so the same picture on two pages is the same allocation. Keying
//! the cache by that pointer turns it into one krilla [`Image`], written to
//! the file once, without hashing megabytes of pixels per use.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use folio_model::doc::{Image, ImageFormat};
use krilla::image::Image as PdfImage;

use crate::color::Space;
use crate::print::cmyk_image;
use crate::{ErrorKind, PdfError};

#[derive(Default)]
pub(crate) struct Images {
    /// Keyed by the address of the image's bytes. The `LaidOut` being
    /// written holds those `Arc`s for the whole write, so an address cannot
    /// be freed and reused by another image meanwhile.
    cache: HashMap<*const Vec<u8>, PdfImage>,
}

impl Images {
    /// The krilla image for `image` in `space`, drawn on page `page` (for
    /// errors). A document is written in one space, so the cache needs no
    /// other key.
    pub(crate) fn get(
        &mut self,
        image: &Image,
        page: usize,
        space: Space,
    ) -> Result<PdfImage, PdfError> {
        let key = Arc::as_ptr(&image.data);
        if let Some(pdf_image) = self.cache.get(&key) {
            return Ok(pdf_image.clone());
        }
        if let Some(pdf_image) = made_before(image, space) {
            self.cache.insert(key, pdf_image.clone());
            return Ok(pdf_image);
        }
        let pdf_image = Self::make(image, page, space)?;
        keep(image, space, &pdf_image);
        self.cache.insert(key, pdf_image.clone());
        Ok(pdf_image)
    }

    fn make(image: &Image, page: usize, space: Space) -> Result<PdfImage, PdfError> {
        if space == Space::Cmyk {
            return cmyk_image::separate(image)
                .map_err(|message| PdfError::new(ErrorKind::PrintImage { page, message }));
        }
        // Sharing the `Arc` avoids copying the file. Interpolation stays off:
        // PDF/A forbids it, and viewers smooth images anyway.
        let data = image.data.clone().into();
        match image.format {
            ImageFormat::Png => PdfImage::from_png(data, false),
            // krilla embeds JPEG files as they are (DCTDecode), so photos
            // are not re-compressed.
            ImageFormat::Jpeg => PdfImage::from_jpeg(data, false),
        }
        .map_err(|message| {
            PdfError::new(ErrorKind::Image {
                page: Some(page),
                message,
            })
        })
    }
}

/// Starts making the krilla image of `image` for a screen PDF. krilla
/// decodes a PNG and compresses its pixels on another core as soon as the
/// image is made, so making it before layout overlaps that work, most of a
/// single booklet's PDF writing, with layout on this core. A problem is
/// not reported here: writing the PDF makes the image again and says what
/// is wrong with it.
pub(crate) fn prepare(image: &Image) {
    if made_before(image, Space::Srgb).is_none()
        && let Ok(pdf_image) = Images::make(image, 0, Space::Srgb)
    {
        keep(image, Space::Srgb, &pdf_image);
    }
}

/// krilla images made by earlier documents of this process, most recent
/// last. Every edition of a campaign has the same cover, read once by the
/// model and shared through one `Arc`; decoding it and compressing its
/// pixels again for each of 42 editions would cost more than laying them
/// out. A krilla image is plain data, written into each document that
/// uses it.
static MADE: Mutex<Vec<Made>> = Mutex::new(Vec::new());

/// Images kept in [`MADE`]: a campaign has a handful.
const KEPT: usize = 8;

struct Made {
    /// Held, so that its address cannot be reused by other bytes while the
    /// entry exists.
    data: Arc<Vec<u8>>,
    space: Space,
    image: PdfImage,
}

/// Compares the bytes, not only the `Arc`: a program that opens the data
/// folder again (to rebuild after an edit) reads the same picture into a
/// new allocation, and should not pay for it again.
fn made_before(image: &Image, space: Space) -> Option<PdfImage> {
    let made = MADE.lock().unwrap_or_else(PoisonError::into_inner);
    made.iter()
        .find(|m| m.space == space && (Arc::ptr_eq(&m.data, &image.data) || m.data == image.data))
        .map(|m| m.image.clone())
}

fn keep(image: &Image, space: Space, pdf_image: &PdfImage) {
    let mut made = MADE.lock().unwrap_or_else(PoisonError::into_inner);
    if made.len() >= KEPT {
        made.remove(0);
    }
    made.push(Made {
        data: image.data.clone(),
        space,
        image: pdf_image.clone(),
    });
}
