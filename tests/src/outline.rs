//! The document outline (bookmarks), flattened in reading order.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::links::{Destinations, LinkTarget};
use crate::objects::{as_dict, get, get_dict, text_string};

/// One bookmark. A flat list with depths is easy to compare against an
/// expected table of contents in a single `assert_eq!`.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    /// 0 for top-level entries.
    pub depth: usize,
    pub title: String,
    /// The page the entry jumps to, if it resolves to one in this document.
    pub page: Option<usize>,
}

/// Nesting deeper than this is treated as corrupt; headings go ~6 deep.
const MAX_DEPTH: usize = 64;

pub(crate) fn outline(doc: &Document, destinations: &Destinations<'_>) -> Vec<OutlineEntry> {
    let mut walk = Walk {
        doc,
        destinations,
        seen: HashSet::new(),
        entries: Vec::new(),
    };
    if let Some(root) = doc
        .catalog()
        .ok()
        .and_then(|c| get_dict(doc, c, b"Outlines"))
    {
        walk.children(root, 0);
    }
    walk.entries
}

struct Walk<'a, 'd> {
    doc: &'a Document,
    destinations: &'a Destinations<'d>,
    /// Items already visited: a `/Next` or `/First` cycle ends the walk.
    seen: HashSet<ObjectId>,
    entries: Vec<OutlineEntry>,
}

impl Walk<'_, '_> {
    fn children(&mut self, parent: &Dictionary, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let mut next = parent.get(b"First").ok();
        while let Some(&Object::Reference(id)) = next {
            if !self.seen.insert(id) {
                return;
            }
            let Some(item) = self.doc.get_object(id).ok().and_then(as_dict) else {
                return;
            };
            let page = match self.destinations.target_of(item) {
                LinkTarget::Page { index, .. } => Some(index),
                _ => None,
            };
            self.entries.push(OutlineEntry {
                depth,
                title: get(self.doc, item, b"Title")
                    .and_then(text_string)
                    .unwrap_or_default(),
                page,
            });
            self.children(item, depth + 1);
            next = item.get(b"Next").ok();
        }
    }
}
