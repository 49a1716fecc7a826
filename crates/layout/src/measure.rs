//! Typographic quality of a laid-out booklet, read from its frames alone.
//!
//! Line breaking is tuned against these figures (see `TYPOGRAPHY.md`), and
//! a test guards them, so they must be computed the same way whatever
//! changed in layout: from [`LaidOut`], never from layout's internals.
//!
//! A line is the run of text items of one paragraph or list item on one
//! baseline (a raised note marker included). Spaces are drawn as space
//! glyphs whose advance carries the justification, so a word gap is a
//! space glyph's advance in ems of its run; a hyphen added at a line end
//! carries U+00AD as its text. Only body text counts: paragraphs and list
//! items, not headings, tables, notes or furniture.

use crate::frame::{ItemKind, LaidOut, Role, TextRun};

/// How far `run` may cross the left and right edges of its measure by
/// design: punctuation at its ends hangs into the margin (optical margin
/// alignment), and so does a note marker ending a line. A checker allows
/// this much and no more.
pub fn hang_allowance(run: &TextRun) -> (f32, f32) {
    let note_marker = run.text.chars().all(|c| c.is_ascii_digit());
    let hangs = |glyph: Option<&crate::frame::Glyph>| {
        glyph
            .filter(|g| {
                note_marker || !run.text[g.range.clone()].chars().any(char::is_alphanumeric)
            })
            .map_or(0.0, |g| {
                if note_marker {
                    run.width()
                } else {
                    g.x_advance
                }
            })
    };
    (hangs(run.glyphs.first()), hangs(run.glyphs.last()))
}

/// A word gap above this many ems is a loose line: a hole a reader sees.
pub const LOOSE_GAP: f32 = 0.6;

/// What a designer looks at first in a justified booklet.
#[derive(Debug, Clone, PartialEq)]
pub struct Typography {
    /// Justified lines of at least three words that are not the last line
    /// of their paragraph: the lines whose spacing justification chose.
    pub justified_lines: usize,
    /// The widest word gap of each of those lines, in ems, ascending.
    pub gaps: Vec<f32>,
    /// Those lines with a gap over [`LOOSE_GAP`].
    pub loose_lines: usize,
    /// Those lines that end in a hyphen, added or the word's own.
    pub hyphenated: usize,
    /// The most consecutive lines of one paragraph ending in a hyphen.
    pub longest_hyphen_run: usize,
    /// Lines of any paragraph that end a page in a hyphen, the word going
    /// on overleaf.
    pub page_end_hyphens: usize,
    /// The page (its label) with the most white space at the foot among
    /// those whose section goes on overleaf with content that could have
    /// been split (not a figure or a table's caption or row), and that
    /// space as a share of the text area's height.
    pub emptiest_page: Option<(String, f32)>,
}

impl Typography {
    pub fn of(laid: &LaidOut) -> Typography {
        let lines = body_lines(laid);
        let blocks = group_by_block(&lines);
        let mut justified = Vec::new();
        let (mut longest_hyphen_run, mut page_end_hyphens) = (0, 0);
        for block in &blocks {
            let mut run = 0;
            for (n, &l) in block.iter().enumerate() {
                let line = &lines[l];
                run = if line.hyphenated() { run + 1 } else { 0 };
                longest_hyphen_run = longest_hyphen_run.max(run);
                let next = block.get(n + 1).map(|&next| &lines[next]);
                if line.hyphenated() && next.is_some_and(|next| next.page > line.page) {
                    page_end_hyphens += 1;
                }
                if next.is_some() && is_justified(block, &lines) && line.spaces().count() >= 2 {
                    justified.push(line);
                }
            }
        }
        let mut gaps: Vec<f32> = justified.iter().map(|l| l.widest_gap()).collect();
        gaps.sort_by(f32::total_cmp);
        Typography {
            justified_lines: justified.len(),
            loose_lines: gaps.iter().filter(|&&g| g > LOOSE_GAP).count(),
            gaps,
            hyphenated: justified.iter().filter(|l| l.hyphenated()).count(),
            longest_hyphen_run,
            page_end_hyphens,
            emptiest_page: emptiest_page(laid),
        }
    }

    /// The word gap that `share` (0 to 1) of the justified lines do not
    /// exceed (nearest rank), in ems.
    pub fn gap_percentile(&self, share: f32) -> f32 {
        let rank = (share * self.gaps.len() as f32).ceil() as usize;
        self.gaps
            .get(rank.clamp(1, self.gaps.len().max(1)) - 1)
            .copied()
            .unwrap_or(0.0)
    }

    /// Hyphenated lines as a share of the justified lines.
    pub fn hyphenated_share(&self) -> f32 {
        self.hyphenated as f32 / self.justified_lines.max(1) as f32
    }
}

/// One paragraph's (or list item's) text on one baseline of a page.
struct Line<'a> {
    page: usize,
    block: (u32, u32),
    baseline: f32,
    size: f32,
    runs: Vec<&'a TextRun>,
}

