//! The structure tree of the screen PDF, built from layout's roles.
//!
//! Pages are drawn in reading order, and every piece of content drawn that
//! is not an artifact is reported here with its [`Role`]. Roles carry the
//! ids of the elements they belong to, so pieces of one paragraph spread
//! over lines, chunks and pages gather into one element again, and list
//! items and table cells find their list, row and table. Elements are placed
//! in the tree where their first piece appears, so the tree's order is the
//! reading order: a paragraph that continues on the next page stays one
//! element, followed by the footnote set at the foot of its first page.
//!
//! The tree, in PDF/UA terms:
//!
//! - headings `H1`–`H3`, never skipping a level (a box's title is set like a
//!   minor heading wherever the box is; it is tagged one level below the
//!   heading before it when that is shallower);
//! - `P`; `L` > `LI` > `Lbl` + `LBody`, the list's numbering read from its
//!   first label;
//! - `Table` > (`Caption`), `TR` > `TH` (column headers) / `TD`;
//! - `Figure` with its text alternative, its caption a sibling before it (a
//!   figure's alternative replaces everything inside it);
//! - `Note` for footnotes and endnotes; `TOC` > `TOCI` for the contents;
//! - `Link` around the text of each link, with its annotation.

use std::collections::{BTreeMap, HashMap};
use std::num::NonZeroU16;

use folio_layout::frame::{Block, CellPos, Role};
use krilla::tagging::{
    Identifier, ListNumbering, Node, TableHeaderScope, Tag, TagGroup, TagKind, TagTree,
};

/// A link: the page it is on and its number among the page's links.
pub(crate) type LinkId = (usize, usize);

/// What identifies an element while the tree is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Block(Block),
    Caption(Block),
    Contents,
    List(Block),
    Item(Block, u32),
    Label(Block, u32),
    Body(Block, u32),
    Table(Block),
    Row(Block, u32),
    Cell(CellPos),
    Link(LinkId),
    /// A paragraph for a symbol found outside any element.
    Loose(usize),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Heading(u8),
    Paragraph,
    Caption,
    Figure(Block),
    Note,
    Contents,
    ContentsEntry,
    List,
    ListItem,
    Label,
    Body,
    Table,
    Row,
    HeaderCell,
    Cell,
    Link,
}

#[derive(Debug)]
enum Child {
    Element(usize),
    Content(Identifier),
}

#[derive(Debug)]
struct Element {
    kind: Kind,
    children: Vec<Child>,
    /// The text of the element's own content, for headings' titles and
    /// lists' labels.
    text: String,
}

/// Collects content into structure elements.
pub(crate) struct Tagger<'a> {
    alt_texts: &'a BTreeMap<Block, String>,
    elements: Vec<Element>,
    roots: Vec<usize>,
    keys: HashMap<Key, usize>,
    /// The element content went into last: a symbol belongs to it, and so
    /// does a link found on no text.
    last: Option<usize>,
}

impl<'a> Tagger<'a> {
    /// A tagger for a document whose figures' text alternatives are
    /// `alt_texts`.
    pub(crate) fn new(alt_texts: &'a BTreeMap<Block, String>) -> Self {
        Tagger {
            alt_texts,
            elements: Vec::new(),
            roots: Vec::new(),
            keys: HashMap::new(),
            last: None,
        }
    }

    /// Content `id` drawn for an item of `role`, showing `text`, inside the
    /// area of `link` if any. Artifacts are not part of the tree.
    pub(crate) fn content(&mut self, role: Role, id: Identifier, text: &str, link: Option<LinkId>) {
        let Some(leaf) = self.leaf(role) else {
            return;
        };
        self.last = Some(leaf);
        let own = &mut self.elements[leaf].text;
        own.push(' ');
        own.push_str(text);
        let target = match link {
            Some(link) => self.element(Key::Link(link), Kind::Link, Some(leaf)),
            None => leaf,
        };
        self.elements[target].children.push(Child::Content(id));
    }

    /// The annotation `id` of `link`: first in its `Link` element, or in a
    /// `Link` of its own after the last content if no text lies under it.
    pub(crate) fn annotation(&mut self, link: LinkId, id: Identifier) {
        let element = self.element(Key::Link(link), Kind::Link, self.last);
        self.elements[element]
            .children
            .insert(0, Child::Content(id));
    }

