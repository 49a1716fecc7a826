//! Defensive accessors for lopdf's object graph.
//!
//! Every lookup here returns `Option` rather than `Result`: the read-back is a
//! test oracle, and a missing or mistyped entry should degrade to "not found"
//! (which the calling test then reports) instead of aborting the whole read.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// Upper bound on a single decoded stream. Folio's pages are small; the bound
/// only exists so that a corrupt stream cannot exhaust memory in a test run.
const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// How far up the page tree inherited attributes are searched. Real trees are a
/// few levels deep; the bound stops a `/Parent` cycle.
const MAX_TREE_DEPTH: usize = 64;

/// Follows indirect references (lopdf bounds the chain length itself).
pub(crate) fn resolve<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, resolved)| resolved)
}

/// `dict[key]`, with references followed.
pub(crate) fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, dict.get(key).ok()?)
}

/// `dict[key]` as a dictionary; a stream's dictionary counts, because some
/// producers write e.g. `/Resources` or CMaps where either may appear.
pub(crate) fn get_dict<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Dictionary> {
    as_dict(get(doc, dict, key)?)
}

pub(crate) fn get_array<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a [Object]> {
    match get(doc, dict, key)? {
        Object::Array(items) => Some(items),
        _ => None,
    }
}

pub(crate) fn get_name<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a [u8]> {
    match get(doc, dict, key)? {
        Object::Name(name) => Some(name),
        _ => None,
    }
}

pub(crate) fn get_number(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    number(get(doc, dict, key)?)
}

pub(crate) fn as_dict(object: &Object) -> Option<&Dictionary> {
    match object {
        Object::Dictionary(dict) => Some(dict),
        Object::Stream(stream) => Some(&stream.dict),
        _ => None,
    }
}

pub(crate) fn number(object: &Object) -> Option<f32> {
    match *object {
        Object::Integer(value) => Some(value as f32),
        Object::Real(value) => Some(value),
        _ => None,
    }
}

/// Decodes a PDF text string (PDFDocEncoding, or UTF-16BE / UTF-8 with BOM).
pub(crate) fn text_string(object: &Object) -> Option<String> {
    lopdf::decode_text_string(object).ok()
}

/// The stream's data with all filters (typically FlateDecode) undone.
pub(crate) fn stream_bytes(stream: &Stream) -> Option<Vec<u8>> {
    stream.get_plain_content_with_limit(MAX_STREAM_BYTES).ok()
}

/// A page attribute that may be inherited from an ancestor in the page tree
/// (`/Resources`, `/MediaBox`, ...).
pub(crate) fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..MAX_TREE_DEPTH {
        if let Some(value) = get(doc, node, key) {
            return Some(value);
        }
        node = get_dict(doc, node, b"Parent")?;
    }
    None
}
