//! Text extraction: runs a page's content stream, tracking just enough of the
//! graphics and text state to know where each glyph lands and what it says.

mod interpreter;
mod lines;
mod matrix;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::objects::{as_dict, get, inherited, resolve, stream_bytes};
use interpreter::Interpreter;

/// The page's text in content-stream order, with line breaks and word spaces
/// recovered from glyph positions.
pub(crate) fn page_text(doc: &Document, page: ObjectId) -> String {
    let resources = inherited(doc, page, b"Resources").and_then(as_dict);
    let content = doc
        .get_dictionary(page)
        .map(|page| page_content(doc, page))
        .unwrap_or_default();
    Interpreter::new(doc).run_page(&content, resources)
}

/// The text that `content`, a piece of a page's content using the page's
/// `resources`, draws.
pub(crate) fn content_text(
    doc: &Document,
    resources: Option<&Dictionary>,
    content: &[u8],
) -> String {
    Interpreter::new(doc).run_page(content, resources)
}

/// All content streams of the page, concatenated (they form one program).
pub(crate) fn page_content(doc: &Document, page: &Dictionary) -> Vec<u8> {
    let streams: Vec<&Object> = match get(doc, page, b"Contents") {
        Some(Object::Array(parts)) => parts.iter().collect(),
        Some(single) => vec![single],
        None => Vec::new(),
    };
    let mut content = Vec::new();
    for part in streams {
        if let Some(Object::Stream(stream)) = resolve(doc, part) {
            content.extend(stream_bytes(stream).unwrap_or_default());
            content.push(b'\n');
        }
    }
    content
}
