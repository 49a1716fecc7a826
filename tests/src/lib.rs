//! Reads Folio's PDFs back so that integration tests can assert on what a
//! reader will actually get — the text in reading order, links, fonts,
//! bookmarks and metadata — rather than on how the bytes happen to look.
//!
//! ```no_run
//! use folio_tests::{PdfReadBack, word_sequence_coverage};
//!
//! let bytes = std::fs::read("booklet.pdf").unwrap();
//! let pdf = PdfReadBack::parse(&bytes).unwrap();
//! assert!(word_sequence_coverage("the seed text", &pdf.text()) >= 0.98);
//! assert!(pdf.fonts().iter().all(|font| font.embedded && font.subset));
//! ```

mod cmap;
mod folders;
mod font;
mod links;
mod objects;
mod outline;
mod similarity;
mod structure;
mod text;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::{Document, Object, ObjectId};

pub use folders::copy_dir;
pub use font::FontInfo;
pub use links::{Link, LinkTarget};
pub use outline::OutlineEntry;
pub use similarity::{word_sequence_coverage, words};
pub use structure::{MarkedContent, StructChild, StructElement};

use links::Destinations;
use objects::{as_dict, get, inherited, number, resolve, text_string};

/// A parsed PDF, queried page by page.
pub struct PdfReadBack {
    doc: Document,
    /// Page object ids in page-tree order: a page's index is its position here.
    pages: Vec<ObjectId>,
    page_index: HashMap<ObjectId, usize>,
}

impl PdfReadBack {
    /// Parses a complete PDF file.
    ///
    /// Malformed input yields `Err`, never a panic: a test should fail with a
    /// message, not abort. lopdf is trusted to return errors, but its parser
    /// is large, so a panic inside it is caught and reported as an error too.
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        let doc = catch_unwind(AssertUnwindSafe(|| Document::load_mem(bytes)))
            .map_err(|_| "the PDF parser panicked on this input".to_string())?
            .map_err(|err| format!("not a readable PDF: {err}"))?;
        doc.catalog()
            .map_err(|err| format!("PDF has no document catalog: {err}"))?;
        let pages: Vec<ObjectId> = doc.page_iter().collect();
        let page_index = pages.iter().enumerate().map(|(i, &id)| (id, i)).collect();
        Ok(Self {
            doc,
            pages,
            page_index,
        })
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Text of page `index` (0-based) in content-stream order, which is the
    /// order Folio draws in, i.e. reading order.
    ///
    /// Glyphs are decoded through each font's `/ToUnicode` map (falling back
    /// to the font's `/Encoding` for simple fonts), and `/ActualText` spans
    /// replace the glyphs they cover. A baseline change becomes `'\n'`; a
    /// horizontal gap wider than about 0.15 em becomes `' '` unless a space
    /// was drawn there. Spaces at line ends are dropped. Codes the font cannot
    /// map come out as U+FFFD so that they show in a test's diff.
    ///
    /// # Panics
    ///
    /// If `index` is out of range, like slice indexing: that is a bug in the
    /// test, not in the PDF.
    pub fn page_text(&self, index: usize) -> String {
        text::page_text(&self.doc, self.page(index))
    }

