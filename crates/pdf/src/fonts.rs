//! krilla fonts for the faces of a [`FontBook`], made on first use.
//!
//! A krilla [`Font`] parses its face and is the key under which krilla
//! collects the glyphs to subset, so each face must become exactly one
//! `Font` for the whole document: two `Font`s of one face would embed it
//! twice.

use std::collections::BTreeMap;

use folio_layout::fonts::{FontBook, FontId};
use krilla::Data;
use krilla::text::Font;

use crate::{ErrorKind, PdfError};

pub(crate) struct Fonts<'a> {
    book: &'a FontBook,
    cache: BTreeMap<FontId, Font>,
}

impl<'a> Fonts<'a> {
    pub(crate) fn new(book: &'a FontBook) -> Self {
        Fonts {
            book,
            cache: BTreeMap::new(),
        }
    }

    /// The krilla font for `id`. Cloning a `Font` is cheap (an `Arc`).
    pub(crate) fn get(&mut self, id: FontId) -> Result<Font, PdfError> {
        if let Some(font) = self.cache.get(&id) {
            return Ok(font.clone());
        }
        // The face data is `'static` (bundled in the binary), so krilla can
        // hold it without a copy.
        let face = self
            .book
            .get_face(id)
            .ok_or_else(|| PdfError::new(ErrorKind::UnknownFont { font: id }))?;
        let font = Font::new(Data::from(face.data), face.index).ok_or_else(|| {
            PdfError::new(ErrorKind::Font {
                font: id,
                family: face.family,
            })
        })?;
        self.cache.insert(id, font.clone());
        Ok(font)
    }
}
