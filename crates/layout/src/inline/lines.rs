//! Turns chosen breaks into positioned lines of text runs.
//!
//! Word spaces are drawn as space glyphs whose advance carries the
//! justification, so a PDF reader extracts real spaces; a hyphen added at a
//! line end carries a soft hyphen (U+00AD) as its source text, so copied
//! text and screen readers get the word unbroken.

use super::collect::LinkTo;
use super::elements::{Piece, Prepared, Slot};
use super::knuth_plass::{Break, Element, Mode};
use crate::context::Ctx;
use crate::frame::{Glyph, Item, ItemKind, Point, Role, Size, TextRun};
use crate::style::RunStyle;

/// Horizontal placement of lines that are not justified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Start,
    End,
}

/// A link area not yet resolved to a page, relative to its line.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingLink {
    pub pos: Point,
    pub size: Size,
    pub anchor: String,
}

/// One line of a paragraph. Item positions are relative to the line's
/// top-left corner.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub height: f32,
    pub items: Vec<Item>,
    pub pending_links: Vec<PendingLink>,
    /// Footnotes whose markers are on this line.
    pub footnotes: Vec<usize>,
}

pub struct LineSpec {
    pub measure: f32,
    pub leading: f32,
    /// Baseline distance from the top of the line.
    pub baseline: f32,
    pub mode: Mode,
    pub align: Align,
    pub indent: f32,
    pub role: Role,
    pub lang: String,
}

pub fn build_lines(ctx: &Ctx, prepared: &Prepared, breaks: &[Break], spec: &LineSpec) -> Vec<Line> {
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (n, brk) in breaks.iter().enumerate() {
        let is_last = n + 1 == breaks.len();
        let first = first_of_line(&prepared.elements, start);
        let ratio = if spec.mode == Mode::Justified && !is_last {
            brk.ratio.max(-1.0)
        } else {
            0.0
        };
        let mut line = draw_line(ctx, prepared, first..brk.index, ratio, spec, n == 0);
        if brk.overfull {
            ctx.warn(format!(
                "a line is wider than its measure ({:.0} pt): “{}”",
                spec.measure,
                line_text(prepared, first..brk.index).trim()
            ));
        }
        if let Slot::Hyphen { style } = prepared.slots[brk.index] {
            let x = line_end(&line);
            let hyphen = shaped_text(ctx, style, "-", "\u{ad}");
            push_run(&mut line, spec, x, style, hyphen);
        }
        line.footnotes = prepared
            .text
            .footnotes
            .iter()
            .filter(|(_, offset)| line_covers(prepared, first..brk.index, *offset))
            .map(|(note, _)| *note)
            .collect();
        lines.push(line);
        start = brk.index + 1;
    }
    lines
}

/// The first element drawn on a line starting after a break: glue and
/// penalties at a line start are discarded.
fn first_of_line(elements: &[Element], mut i: usize) -> usize {
    while i < elements.len() && !matches!(elements[i], Element::Box { .. }) {
        if matches!(elements[i], Element::Penalty { cost, .. } if cost <= -super::knuth_plass::INFINITE_PENALTY)
        {
            break;
        }
        i += 1;
    }
    i
}

fn line_covers(prepared: &Prepared, range: std::ops::Range<usize>, offset: usize) -> bool {
    range
        .filter_map(|e| match prepared.slots[e] {
            Slot::Piece(p) => Some(&prepared.pieces[p]),
            _ => None,
        })
        .any(|p| p.range.contains(&offset))
}

fn line_text(prepared: &Prepared, range: std::ops::Range<usize>) -> String {
    range
        .filter_map(|e| match prepared.slots[e] {
            Slot::Piece(p) => Some(prepared.text.text[prepared.pieces[p].range.clone()].to_owned()),
            Slot::Space { .. } => Some(" ".to_owned()),
            _ => None,
        })
        .collect()
}

