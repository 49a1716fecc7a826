//! The logical structure of a tagged PDF, read back: the structure tree,
//! and the marked content of each page it points into, with its text.
//!
//! Tests walk the tree to check what assistive technology will be told
//! (heading levels, table headers, list parts, alternative text) and compare
//! it with what the pages draw (every piece of content tagged once, page
//! furniture left out as artifacts).

use std::collections::HashMap;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::objects::{as_dict, get, get_dict, get_name, inherited, resolve, text_string};
use crate::text::{content_text, page_content};

/// How deep the tree is walked; real trees are a few levels deep, the bound
/// stops a cycle.
const MAX_DEPTH: usize = 64;

/// A piece of a page's content marked with `BDC`/`BMC` … `EMC`, at the top
/// level of the page's content stream.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkedContent {
    /// The marked-content tag, e.g. `Span`, `P` or `Artifact`.
    pub tag: String,
    /// The marked-content id that ties it to the structure tree; artifacts
    /// have none.
    pub mcid: Option<i64>,
    /// The text drawn inside.
    pub text: String,
}

/// An element of the structure tree.
#[derive(Debug, Clone, PartialEq)]
pub struct StructElement {
    /// The structure type, mapped to a standard one through the `/RoleMap`
    /// (e.g. `H1`, `P`, `L`, `TH`).
    pub role: String,
    /// Alternative text (`/Alt`).
    pub alt: Option<String>,
    /// Title (`/T`), which headings carry.
    pub title: Option<String>,
    /// `/Scope` of a table header cell's attributes.
    pub scope: Option<String>,
    /// `/ListNumbering` of a list's attributes.
    pub list_numbering: Option<String>,
    pub children: Vec<StructChild>,
}

/// What an element contains.
#[derive(Debug, Clone, PartialEq)]
pub enum StructChild {
    Element(StructElement),
    /// Marked content of page `page` (0-based), with its text.
    Content {
        page: usize,
        mcid: i64,
        text: String,
    },
    /// An annotation (e.g. a link) on page `page`.
    Annotation {
        page: usize,
    },
}

impl StructElement {
    /// This element and all elements below it, depth first, in tree order.
    pub fn descendants(&self) -> Vec<&StructElement> {
        let mut all = vec![self];
        for child in &self.children {
            if let StructChild::Element(element) = child {
                all.extend(element.descendants());
            }
        }
        all
    }

    /// The marked content below this element, in tree order: page, id and
    /// text.
    pub fn contents(&self) -> Vec<(usize, i64, &str)> {
        self.children
            .iter()
            .flat_map(|child| match child {
                StructChild::Element(element) => element.contents(),
                StructChild::Content { page, mcid, text } => vec![(*page, *mcid, text.as_str())],
                StructChild::Annotation { .. } => vec![],
            })
            .collect()
    }

    /// The text of the content below this element, pieces joined by spaces,
    /// spaces collapsed.
    pub fn text(&self) -> String {
        self.contents()
            .iter()
            .flat_map(|(_, _, text)| text.split_whitespace())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The elements directly below this one.
    pub fn elements(&self) -> Vec<&StructElement> {
        self.children
            .iter()
            .filter_map(|child| match child {
                StructChild::Element(element) => Some(element),
                _ => None,
            })
            .collect()
    }
}

/// The marked content of `page`, in content-stream order.
pub(crate) fn marked_content(doc: &Document, page: ObjectId) -> Vec<MarkedContent> {
    let Ok(page_dict) = doc.get_dictionary(page) else {
        return Vec::new();
    };
    let resources = inherited(doc, page, b"Resources").and_then(as_dict);
    let operations = Content::decode(&page_content(doc, page_dict))
        .map(|content| content.operations)
        .unwrap_or_default();
    let mut marked = Vec::new();
    let mut open: Option<(String, Option<i64>, Vec<Operation>)> = None;
    let mut depth = 0usize;
    for op in operations {
        match op.operator.as_str() {
            "BDC" | "BMC" if depth == 0 => {
                let tag = op
                    .operands
                    .first()
                    .and_then(|tag| tag.as_name().ok())
                    .map(|tag| String::from_utf8_lossy(tag).into_owned())
                    .unwrap_or_default();
                let mcid = properties(doc, op.operands.get(1), resources)
                    .and_then(|properties| get(doc, properties, b"MCID"))
                    .and_then(|mcid| mcid.as_i64().ok());
                open = Some((tag, mcid, Vec::new()));
                depth = 1;
            }
            "BDC" | "BMC" => {
                depth += 1;
                if let Some((_, _, ops)) = &mut open {
                    ops.push(op);
                }
            }
            "EMC" if depth == 1 => {
                depth = 0;
                if let Some((tag, mcid, ops)) = open.take() {
                    let bytes = Content { operations: ops }.encode().unwrap_or_default();
                    let text = content_text(doc, resources, &bytes);
                    marked.push(MarkedContent { tag, mcid, text });
                }
            }
            "EMC" => {
                depth = depth.saturating_sub(1);
                if let Some((_, _, ops)) = &mut open {
                    ops.push(op);
                }
            }
            _ => {
                if let Some((_, _, ops)) = &mut open {
                    ops.push(op);
                }
            }
        }
    }
    marked
}

/// A marked-content property list: inline, or named in the resources.
fn properties<'a>(
    doc: &'a Document,
    operand: Option<&'a Object>,
    resources: Option<&'a Dictionary>,
) -> Option<&'a Dictionary> {
    match operand? {
        Object::Name(name) => get_dict(doc, get_dict(doc, resources?, b"Properties")?, name),
        other => as_dict(resolve(doc, other)?),
    }
}