impl Line<'_> {
    /// Word spaces: advance and run size of each space glyph.
    fn spaces(&self) -> impl Iterator<Item = (f32, &TextRun)> {
        self.runs.iter().flat_map(|run| {
            run.glyphs
                .iter()
                .filter(|g| run.text.get(g.range.clone()) == Some(" "))
                .map(move |g| (g.x_advance, *run))
        })
    }

    fn widest_gap(&self) -> f32 {
        self.spaces()
            .map(|(advance, run)| advance / run.size)
            .fold(0.0, f32::max)
    }

    fn hyphenated(&self) -> bool {
        self.runs
            .last()
            .is_some_and(|run| run.text.ends_with(['\u{ad}', '-', '\u{2010}']))
    }
}

/// Which paragraph or list item a body text item belongs to, if any.
fn body_block(role: Role) -> Option<(u32, u32)> {
    match role {
        Role::Paragraph(block) => Some((block.0, u32::MAX)),
        Role::ListItem(part) if !part.marker => Some((part.list.0, part.item)),
        _ => None,
    }
}

/// Body lines in reading order. A run joins the line before it when it
/// belongs to the same block and sits within half its size of the line's
/// baseline (a raised note marker does; the next line, a leading away,
/// does not).
fn body_lines(laid: &LaidOut) -> Vec<Line<'_>> {
    let mut lines: Vec<Line> = Vec::new();
    for (page, p) in laid.pages.iter().enumerate() {
        for item in &p.items {
            let (ItemKind::Text(run), Some(block)) = (&item.kind, body_block(item.role)) else {
                continue;
            };
            match lines.last_mut() {
                Some(line)
                    if line.page == page
                        && line.block == block
                        && (item.pos.y - line.baseline).abs() < line.size * 0.5 =>
                {
                    line.runs.push(run);
                }
                _ => lines.push(Line {
                    page,
                    block,
                    baseline: item.pos.y,
                    size: run.size,
                    runs: vec![run],
                }),
            }
        }
    }
    lines
}

/// Line indices of each block, in order.
fn group_by_block(lines: &[Line]) -> Vec<Vec<usize>> {
    let mut blocks: Vec<((u32, u32), Vec<usize>)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match blocks.iter_mut().rev().find(|(key, _)| *key == line.block) {
            Some((_, members)) => members.push(i),
            None => blocks.push((line.block, vec![i])),
        }
    }
    blocks.into_iter().map(|(_, members)| members).collect()
}

/// Whether a block was justified: ragged lines keep the font's own space,
/// so all spaces of one font and size are equal; justification makes them
/// differ from line to line.
fn is_justified(block: &[usize], lines: &[Line]) -> bool {
    let spaces: Vec<(f32, &TextRun)> = block.iter().flat_map(|&l| lines[l].spaces()).collect();
    spaces.iter().any(|(a, run)| {
        spaces.iter().any(|(b, other)| {
            run.font == other.font && run.size == other.size && (a - b).abs() > 0.01
        })
    })
}

