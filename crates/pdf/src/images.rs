//! krilla images for the model's images, made once per image file.
//!
//! The model reads each image file once and shares its bytes through an
//! `Arc`, so the same picture on two pages is the same allocation. Keying
//! the cache by that pointer turns it into one krilla [`Image`], written to
//! the file once, without hashing megabytes of pixels per use.

use std::collections::HashMap;
use std::sync::Arc;

use folio_model::doc::{Image, ImageFormat};
use krilla::image::Image as PdfImage;

use crate::{ErrorKind, PdfError};

#[derive(Default)]
pub(crate) struct Images {
    /// Keyed by the address of the image's bytes. The `LaidOut` being
    /// written holds those `Arc`s for the whole write, so an address cannot
    /// be freed and reused by another image meanwhile.
    cache: HashMap<*const Vec<u8>, PdfImage>,
}

impl Images {
    /// The krilla image for `image`, drawn on page `page` (for errors).
    pub(crate) fn get(&mut self, image: &Image, page: usize) -> Result<PdfImage, PdfError> {
        let key = Arc::as_ptr(&image.data);
        if let Some(pdf_image) = self.cache.get(&key) {
            return Ok(pdf_image.clone());
        }
        // Sharing the `Arc` avoids copying the file. Interpolation stays off:
        // PDF/A forbids it, and viewers smooth images anyway.
        let data = image.data.clone().into();
        let pdf_image = match image.format {
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
        })?;
        self.cache.insert(key, pdf_image.clone());
        Ok(pdf_image)
    }
}
