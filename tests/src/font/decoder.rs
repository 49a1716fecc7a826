//! Decoding shown strings: codes, their Unicode text and their advances.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::{descendant, descriptor};
use crate::cmap::{CMap, Code, CodespaceRange, split_codes};
use crate::objects::{get, get_array, get_name, get_number, number, resolve, stream_bytes};

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
            // Without /Encoding, lopdf would only re-derive the /ToUnicode map.
            simple_encoding: (font.has(b"Encoding") || to_unicode.is_none())
                .then(|| simple_encoding(doc, font))
                .flatten(),
            to_unicode,
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
                        widths.insert(first.saturating_add(i as u32), width);
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
