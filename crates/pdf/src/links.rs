//! Link areas as PDF link annotations, and destinations in the document.
//!
//! Links are not content: they are annotations listed on the page, over the
//! text layout drew for them.

use folio_layout::frame::{ItemKind, LinkTarget, Location, Page, Point, Size};
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::destination::XyzDestination;
use krilla::geom::{self, Rect};

use crate::{ErrorKind, PdfError};

/// A destination showing `location` at the top-left of the window, at the
/// reader's current zoom, on pages whose trim starts at `origin` (print
/// sets pages on larger sheets); `None` if the document has fewer than
/// `location.page + 1` of its `pages` (krilla would panic on writing it).
pub(crate) fn destination(
    location: Location,
    pages: usize,
    origin: Point,
) -> Option<XyzDestination> {
    (location.page < pages).then(|| {
        XyzDestination::new(
            location.page,
            geom::Point::from_xy(origin.x + location.pos.x, origin.y + location.pos.y),
        )
    })
}

/// A link item of a page.
pub(crate) struct Link<'a> {
    /// The page the link is on, and its index.
    pub(crate) page: &'a Page,
    pub(crate) index: usize,
    /// The clickable area's top-left corner and size.
    pub(crate) pos: Point,
    pub(crate) size: Size,
    pub(crate) target: &'a LinkTarget,
}

impl Link<'_> {
    /// The link's annotation, for a document of `pages` pages; `None` for an
    /// empty area, which nobody could click.
    pub(crate) fn annotation(&self, pages: usize) -> Result<Option<Annotation>, PdfError> {
        let Some(area) = Rect::from_xywh(self.pos.x, self.pos.y, self.size.width, self.size.height)
        else {
            return Ok(None);
        };
        let target = match self.target {
            LinkTarget::Internal(location) => {
                let destination =
                    destination(*location, pages, Point::default()).ok_or_else(|| {
                        PdfError::new(ErrorKind::LinkTarget {
                            page: self.index,
                            target: location.page,
                            pages,
                        })
                    })?;
                Target::Destination(destination.into())
            }
            LinkTarget::Url(url) => Target::Action(LinkAction::new(url.clone()).into()),
        };
        // The annotation's /Contents: what assistive technology announces
        // for the link. The text under the link says what it is; a URL with
        // no text (a linked image) is described by the URL itself.
        let text = self.visible_text(area);
        let description = match self.target {
            _ if !text.is_empty() => Some(text),
            LinkTarget::Url(url) => Some(url.clone()),
            LinkTarget::Internal(_) => None,
        };
        Ok(Some(Annotation::new_link(
            LinkAnnotation::new(area, target),
            description,
        )))
    }

    /// The text drawn in `area`, as a reader sees it: the glyphs whose
    /// baseline is inside the area and whose middle is inside it across.
    /// Runs set apart (words set separately, lines) are joined with a space,
    /// runs set edge to edge (a change of style inside a word) are not.
    fn visible_text(&self, area: Rect) -> String {
        let mut text = String::new();
        // Where the last glyph taken ends, and the font size it was set at.
        let mut pen: Option<(Point, f32)> = None;
        for item in &self.page.items {
            let ItemKind::Text(run) = &item.kind else {
                continue;
            };
            if !(area.top()..=area.bottom()).contains(&item.pos.y) {
                continue;
            }
            let mut x = item.pos.x;
            let mut cluster = None;
            for glyph in &run.glyphs {
                let start = x;
                x += glyph.x_advance;
                let middle = start + glyph.x_offset + glyph.x_advance / 2.0;
                if !(area.left()..=area.right()).contains(&middle) {
                    continue;
                }
                let apart = |(end, size): (Point, f32)| {
                    end.y != item.pos.y || (end.x - start).abs() > 0.1 * size.max(run.size)
                };
                if pen.is_some_and(apart) {
                    text.push(' ');
                }
                pen = Some((Point::new(x, item.pos.y), run.size));
                // The glyphs of a cluster (a letter and its accent) share
                // one range: take its text once.
                if cluster != Some(&glyph.range) {
                    text.push_str(run.text.get(glyph.range.clone()).unwrap_or_default());
                    cluster = Some(&glyph.range);
                }
            }
        }
        // Soft hyphens (line-end hyphens' source text) are not read out.
        text.replace('\u{ad}', "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use folio_layout::fonts::FontId;
    use folio_layout::frame::{Block, Glyph, Item, Role, TextRun};
    use folio_model::theme::Color;

    use super::*;

    /// A run of `text` with one glyph per character, each 5pt wide.
    fn word(x: f32, y: f32, text: &str) -> Item {
        let glyphs = text
            .char_indices()
            .map(|(i, c)| Glyph {
                id: 1,
                x_advance: 5.0,
                x_offset: 0.0,
                y_offset: 0.0,
                range: i..i + c.len_utf8(),
            })
            .collect();
        let run = TextRun {
            font: FontId(0),
            size: 10.0,
            fill: Color::BLACK,
            text: text.to_string(),
            glyphs,
            lang: "en".to_string(),
        };
        Item {
            pos: Point::new(x, y),
            kind: ItemKind::Text(run),
            role: Role::Paragraph(Block(0)),
        }
    }

    fn text_in(items: Vec<Item>, x: f32, y: f32, width: f32, height: f32) -> String {
        let page = Page {
            size: Size::new(200.0, 200.0),
            label: "1".into(),
            items,
        };
        let target = LinkTarget::Url("https://example.org".into());
        let link = Link {
            page: &page,
            index: 0,
            pos: Point::new(x, y),
            size: Size::new(width, height),
            target: &target,
        };
        link.visible_text(Rect::from_xywh(x, y, width, height).unwrap())
    }

    #[test]
    fn takes_the_glyphs_under_the_link() {
        // "see page 3" with the link on "page 3" only.
        let items = vec![word(10.0, 20.0, "see page 3")];
        assert_eq!(text_in(items, 30.0, 10.0, 30.0, 12.0), "page 3");
    }

    #[test]
    fn joins_words_set_apart_and_runs_set_edge_to_edge() {
        let items = vec![
            word(10.0, 20.0, "Fo"),
            // A change of style inside the word, right where "Fo" ends.
            word(20.0, 20.0, "lio"),
            // The next word after a justified space.
            word(41.0, 20.0, "booklet"),
            // Another line.
            word(10.0, 80.0, "elsewhere"),
        ];
        assert_eq!(text_in(items, 0.0, 10.0, 150.0, 12.0), "Folio booklet");
    }

    #[test]
    fn leaves_out_soft_hyphens() {
        let items = vec![word(10.0, 20.0, "book\u{ad}")];
        assert_eq!(text_in(items, 0.0, 10.0, 150.0, 12.0), "book");
    }

    #[test]
    fn takes_a_cluster_once() {
        let mut item = word(10.0, 20.0, "e\u{301}");
        let ItemKind::Text(run) = &mut item.kind else {
            unreachable!()
        };
        for glyph in &mut run.glyphs {
            glyph.range = 0..3;
        }
        assert_eq!(text_in(vec![item], 0.0, 10.0, 50.0, 12.0), "e\u{301}");
    }
}