/// The elements below the structure tree root; `None` if the document has
/// no structure tree.
pub(crate) fn structure(
    doc: &Document,
    pages: &[ObjectId],
    page_index: &HashMap<ObjectId, usize>,
) -> Option<Vec<StructElement>> {
    let root = get_dict(doc, doc.catalog().ok()?, b"StructTreeRoot")?;
    let role_map = get_dict(doc, root, b"RoleMap");
    let mut texts: HashMap<(usize, i64), String> = HashMap::new();
    for (index, &page) in pages.iter().enumerate() {
        for marked in marked_content(doc, page) {
            if let Some(mcid) = marked.mcid {
                texts.insert((index, mcid), marked.text);
            }
        }
    }
    let reader = TreeReader {
        doc,
        page_index,
        role_map,
        texts,
    };
    let mut elements = Vec::new();
    for kid in kids(doc, root) {
        if let Some(StructChild::Element(element)) = reader.child(kid, None, 0) {
            elements.push(element);
        }
    }
    Some(elements)
}

/// The `/K` entry as a list.
fn kids<'a>(doc: &'a Document, dict: &'a Dictionary) -> Vec<&'a Object> {
    match get(doc, dict, b"K") {
        Some(Object::Array(kids)) => kids.iter().collect(),
        Some(_) => dict.get(b"K").ok().into_iter().collect(),
        None => Vec::new(),
    }
}

struct TreeReader<'a> {
    doc: &'a Document,
    page_index: &'a HashMap<ObjectId, usize>,
    role_map: Option<&'a Dictionary>,
    texts: HashMap<(usize, i64), String>,
}

impl TreeReader<'_> {
    /// A kid of an element whose page (`/Pg`, inherited) is `page`.
    fn child(&self, kid: &Object, page: Option<usize>, depth: usize) -> Option<StructChild> {
        if depth > MAX_DEPTH {
            return None;
        }
        let content = |page: Option<usize>, mcid: i64| {
            let page = page?;
            let text = self.texts.get(&(page, mcid)).cloned().unwrap_or_default();
            Some(StructChild::Content { page, mcid, text })
        };
        if let Ok(mcid) = kid.as_i64() {
            return content(page, mcid);
        }
        let dict = as_dict(resolve(self.doc, kid)?)?;
        let page = self.page(dict).or(page);
        match get_name(self.doc, dict, b"Type") {
            Some(b"MCR") => return content(page, get(self.doc, dict, b"MCID")?.as_i64().ok()?),
            Some(b"OBJR") => return Some(StructChild::Annotation { page: page? }),
            _ => {}
        }
        let role = get_name(self.doc, dict, b"S")?;
        let children = kids(self.doc, dict)
            .into_iter()
            .filter_map(|kid| self.child(kid, page, depth + 1))
            .collect();
        let attribute = |key: &[u8]| {
            let attributes: Vec<&Object> = match get(self.doc, dict, b"A") {
                Some(Object::Array(list)) => list.iter().collect(),
                Some(single) => vec![single],
                None => vec![],
            };
            attributes.into_iter().find_map(|a| {
                let a = as_dict(resolve(self.doc, a)?)?;
                get_name(self.doc, a, key).map(|v| String::from_utf8_lossy(v).into_owned())
            })
        };
        Some(StructChild::Element(StructElement {
            role: self.standard_role(role),
            alt: get(self.doc, dict, b"Alt").and_then(text_string),
            title: get(self.doc, dict, b"T").and_then(text_string),
            scope: attribute(b"Scope"),
            list_numbering: attribute(b"ListNumbering"),
            children,
        }))
    }

    fn page(&self, dict: &Dictionary) -> Option<usize> {
        let page = dict.get(b"Pg").ok()?.as_reference().ok()?;
        self.page_index.get(&page).copied()
    }

    /// `role` through the role map, as far as it leads.
    fn standard_role(&self, role: &[u8]) -> String {
        let mut role = role;
        for _ in 0..MAX_DEPTH {
            match self.role_map.and_then(|map| get_name(self.doc, map, role)) {
                Some(mapped) if mapped != role => role = mapped,
                _ => break,
            }
        }
        String::from_utf8_lossy(role).into_owned()
    }
}
