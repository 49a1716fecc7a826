//! What the read-back needs from a font dictionary: how to split shown strings
//! into codes, what text each code stands for, how far each glyph advances,
//! and the facts tests assert about embedding.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::cmap::{CMap, Code, CodespaceRange, split_codes};
use crate::objects::{
    as_dict, get, get_array, get_dict, get_name, get_number, inherited, number, resolve,
    stream_bytes,
};

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

/// The font descriptor, which for composite fonts lives on the descendant.
fn descriptor<'a>(doc: &'a Document, font: &'a Dictionary) -> Option<&'a Dictionary> {
    get_dict(doc, font, b"FontDescriptor")
        .or_else(|| get_dict(doc, descendant(doc, font)?, b"FontDescriptor"))
}

fn descendant<'a>(doc: &'a Document, font: &'a Dictionary) -> Option<&'a Dictionary> {
    as_dict(resolve(
        doc,
        get_array(doc, font, b"DescendantFonts")?.first()?,
    )?)
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

/// One glyph of a shown string.
pub(crate) struct Glyph {
    /// The Unicode text the glyph stands for ("ffi" for a ligature).
    pub text: String,
    /// Horizontal advance in text-space units per unit of font size.
    pub advance: f32,
    /// Word spacing (`Tw`) applies only to the single-byte code 32.
    pub is_word_space: bool,
}

/// Decodes shown strings for one font.
pub(crate) struct FontDecoder {
    codespace: Vec<CodespaceRange>,
    to_unicode: Option<CMap>,
    /// For simple fonts: the text of each byte under the font's `/Encoding`
    /// (WinAnsi, Differences, ...), used where `/ToUnicode` is silent.
    simple_encoding: Option<Vec<Option<String>>>,
    widths: Widths,
    /// Glyph-space units → text-space units: 1/1000, or a Type3 font's
    /// `/FontMatrix` scale (krilla uses 1/unitsPerEm).
    glyph_scale: f32,
}

enum Widths {
    Simple {
        first_char: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Composite {
        widths: HashMap<u32, f32>,
        default: f32,
    },
}

/// Assumed advance when a simple font has no `/Widths` (the standard 14
/// fonts): only the space heuristics depend on it, and half an em is typical.
const UNKNOWN_WIDTH: f32 = 500.0;

/// Caps the expansion of a CID `/W` range so a corrupt array stays cheap.
const MAX_CID_WIDTHS: usize = 1 << 16;

impl FontDecoder {
    pub fn load(doc: &Document, font: &Dictionary) -> Self {
        let subtype = get_name(doc, font, b"Subtype").unwrap_or_default();
        let to_unicode = match get(doc, font, b"ToUnicode") {
            Some(Object::Stream(stream)) => stream_bytes(stream).map(|bytes| CMap::parse(&bytes)),
            _ => None,
        };
        if subtype == b"Type0" {
            Self::composite(doc, font, to_unicode)
        } else {
            Self::simple(doc, font, subtype == b"Type3", to_unicode)
        }
    }

    fn composite(doc: &Document, font: &Dictionary, to_unicode: Option<CMap>) -> Self {
        // Identity-H/V and the other predefined CMaps Folio could meet use
        // two-byte codes; an embedded CMap states its own codespace.
        let codespace = match get(doc, font, b"Encoding") {
            Some(Object::Stream(stream)) => stream_bytes(stream)
                .map(|bytes| CMap::parse(&bytes).codespace().to_vec())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let codespace = if codespace.is_empty() {
            vec![CodespaceRange::full(2)]
        } else {
            codespace
        };
        let descendant = descendant(doc, font);
        let default = descendant
            .and_then(|d| get_number(doc, d, b"DW"))
            .unwrap_or(1000.0);
        let widths = descendant
            .and_then(|d| get_array(doc, d, b"W"))
            .map(|w| cid_widths(doc, w))
            .unwrap_or_default();
        Self {
            codespace,
            to_unicode,
            simple_encoding: None,
            widths: Widths::Composite { widths, default },
            glyph_scale: 0.001,
        }
    }

    fn simple(doc: &Document, font: &Dictionary, is_type3: bool, to_unicode: Option<CMap>) -> Self {
        let glyph_scale = if is_type3 {
            get_array(doc, font, b"FontMatrix")
                .and_then(|m| number(m.first()?))
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let widths = match get_array(doc, font, b"Widths") {
            Some(widths) => Widths::Simple {
                first_char: get_number(doc, font, b"FirstChar").unwrap_or(0.0).max(0.0) as u32,
                widths: widths
                    .iter()
                    .map(|w| resolve(doc, w).and_then(number).unwrap_or(0.0))
                    .collect(),
                missing: descriptor(doc, font)
                    .and_then(|d| get_number(doc, d, b"MissingWidth"))
                    .unwrap_or(0.0),
            },
            None => Widths::Simple {
                first_char: 0,
                widths: Vec::new(),
                missing: UNKNOWN_WIDTH,
            },
        };
        Self {
            codespace: vec![CodespaceRange::full(1)],
            to_unicode,
            simple_encoding: simple_encoding(doc, font),
            widths,
            glyph_scale,
        }
    }

    pub fn decode(&self, bytes: &[u8]) -> Vec<Glyph> {
        split_codes(bytes, &self.codespace)
            .into_iter()
            .map(|code| Glyph {
                text: self.text_of(code),
                advance: self.width_of(code) * self.glyph_scale,
                is_word_space: code == Code { value: 32, len: 1 },
            })
            .collect()
    }

    /// Unmapped codes become U+FFFD so that a missing `/ToUnicode` entry shows
    /// up in a test's diff instead of silently dropping a character.
    fn text_of(&self, code: Code) -> String {
        self.to_unicode
            .as_ref()
            .and_then(|cmap| cmap.lookup(code))
            .or_else(|| {
                let table = self.simple_encoding.as_ref()?;
                table.get(code.value as usize)?.clone()
            })
            .unwrap_or_else(|| char::REPLACEMENT_CHARACTER.to_string())
    }

    fn width_of(&self, code: Code) -> f32 {
        match &self.widths {
            Widths::Simple {
                first_char,
                widths,
                missing,
            } => code
                .value
                .checked_sub(*first_char)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            // Codes are CIDs: Folio's producer only writes Identity encodings.
            Widths::Composite { widths, default } => {
                widths.get(&code.value).copied().unwrap_or(*default)
            }
        }
    }
}

/// The text of each single-byte code under the font's `/Encoding`, computed
/// once per font through lopdf (which knows the standard encodings and the
/// glyph-name list needed for `/Differences`).
fn simple_encoding(doc: &Document, font: &Dictionary) -> Option<Vec<Option<String>>> {
    // lopdf prefers /ToUnicode over the base encoding when /Encoding is
    // absent; that is harmless here since /ToUnicode is consulted first anyway.
    let encoding = font.get_font_encoding(doc).ok()?;
    Some(
        (0..=255u8)
            .map(|byte| {
                encoding
                    .bytes_to_string(&[byte])
                    .ok()
                    .filter(|text| !text.is_empty() && !text.contains(char::REPLACEMENT_CHARACTER))
            })
            .collect(),
    )
}

/// Expands a CIDFont `/W` array: `c [w1 w2 …]` and `c_first c_last w` entries.
fn cid_widths(doc: &Document, entries: &[Object]) -> HashMap<u32, f32> {
    let mut widths = HashMap::new();
    let mut items = entries.iter().filter_map(|item| resolve(doc, item));
    while let Some(first) = items.next().and_then(number) {
        let first = first.max(0.0) as u32;
        match items.next() {
            Some(Object::Array(list)) => {
                for (i, width) in list.iter().enumerate().take(MAX_CID_WIDTHS) {
                    if let Some(width) = number(width) {
                        widths.insert(first + i as u32, width);
                    }
                }
            }
            Some(last) => {
                let (Some(last), Some(width)) = (number(last), items.next().and_then(number))
                else {
                    break;
                };
                let last = (last.max(0.0) as u32).min(first.saturating_add(MAX_CID_WIDTHS as u32));
                for cid in first..=last {
                    widths.insert(cid, width);
                }
            }
            None => break,
        }
        if widths.len() > MAX_CID_WIDTHS {
            break;
        }
    }
    widths
}