    /// The tree, in reading order.
    pub(crate) fn finish(self, lang: &str) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some(lang.to_owned()));
        let mut level = 0;
        for &root in &self.roots {
            if let Kind::Heading(wanted) = self.elements[root].kind {
                level = wanted.min(level + 1);
            }
            tree.push(self.group(root, level));
        }
        tree
    }

    /// The element `index` as a tag group; `level` is the heading level it
    /// gets if it is a heading.
    fn group(&self, index: usize, level: u8) -> TagGroup {
        let element = &self.elements[index];
        let tag: TagKind = match element.kind {
            Kind::Heading(_) => {
                let level = NonZeroU16::new(level.into()).unwrap_or(NonZeroU16::MIN);
                Tag::Hn(level, Some(plain(&element.text))).into()
            }
            Kind::Paragraph => Tag::P.into(),
            Kind::Caption => Tag::Caption.into(),
            Kind::Figure(block) => Tag::Figure(self.alt_texts.get(&block).cloned()).into(),
            Kind::Note => Tag::Note.into(),
            Kind::Contents => Tag::TOC.into(),
            Kind::ContentsEntry => Tag::TOCI.into(),
            Kind::List => Tag::L(self.numbering(element)).into(),
            Kind::ListItem => Tag::LI.into(),
            Kind::Label => Tag::Lbl.into(),
            Kind::Body => Tag::LBody.into(),
            Kind::Table => Tag::Table.into(),
            Kind::Row => Tag::TR.into(),
            Kind::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
            Kind::Cell => Tag::TD.into(),
            Kind::Link => Tag::Link.into(),
        };
        let children = element
            .children
            .iter()
            .map(|child| match child {
                Child::Element(child) => Node::Group(self.group(*child, level)),
                Child::Content(id) => Node::Leaf(*id),
            })
            .collect();
        TagGroup::with_children(tag, children)
    }

    /// A list's numbering, from the label of its first item.
    fn numbering(&self, list: &Element) -> ListNumbering {
        let label = list.children.iter().find_map(|child| match child {
            Child::Element(item) => self.elements[*item].children.iter().find_map(|c| match c {
                Child::Element(label) if self.elements[*label].kind == Kind::Label => {
                    Some(self.elements[*label].text.as_str())
                }
                _ => None,
            }),
            Child::Content(_) => None,
        });
        numbering(label.unwrap_or_default())
    }

    /// The element that content of `role` goes into, made (with its
    /// ancestors) on first use; `None` for artifacts.
    fn leaf(&mut self, role: Role) -> Option<usize> {
        let leaf = match role {
            Role::Artifact => return None,
            Role::Heading(level, block) => {
                self.element(Key::Block(block), Kind::Heading(level), None)
            }
            Role::Paragraph(block) => self.element(Key::Block(block), Kind::Paragraph, None),
            Role::Caption(block) => {
                let parent = match self.alt_texts.contains_key(&block) {
                    // A figure's alternative replaces its content: its
                    // caption is read before it, as a sibling.
                    true => None,
                    false => Some(self.element(Key::Table(block), Kind::Table, None)),
                };
                self.element(Key::Caption(block), Kind::Caption, parent)
            }
            Role::Figure(block) => self.element(Key::Block(block), Kind::Figure(block), None),
            Role::Footnote(block) | Role::Endnote(block) => {
                self.element(Key::Block(block), Kind::Note, None)
            }
            Role::TocEntry(block) => {
                let contents = self.element(Key::Contents, Kind::Contents, None);
                self.element(Key::Block(block), Kind::ContentsEntry, Some(contents))
            }
            Role::ListItem(part) => {
                let list = self.element(Key::List(part.list), Kind::List, None);
                let item =
                    self.element(Key::Item(part.list, part.item), Kind::ListItem, Some(list));
                match part.marker {
                    true => self.element(Key::Label(part.list, part.item), Kind::Label, Some(item)),
                    false => self.element(Key::Body(part.list, part.item), Kind::Body, Some(item)),
                }
            }
            Role::TableHeaderCell(cell) | Role::TableCell(cell) => {
                let table = self.element(Key::Table(cell.table), Kind::Table, None);
                let row = self.element(Key::Row(cell.table, cell.row), Kind::Row, Some(table));
                let kind = match role {
                    Role::TableHeaderCell(_) => Kind::HeaderCell,
                    _ => Kind::Cell,
                };
                self.element(Key::Cell(cell), kind, Some(row))
            }
            Role::Symbol(_) => match self.last {
                Some(last) => last,
                None => self.element(Key::Loose(self.elements.len()), Kind::Paragraph, None),
            },
        };
        Some(leaf)
    }

    /// The element of `key`, made as the last child of `parent` (or of the
    /// root) if it does not exist yet.
    fn element(&mut self, key: Key, kind: Kind, parent: Option<usize>) -> usize {
        if let Some(&index) = self.keys.get(&key) {
            return index;
        }
        let index = self.elements.len();
        self.elements.push(Element {
            kind,
            children: Vec::new(),
            text: String::new(),
        });
        self.keys.insert(key, index);
        match parent {
            Some(parent) => self.elements[parent].children.push(Child::Element(index)),
            None => self.roots.push(index),
        }
        index
    }
}

/// Text as it reads: soft hyphens (line-end hyphenation) removed, spaces
/// collapsed.
fn plain(text: &str) -> String {
    text.replace('\u{ad}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The numbering a list label shows: "•" a disc, "iii." lower-case roman,
/// "2)" decimal, and so on.
fn numbering(label: &str) -> ListNumbering {
    let label = label.trim().trim_end_matches(['.', ')']);
    let all = |set: &str| !label.is_empty() && label.chars().all(|c| set.contains(c));
    match label {
        "•" | "●" => ListNumbering::Disc,
        "◦" | "○" => ListNumbering::Circle,
        "▪" | "■" => ListNumbering::Square,
        _ if all("0123456789") => ListNumbering::Decimal,
        _ if all("ivxlcdm") => ListNumbering::LowerRoman,
        _ if all("IVXLCDM") => ListNumbering::UpperRoman,
        _ if label.chars().count() == 1 && label.chars().all(|c| c.is_lowercase()) => {
            ListNumbering::LowerAlpha
        }
        _ if label.chars().count() == 1 && label.chars().all(|c| c.is_uppercase()) => {
            ListNumbering::UpperAlpha
        }
        _ => ListNumbering::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_tell_the_numbering() {
        assert_eq!(numbering("•"), ListNumbering::Disc);
        assert_eq!(numbering("iii."), ListNumbering::LowerRoman);
        assert_eq!(numbering("IV"), ListNumbering::UpperRoman);
        assert_eq!(numbering("12."), ListNumbering::Decimal);
        assert_eq!(numbering("b)"), ListNumbering::LowerAlpha);
        assert_eq!(numbering(""), ListNumbering::None);
        assert_eq!(numbering("Note"), ListNumbering::None);
    }

    #[test]
    fn plain_text_reads_as_one_line() {
        assert_eq!(
            plain(" USA  COUNTRY\u{ad} PROGRESS "),
            "USA COUNTRY PROGRESS"
        );
    }
}
