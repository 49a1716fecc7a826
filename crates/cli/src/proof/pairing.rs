//! Which pages of one edition hold the same content as a page of another,
//! for reviewing a translation beside its original.
//!
//! Page numbers cannot say it (a translation runs longer and its sections
//! start later), nor can the PDFs without guessing. The layouts can: every
//! item carries the structure element it belongs to, and elements are
//! numbered in the order of the document, which is the same in every
//! language (a translation changes strings, never the blocks), so the same
//! id is the same paragraph, heading or table row in both.

use std::collections::BTreeSet;

use folio_layout::frame::{Block, LaidOut, Page, Role};

/// A piece of content that can be found in both editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Content {
    Block(Block),
    /// A table row: long tables run over pages row by row.
    Row(Block, u32),
}

/// For each page of `edition`, the pages of `other` (0-based, in order)
/// that hold some of its content; none for a page of furniture alone.
pub fn pair_pages(edition: &LaidOut, other: &LaidOut) -> Vec<Vec<usize>> {
    let theirs: Vec<BTreeSet<Content>> = other.pages.iter().map(contents).collect();
    edition
        .pages
        .iter()
        .map(|page| {
            let ours = contents(page);
            theirs
                .iter()
                .enumerate()
                .filter(|(_, content)| !content.is_disjoint(&ours))
                .map(|(index, _)| index)
                .collect()
        })
        .collect()
}

fn contents(page: &Page) -> BTreeSet<Content> {
    page.items
        .iter()
        .filter_map(|item| match item.role {
            Role::Artifact | Role::Symbol(_) => None,
            Role::Heading(_, block)
            | Role::Paragraph(block)
            | Role::Caption(block)
            | Role::Figure(block)
            | Role::Footnote(block)
            | Role::Endnote(block)
            | Role::TocEntry(block) => Some(Content::Block(block)),
            Role::ListItem(part) => Some(Content::Block(part.list)),
            Role::TableHeaderCell(cell) | Role::TableCell(cell) => {
                Some(Content::Row(cell.table, cell.row))
            }
        })
        .collect()
}

/// Facing pages as a reader sees them: the first page alone (a right-hand
/// page, the cover), then two by two; each spread's pages in reading order.
pub fn spreads(pages: usize) -> Vec<Vec<usize>> {
    let mut spreads = vec![];
    if pages > 0 {
        spreads.push(vec![0]);
    }
    let mut first = 1;
    while first < pages {
        spreads.push((first..(first + 2).min(pages)).collect());
        first += 2;
    }
    spreads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cover_stands_alone_then_two_by_two() {
        assert_eq!(spreads(0), Vec::<Vec<usize>>::new());
        assert_eq!(spreads(4), [vec![0], vec![1, 2], vec![3]]);
        assert_eq!(spreads(5), [vec![0], vec![1, 2], vec![3, 4]]);
    }
}