/// The page, among those whose section continues on the next page with
/// something that could have been split (not a figure or a table's
/// caption or row; not the padding before the back cover), with the most empty space between its body text and
/// its footnotes (or the foot of the text area). The text area is taken as the span from the
/// highest to the lowest content of any page but the cover.
fn emptiest_page(laid: &LaidOut) -> Option<(String, f32)> {
    let content = |page: &crate::frame::Page| -> Vec<(f32, f32, Role)> {
        page.items
            .iter()
            .filter(|i| i.role != Role::Artifact)
            .filter_map(|i| {
                let (top, bottom) = match &i.kind {
                    ItemKind::Text(run) => (i.pos.y - run.size, i.pos.y),
                    ItemKind::Rect { size, .. } | ItemKind::Image { size, .. } => {
                        (i.pos.y, i.pos.y + size.height)
                    }
                    _ => return None,
                };
                Some((top, bottom, i.role))
            })
            .collect()
    };
    let pages: Vec<Vec<(f32, f32, Role)>> = laid.pages.iter().skip(1).map(content).collect();
    let all = pages.iter().flatten();
    let top = all.clone().map(|c| c.0).fold(f32::INFINITY, f32::min);
    let bottom = all.map(|c| c.1).fold(f32::NEG_INFINITY, f32::max);
    let starts_section =
        |items: &[(f32, f32, Role)]| matches!(items.first(), Some((.., Role::Heading(1, _))));
    // A figure, or a table's caption or row, is never split: a page may
    // have to end early before one.
    let starts_unsplittable = |items: &[(f32, f32, Role)]| {
        matches!(
            items.first(),
            Some((
                ..,
                Role::Figure(_) | Role::Caption(_) | Role::TableCell(_) | Role::TableHeaderCell(_)
            ))
        )
    };
    // The last page is the back cover, or else the end of the last section,
    // and a padding page (ruled for notes, or blank) holds no content:
    // neither is anything a page before it could have held.
    let last = pages.len().saturating_sub(1);
    pages
        .windows(2)
        .enumerate()
        .filter(|(n, pair)| n + 1 < last && !pair[1].is_empty())
        .filter(|(_, pair)| !starts_section(&pair[1]) && !starts_unsplittable(&pair[1]))
        .map(|(n, pair)| {
            let (notes, body): (Vec<&(f32, f32, Role)>, Vec<_>) = pair[0]
                .iter()
                .partition(|c| matches!(c.2, Role::Footnote(_)));
            let floor = notes.iter().map(|c| c.0).fold(bottom, f32::min);
            let end = body.iter().map(|c| c.1).fold(top, f32::max);
            (n, (floor - end).max(0.0) / (bottom - top))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(n, empty)| (laid.pages[n + 1].label.clone(), empty))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use folio_model::theme::Color;

    use super::*;
    use crate::fonts::FontId;
    use crate::frame::{Block, Glyph, Item, Metadata, Page, Point, Size};

    /// A run of `text` at `size`: letters 0.5 em wide, spaces `gap` ems.
    fn run(text: &str, size: f32, gap: f32) -> TextRun {
        TextRun {
            font: FontId(0),
            size,
            fill: Color::BLACK,
            text: text.to_owned(),
            glyphs: text
                .char_indices()
                .map(|(i, c)| Glyph {
                    id: 1,
                    x_advance: size * if c == ' ' { gap } else { 0.5 },
                    x_offset: 0.0,
                    y_offset: 0.0,
                    range: i..i + c.len_utf8(),
                })
                .collect(),
            lang: "en".into(),
        }
    }

    fn text(y: f32, role: Role, run: TextRun) -> Item {
        Item {
            pos: Point::new(50.0, y),
            kind: ItemKind::Text(run),
            role,
        }
    }

    fn booklet(pages: Vec<Vec<Item>>) -> LaidOut {
        LaidOut {
            pages: pages
                .into_iter()
                .enumerate()
                .map(|(n, items)| Page {
                    size: Size::new(400.0, 800.0),
                    label: (n + 1).to_string(),
                    items,
                })
                .collect(),
            outline: vec![],
            meta: Metadata {
                title: String::new(),
                author: String::new(),
                subject: String::new(),
                keywords: vec![],
                lang: "en".into(),
            },
            alt_texts: BTreeMap::new(),
            warnings: vec![],
            errors: vec![],
            fitted: None,
        }
    }

    #[test]
    fn figures_of_a_small_booklet() {
        let justified = Role::Paragraph(Block(1));
        let ragged = Role::Paragraph(Block(2));
        let laid = booklet(vec![
            vec![],
            vec![
                text(100.0, justified, run("one", 10.0, 0.30)),
                // A raised note marker on the same line.
                text(96.0, justified, run("1", 6.0, 0.26)),
                text(100.0, justified, run(" two thr\u{ad}", 10.0, 0.30)),
                text(114.0, justified, run("ee four fi\u{ad}", 10.0, 0.65)),
            ],
            vec![
                text(100.0, justified, run("ve six seven", 10.0, 0.26)),
                text(200.0, ragged, run("ragged text here", 10.0, 0.26)),
                text(700.0, ragged, run("and more", 10.0, 0.26)),
            ],
            vec![text(
                100.0,
                Role::Heading(1, Block(3)),
                run("Next", 10.0, 0.26),
            )],
        ]);
        let found = Typography::of(&laid);
        // The last line of the justified paragraph and the ragged one's
        // lines are not measured.
        assert_eq!(found.justified_lines, 2);
        assert_eq!(found.gaps, vec![0.30, 0.65]);
        assert_eq!(found.gap_percentile(0.5), 0.30);
        assert_eq!(found.gap_percentile(0.95), 0.65);
        assert_eq!(found.loose_lines, 1);
        assert_eq!(found.hyphenated, 2);
        assert_eq!(found.longest_hyphen_run, 2);
        assert_eq!(found.page_end_hyphens, 1);
        // Page 2 ends at 114 pt of a text area from 90 to 700 pt; page 3
        // is followed by a new section.
        let (page, empty) = found.emptiest_page.expect("a mid-section page");
        assert_eq!(page, "2");
        assert!((empty - 586.0 / 610.0).abs() < 1e-4, "{empty}");
    }

    #[test]
    fn a_page_ending_before_what_can_never_split_is_not_counted() {
        let page = |y: f32| vec![text(y, Role::Paragraph(Block(1)), run("a b c", 10.0, 0.3))];
        let mut laid = booklet(vec![
            vec![],
            page(100.0),
            page(100.0),
            page(700.0),
            page(700.0),
        ]);
        // Page 3 opens with a figure: page 2 had to end before it.
        laid.pages[2]
            .items
            .insert(0, text(90.0, Role::Figure(Block(2)), run("x", 10.0, 0.3)));
        let (page, _) = Typography::of(&laid)
            .emptiest_page
            .expect("a mid-section page");
        assert_eq!(page, "3");
    }
}
