//! Facts about the fonts a document uses: names, embedding, subsetting.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::descriptor;
use crate::objects::{as_dict, get, get_dict, get_name, inherited, resolve};

/// A font as seen in a page's resources, for assertions such as "every font is
/// embedded and subset" (PDF/A and good practice both want that).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontInfo {
    /// `/BaseFont`, or `/Name` for Type3 fonts (krilla writes only the latter).
    pub base_font: String,
    /// `/Subtype`: `Type0`, `TrueType`, `Type1`, `Type3`, ...
    pub subtype: String,
    /// Whether the glyph outlines travel with the PDF: a `/FontFile*` stream in
    /// the descriptor, or a Type3 font (whose glyphs are content streams).
    pub embedded: bool,
    /// Whether the name carries a subset tag (`ABCDEF+`), which is how a
    /// producer signals that only the used glyphs were embedded.
    pub subset: bool,
}

impl FontInfo {
    pub(crate) fn from_dict(doc: &Document, font: &Dictionary) -> Self {
        let subtype = name_string(get_name(doc, font, b"Subtype"));
        let base_font =
            name_string(get_name(doc, font, b"BaseFont").or_else(|| get_name(doc, font, b"Name")));
        let embedded =
            subtype == "Type3" || descriptor(doc, font).is_some_and(|d| has_font_file(doc, d));
        let subset = has_subset_tag(&base_font);
        Self {
            base_font,
            subtype,
            embedded,
            subset,
        }
    }
}

/// Fonts referenced from the pages' resources and, recursively, from the
/// resources of form XObjects they use; each distinct font once.
pub(crate) fn document_fonts(doc: &Document, pages: &[ObjectId]) -> Vec<FontInfo> {
    let mut fonts = Vec::new();
    let mut visited_forms = HashSet::new();
    for &page in pages {
        if let Some(resources) = inherited(doc, page, b"Resources").and_then(as_dict) {
            collect_fonts(doc, resources, &mut visited_forms, &mut fonts);
        }
    }
    fonts
}

fn collect_fonts(
    doc: &Document,
    resources: &Dictionary,
    visited_forms: &mut HashSet<ObjectId>,
    fonts: &mut Vec<FontInfo>,
) {
    for (_, font) in get_dict(doc, resources, b"Font")
        .into_iter()
        .flat_map(Dictionary::iter)
    {
        if let Some(font) = resolve(doc, font).and_then(as_dict) {
            let info = FontInfo::from_dict(doc, font);
            if !fonts.contains(&info) {
                fonts.push(info);
            }
        }
    }
    for (_, xobject) in get_dict(doc, resources, b"XObject")
        .into_iter()
        .flat_map(Dictionary::iter)
    {
        // Forms are only reachable by reference; remembering them stops a
        // form that (corruptly) draws itself.
        if let Object::Reference(id) = *xobject
            && visited_forms.insert(id)
            && let Ok(Object::Stream(form)) = doc.get_object(id)
            && let Some(form_resources) = get_dict(doc, &form.dict, b"Resources")
        {
            collect_fonts(doc, form_resources, visited_forms, fonts);
        }
    }
}

fn name_string(name: Option<&[u8]>) -> String {
    String::from_utf8_lossy(name.unwrap_or_default()).into_owned()
}

fn has_font_file(doc: &Document, descriptor: &Dictionary) -> bool {
    [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
        .iter()
        .any(|key| matches!(get(doc, descriptor, key), Some(Object::Stream(_))))
}

fn has_subset_tag(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() > 7 && bytes[6] == b'+' && bytes[..6].iter().all(u8::is_ascii_uppercase)
}