fn draw_line(
    ctx: &Ctx,
    prepared: &Prepared,
    range: std::ops::Range<usize>,
    ratio: f32,
    spec: &LineSpec,
    first_line: bool,
) -> Line {
    let mut line = Line {
        height: spec.leading,
        ..Line::default()
    };
    let natural: f32 = range
        .clone()
        .map(|e| match prepared.elements[e] {
            Element::Box { width } => width,
            Element::Glue { width, .. } if width.is_finite() => width,
            _ => 0.0,
        })
        .sum();
    let indent = if first_line { spec.indent } else { 0.0 };
    let free = (spec.measure - indent - natural).max(0.0);
    let mut x = indent
        + match (spec.mode, spec.align) {
            (Mode::Ragged, Align::End) => free,
            _ => 0.0,
        };
    let mut link_start: Option<(f32, LinkTo, RunStyle)> = None;
    for e in range {
        let (advance, drawn) = match (prepared.elements[e], prepared.slots[e]) {
            (Element::Box { width }, Slot::Piece(p)) => {
                let piece = &prepared.pieces[p];
                push_run(&mut line, spec, x, piece.style, piece_run(prepared, piece));
                (width, Some(piece))
            }
            (
                Element::Glue {
                    width,
                    stretch,
                    shrink,
                },
                Slot::Space { style },
            ) => {
                let set = width
                    + if ratio >= 0.0 {
                        ratio * stretch
                    } else {
                        ratio * shrink
                    };
                let mut space = shaped_text(ctx, style, " ", " ");
                let count = space.1.len().max(1) as f32;
                space.1.iter_mut().for_each(|g| g.x_advance = set / count);
                push_run(&mut line, spec, x, style, space);
                (set, None)
            }
            _ => (0.0, None),
        };
        // Merge link areas across the pieces and spaces of one link.
        let link = drawn.and_then(|p| p.link.clone().map(|l| (l, p.style)));
        match (&link_start, link) {
            (Some((_, current, _)), Some((next, _))) if *current == next => {}
            (_, next) => {
                if let Some((start, target, style)) = link_start.take() {
                    push_link(&mut line, spec, start, x, target, style);
                }
                link_start = next.map(|(target, style)| (x, target, style));
            }
        }
        x += advance;
        if drawn.is_none()
            && matches!(prepared.slots[e], Slot::Nothing)
            && let Some((start, target, style)) = link_start.take()
        {
            push_link(&mut line, spec, start, x, target, style);
        }
    }
    if let Some((start, target, style)) = link_start.take() {
        push_link(&mut line, spec, start, x, target, style);
    }
    line
}

fn push_link(
    line: &mut Line,
    spec: &LineSpec,
    start: f32,
    end: f32,
    target: LinkTo,
    style: RunStyle,
) {
    let top = spec.baseline - style.rise - style.size * 0.9;
    let size = Size::new(end - start, style.size * 1.15);
    let pos = Point::new(start, top);
    match target {
        LinkTo::Url(url) => line.items.push(Item {
            pos,
            kind: ItemKind::Link {
                size,
                target: crate::frame::LinkTarget::Url(url),
            },
            role: spec.role,
        }),
        LinkTo::Anchor(anchor) => line.pending_links.push(PendingLink { pos, size, anchor }),
    }
}

/// The glyphs of a piece, with ranges made relative to the piece's text.
fn piece_run(prepared: &Prepared, piece: &Piece) -> (String, Vec<Glyph>) {
    let base = piece.range.start;
    let glyphs = piece
        .glyphs
        .iter()
        .map(|g| Glyph {
            range: g.range.start - base..g.range.end - base,
            ..g.clone()
        })
        .collect();
    (prepared.text.text[piece.range.clone()].to_owned(), glyphs)
}

/// Shapes `drawn` and labels the glyphs with `source` as their text.
fn shaped_text(ctx: &Ctx, style: RunStyle, drawn: &str, source: &str) -> (String, Vec<Glyph>) {
    let runs = ctx.shaper.shape(ctx.book, style.font, drawn);
    let scale = style.size / ctx.book.face(style.font).units_per_em;
    let glyphs = runs
        .iter()
        .flat_map(|r| r.glyphs.iter())
        .map(|g| Glyph {
            id: g.id,
            x_advance: g.x_advance as f32 * scale,
            x_offset: g.x_offset as f32 * scale,
            y_offset: g.y_offset as f32 * scale,
            range: 0..source.len(),
        })
        .collect();
    (source.to_owned(), glyphs)
}

fn line_end(line: &Line) -> f32 {
    line.items
        .iter()
        .filter_map(|item| match &item.kind {
            ItemKind::Text(run) => Some(item.pos.x + run.width()),
            _ => None,
        })
        .fold(0.0, f32::max)
}

/// Appends glyphs at `x`, extending the previous run when its style and
/// position continue, so a line is a handful of runs, not one per word.
fn push_run(
    line: &mut Line,
    spec: &LineSpec,
    x: f32,
    style: RunStyle,
    (text, glyphs): (String, Vec<Glyph>),
) {
    let y = spec.baseline - style.rise;
    if let Some(Item {
        pos,
        kind: ItemKind::Text(run),
        ..
    }) = line.items.last_mut()
        && run.font == style.font
        && run.size == style.size
        && run.fill == style.color
        && pos.y == y
        && (pos.x + run.width() - x).abs() < 0.01
    {
        let base = run.text.len();
        run.text.push_str(&text);
        run.glyphs.extend(glyphs.into_iter().map(|g| Glyph {
            range: g.range.start + base..g.range.end + base,
            ..g
        }));
        return;
    }
    line.items.push(Item {
        pos: Point::new(x, y),
        kind: ItemKind::Text(TextRun {
            font: style.font,
            size: style.size,
            fill: style.color,
            text,
            glyphs,
            lang: spec.lang.clone(),
        }),
        role: spec.role,
    });
}
