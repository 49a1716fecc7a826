//! The PDF outline (bookmarks) from layout's flat list of headings.

use folio_layout::frame::{OutlineEntry, Point};
use krilla::outline::{Outline, OutlineNode};

use crate::links::destination;
use crate::{ErrorKind, PdfError};

/// The outline of a document of `pages` pages whose trims start at
/// `origin`. Each entry nests under the
/// closest earlier entry of a lower level, so a level 3 straight after a
/// level 1 becomes the level 1's child rather than being dropped. Every node
/// starts open: a booklet's outline is short enough to show whole.
pub(crate) fn outline(
    entries: &[OutlineEntry],
    pages: usize,
    origin: Point,
) -> Result<Outline, PdfError> {
    let mut outline = Outline::new();
    // The chain of nodes the next entry may nest under, outermost first,
    // with their levels. A node joins its parent once no later entry can
    // nest under it any more.
    let mut open: Vec<(u8, OutlineNode)> = Vec::new();
    for entry in entries {
        let destination = destination(entry.target, pages, origin).ok_or_else(|| {
            PdfError::new(ErrorKind::BookmarkTarget {
                title: entry.title.clone(),
                target: entry.target.page,
                pages,
            })
        })?;
        close(&mut open, &mut outline, entry.level);
        open.push((
            entry.level,
            OutlineNode::new(entry.title.clone(), destination).with_open(true),
        ));
    }
    close(&mut open, &mut outline, 0);
    Ok(outline)
}

/// Attach each open node of `level` or deeper to its parent (the node before
/// it in `open`, or the outline itself).
fn close(open: &mut Vec<(u8, OutlineNode)>, outline: &mut Outline, level: u8) {
    while open.last().is_some_and(|(deepest, _)| *deepest >= level) {
        let Some((_, node)) = open.pop() else { return };
        match open.last_mut() {
            Some((_, parent)) => parent.push_child(node),
            None => outline.push_child(node),
        }
    }
}
