//! What the read-back needs from a font dictionary: how to split shown strings
//! into codes, what text each code stands for, how far each glyph advances,
//! and the facts tests assert about embedding.

mod decoder;
mod info;

use lopdf::{Dictionary, Document};

use crate::objects::{as_dict, get_array, get_dict, resolve};

pub(crate) use decoder::FontDecoder;
pub use info::FontInfo;
pub(crate) use info::document_fonts;

/// The font descriptor, which for composite fonts lives on the descendant.
pub(crate) fn descriptor<'a>(doc: &'a Document, font: &'a Dictionary) -> Option<&'a Dictionary> {
    get_dict(doc, font, b"FontDescriptor")
        .or_else(|| get_dict(doc, descendant(doc, font)?, b"FontDescriptor"))
}

pub(crate) fn descendant<'a>(doc: &'a Document, font: &'a Dictionary) -> Option<&'a Dictionary> {
    as_dict(resolve(
        doc,
        get_array(doc, font, b"DescendantFonts")?.first()?,
    )?)
}