    /// All pages' text, joined with `'\n'`.
    pub fn text(&self) -> String {
        self.pages
            .iter()
            .map(|&page| text::page_text(&self.doc, page))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Link annotations of page `index`, in the page's `/Annots` order.
    ///
    /// # Panics
    ///
    /// If `index` is out of range.
    pub fn links(&self, index: usize) -> Vec<Link> {
        links::page_links(&self.doc, self.page(index), &self.destinations())
    }

    /// Fonts referenced from any page's resources (including those of form
    /// XObjects drawn on it), each distinct font once, in order of first use.
    pub fn fonts(&self) -> Vec<FontInfo> {
        font::document_fonts(&self.doc, &self.pages)
    }

    /// The outline (bookmarks) as a flat list in reading order.
    pub fn outline(&self) -> Vec<OutlineEntry> {
        outline::outline(&self.doc, &self.destinations())
    }

    /// The elements below the structure tree's root, in tree order (for
    /// krilla's files, the one `Document` element); `None` for an untagged
    /// PDF.
    pub fn structure(&self) -> Option<Vec<StructElement>> {
        structure::structure(&self.doc, &self.pages, &self.page_index)
    }

    /// The marked content of page `index` (0-based), in content order.
    ///
    /// # Panics
    ///
    /// If `index` is out of range.
    pub fn marked_content(&self, index: usize) -> Vec<MarkedContent> {
        structure::marked_content(&self.doc, self.page(index))
    }

    /// Whether the catalog asks viewers to show the document title (rather
    /// than the file name) in the title bar: `/ViewerPreferences
    /// /DisplayDocTitle true`.
    pub fn displays_title(&self) -> bool {
        let Some(catalog) = self.doc.catalog().ok() else {
            return false;
        };
        get(&self.doc, catalog, b"ViewerPreferences")
            .and_then(as_dict)
            .and_then(|prefs| get(&self.doc, prefs, b"DisplayDocTitle"))
            .and_then(|value| value.as_bool().ok())
            .unwrap_or(false)
    }

    /// The document title: `/Info /Title`, or else the XMP `dc:title`, since
    /// PDF 2.0 producers (krilla included) write the title only to XMP.
    pub fn title(&self) -> Option<String> {
        self.info_string(b"Title").or_else(|| self.xmp_title())
    }

    /// The catalog's `/Lang`, which screen readers use to pick a voice.
    pub fn lang(&self) -> Option<String> {
        text_string(get(&self.doc, self.doc.catalog().ok()?, b"Lang")?)
    }

    /// Whether the catalog has `/PageLabels` (e.g. roman numerals for front
    /// matter).
    pub fn has_page_labels(&self) -> bool {
        self.doc
            .catalog()
            .is_ok_and(|catalog| catalog.has(b"PageLabels"))
    }

    /// Width and height of page `index` in points, from its (possibly
    /// inherited) `/MediaBox`.
    ///
    /// # Panics
    ///
    /// If `index` is out of range.
    pub fn page_size(&self, index: usize) -> Option<[f32; 2]> {
        let media_box = inherited(&self.doc, self.page(index), b"MediaBox")?
            .as_array()
            .ok()?;
        let corners: Vec<f32> = media_box
            .iter()
            .filter_map(|v| resolve(&self.doc, v).and_then(number))
            .collect();
        match corners[..] {
            [x0, y0, x1, y1] => Some([(x1 - x0).abs(), (y1 - y0).abs()]),
            _ => None,
        }
    }

    fn page(&self, index: usize) -> ObjectId {
        *self.pages.get(index).unwrap_or_else(|| {
            panic!(
                "page index {index} out of range: the PDF has {} pages",
                self.pages.len()
            )
        })
    }

    fn destinations(&self) -> Destinations<'_> {
        Destinations::new(&self.doc, &self.page_index)
    }

    fn info_string(&self, key: &[u8]) -> Option<String> {
        let info = get(&self.doc, &self.doc.trailer, b"Info").and_then(as_dict)?;
        text_string(get(&self.doc, info, key)?).filter(|s| !s.is_empty())
    }

    /// The first `rdf:li` of `dc:title` in the catalog's XMP packet. A string
    /// search suffices for the packets producers write; no XML parser needed.
    fn xmp_title(&self) -> Option<String> {
        let metadata = get(&self.doc, self.doc.catalog().ok()?, b"Metadata")?;
        let Object::Stream(stream) = metadata else {
            return None;
        };
        let xml = String::from_utf8(objects::stream_bytes(stream)?).ok()?;
        let title = &xml[xml.find("<dc:title")?..];
        let title = &title[..title.find("</dc:title>")?];
        let item = &title[title.find("<rdf:li")?..];
        let text = item.get(item.find('>')? + 1..item.find("</rdf:li>")?)?;
        Some(unescape_xml(text)).filter(|s| !s.is_empty())
    }
}

fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}
