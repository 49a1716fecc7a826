//! Link annotations and the destinations they (and outline items) point to.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::objects::{as_dict, get, get_array, get_dict, get_name, number, resolve};

/// A clickable area on a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// `[left, bottom, right, top]` in PDF user space (origin bottom-left),
    /// normalised so that left ≤ right and bottom ≤ top.
    pub rect: [f32; 4],
    pub target: LinkTarget,
}

/// Where a link or outline item leads.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkTarget {
    /// A page of this document, with the vertical scroll position where the
    /// destination gives one (`/XYZ`, `/FitH`, `/FitBH`), in PDF user space.
    Page { index: usize, y: Option<f32> },
    /// A `/URI` action.
    Uri(String),
    /// Anything the read-back does not resolve, described for test failure
    /// messages (a dangling named destination, a `/Launch` action, ...).
    Other(String),
}

/// Named-destination trees are shallow in practice; the bound stops cycles.
const MAX_NAME_TREE_DEPTH: usize = 32;

/// Resolves destinations against one document's page order.
pub(crate) struct Destinations<'a> {
    doc: &'a Document,
    page_index: &'a HashMap<ObjectId, usize>,
}

impl<'a> Destinations<'a> {
    pub fn new(doc: &'a Document, page_index: &'a HashMap<ObjectId, usize>) -> Self {
        Self { doc, page_index }
    }

    /// The target of a link annotation or outline item: its `/Dest`, or else
    /// its `/A` action.
    pub fn target_of(&self, item: &Dictionary) -> LinkTarget {
        if let Some(dest) = get(self.doc, item, b"Dest") {
            return self.destination(dest, 0);
        }
        match get(self.doc, item, b"A").and_then(as_dict) {
            Some(action) => self.action(action),
            None => LinkTarget::Other("no /Dest and no /A".into()),
        }
    }

    fn action(&self, action: &Dictionary) -> LinkTarget {
        match get_name(self.doc, action, b"S") {
            Some(b"URI") => match get(self.doc, action, b"URI") {
                Some(Object::String(uri, _)) => {
                    LinkTarget::Uri(String::from_utf8_lossy(uri).into_owned())
                }
                _ => LinkTarget::Other("URI action without /URI string".into()),
            },
            Some(b"GoTo") => match get(self.doc, action, b"D") {
                Some(dest) => self.destination(dest, 0),
                None => LinkTarget::Other("GoTo action without /D".into()),
            },
            Some(other) => LinkTarget::Other(format!("/{} action", String::from_utf8_lossy(other))),
            None => LinkTarget::Other("action without /S".into()),
        }
    }

    /// Resolves an explicit destination array, a named destination (string
    /// for the `/Names` tree, name for the older `/Dests` dictionary), or a
    /// `<< /D … >>` dictionary as found in name trees.
    fn destination(&self, dest: &Object, depth: usize) -> LinkTarget {
        if depth > 2 {
            return LinkTarget::Other("named destination refers to another name".into());
        }
        match dest {
            Object::Array(array) => self.explicit(array),
            Object::Dictionary(dict) => match get(self.doc, dict, b"D") {
                Some(inner) => self.destination(inner, depth + 1),
                None => LinkTarget::Other("destination dictionary without /D".into()),
            },
            Object::String(name, _) | Object::Name(name) => match self.named(name) {
                Some(found) => self.destination(found, depth + 1),
                None => LinkTarget::Other(format!(
                    "unknown named destination {:?}",
                    String::from_utf8_lossy(name)
                )),
            },
            Object::Reference(_) => match resolve(self.doc, dest) {
                Some(resolved) if !matches!(resolved, Object::Reference(_)) => {
                    self.destination(resolved, depth)
                }
                _ => LinkTarget::Other("dangling destination reference".into()),
            },
            other => LinkTarget::Other(format!("destination of type {}", other.enum_variant())),
        }
    }

    /// `[page /XYZ left top zoom]`, `[page /FitH top]`, ...
    fn explicit(&self, array: &[Object]) -> LinkTarget {
        let page = match array.first() {
            Some(Object::Reference(id)) => self.page_index.get(id).copied(),
            _ => None,
        };
        let Some(index) = page else {
            return LinkTarget::Other("destination does not name a page of this document".into());
        };
        let kind = array.get(1).and_then(|kind| kind.as_name().ok());
        let top = match kind {
            Some(b"XYZ") => array.get(3),
            Some(b"FitH" | b"FitBH") => array.get(2),
            _ => None,
        };
        LinkTarget::Page {
            index,
            y: top.and_then(|y| resolve(self.doc, y)).and_then(number),
        }
    }

    fn named(&self, name: &[u8]) -> Option<&'a Object> {
        let catalog = self.doc.catalog().ok()?;
        get_dict(self.doc, catalog, b"Names")
            .and_then(|names| get_dict(self.doc, names, b"Dests"))
            .and_then(|tree| self.name_tree_lookup(tree, name, 0))
            .or_else(|| get(self.doc, get_dict(self.doc, catalog, b"Dests")?, name))
    }

    /// Searches a name tree node: its `/Names` pairs, then its `/Kids`.
    fn name_tree_lookup(
        &self,
        node: &'a Dictionary,
        key: &[u8],
        depth: usize,
    ) -> Option<&'a Object> {
        if depth > MAX_NAME_TREE_DEPTH {
            return None;
        }
        if let Some(pairs) = get_array(self.doc, node, b"Names") {
            for pair in pairs.chunks_exact(2) {
                if let Some(Object::String(name, _)) = resolve(self.doc, &pair[0])
                    && name.as_slice() == key
                {
                    return resolve(self.doc, &pair[1]);
                }
            }
        }
        get_array(self.doc, node, b"Kids")?
            .iter()
            .filter_map(|kid| resolve(self.doc, kid).and_then(as_dict))
            .find_map(|kid| self.name_tree_lookup(kid, key, depth + 1))
    }
}

/// The link annotations of one page, in `/Annots` order.
pub(crate) fn page_links(
    doc: &Document,
    page: ObjectId,
    destinations: &Destinations<'_>,
) -> Vec<Link> {
    let Ok(page) = doc.get_dictionary(page) else {
        return Vec::new();
    };
    get_array(doc, page, b"Annots")
        .unwrap_or_default()
        .iter()
        .filter_map(|annotation| resolve(doc, annotation).and_then(as_dict))
        .filter(|annotation| get_name(doc, annotation, b"Subtype") == Some(b"Link"))
        .map(|annotation| Link {
            rect: rect(doc, annotation),
            target: destinations.target_of(annotation),
        })
        .collect()
}

fn rect(doc: &Document, annotation: &Dictionary) -> [f32; 4] {
    let corners: Vec<f32> = get_array(doc, annotation, b"Rect")
        .unwrap_or_default()
        .iter()
        .filter_map(|v| resolve(doc, v).and_then(number))
        .collect();
    match corners[..] {
        [x0, y0, x1, y1] => [x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)],
        _ => [0.0; 4],
    }
}
