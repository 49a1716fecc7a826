//! Turns chosen breaks into positioned lines of text runs.
//!
//! A line's parts (pieces, spaces, a final hyphen) are taken in logical
//! order, placed in visual order (bidi rule L2), and drawn as text runs in
//! logical order, so the content stream reads in logical order while glyphs
//! land where they are seen. A right-to-left run keeps its logical text and
//! lists its glyphs left to right, as PDF readers expect; see
//! [`split_clusters`] for how it is cut so the PDF says so.
//!
//! Word spaces are drawn as space glyphs whose advance carries the
//! justification, so a PDF reader extracts real spaces; a hyphen added at a
//! line end carries a soft hyphen (U+00AD) as its source text, so copied
//! text and screen readers get the word unbroken.

use std::ops::Range;

use unicode_bidi::Level;

use super::bidi::visual_order;
use super::collect::LinkTo;
use super::elements::{Piece, Prepared, Slot};
use super::knuth_plass::{AWFUL_BADNESS, Break, Element, Mode, adjustment_ratio};
use super::protrusion::{self, Hangs};
use super::tracking;
use crate::context::Ctx;
use crate::frame::{Glyph, Item, ItemKind, Point, Role, Size, TextRun};
use crate::style::RunStyle;

/// Horizontal placement of lines that are not justified, relative to the
/// paragraph's direction: `Start` is the left edge of left-to-right text
/// and the right edge of right-to-left text.
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
    /// The line's text when it is wider than its measure, for a warning
    /// that names where the text came from (see `flow::line_chunks`).
    pub overfull: Option<String>,
    /// The line ends in a hyphen added at a hyphenation point.
    pub hyphenated: bool,
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
        let ratio = match spec.mode {
            // The last line keeps its natural spacing, unless it is too
            // long for the measure: then its spaces shrink, as the breaker
            // counted on when it chose the break.
            Mode::Justified if is_last => brk.ratio.clamp(-1.0, 0.0),
            Mode::Justified => brk.ratio.max(-1.0),
            Mode::Ragged => 0.0,
        };
        let hyphen = match prepared.slots[brk.index] {
            Slot::Hyphen { style } => Some(style),
            _ => None,
        };
        let hyphenated = hyphen.is_some();
        // The line's pieces, and a hyphen added at the break.
        let line_parts = |ratio: f32| {
            let mut parts = parts(ctx, prepared, first..brk.index, ratio);
            if let Some(style) = hyphen {
                let level = parts.last().map_or(Level::ltr(), |p| p.level);
                parts.push(Part::drawn(
                    shaped_text(ctx, style, "-", "\u{ad}"),
                    style,
                    level,
                    None,
                ));
            }
            parts
        };
        let mut ratio = ratio;
        let mut parts = line_parts(ratio);
        let edges = FlushEdges::of(spec, is_last);
        let hangs = hangs(&parts, edges);
        // A justified line that hangs is justified to the measure plus its
        // hangs, so its letters, not its punctuation, meet the margins.
        if edges.end && spec.mode == Mode::Justified && hangs.total() > 0.0 {
            let indent = if n == 0 { spec.indent } else { 0.0 };
            let hyphen_width = parts.last().filter(|_| hyphenated).map_or(0.0, |p| p.width);
            let wanted = spec.measure - indent + hangs.total();
            if let Some(hanging) =
                ratio_for(&prepared.elements[first..brk.index], hyphen_width, wanted)
            {
                ratio = hanging;
                parts = line_parts(ratio);
            }
        }
        if spec.mode == Mode::Justified {
            track_if_loose(
                &mut parts,
                ratio,
                &prepared.elements[first..brk.index],
                &line_parts,
            );
        }
        let rtl = prepared.levels.rtl;
        // The flush edge on the left is the start in left-to-right text.
        let shift = match (spec.mode, spec.align, rtl) {
            (Mode::Justified, _, false) | (Mode::Ragged, Align::Start, false) => -hangs.start,
            (Mode::Justified, _, true) => -hangs.end,
            (Mode::Ragged, Align::Start, true) => hangs.start,
            (Mode::Ragged, Align::End, false) => hangs.end,
            (Mode::Ragged, Align::End, true) => -hangs.end,
        };
        let mut line = draw_line(prepared, &mut parts, spec, n == 0, hyphenated, shift);
        if brk.overfull {
            line.overfull = Some(line_text(prepared, first..brk.index).trim().to_owned());
        }
        line.hyphenated = hyphenated;
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

/// Gives a loose line's letters part of its slack (see [`tracking`]): the
/// parts are set again at the ratio left for the spaces, and every glyph of
/// a word but its last takes the letter spacing, so the line keeps its
/// width and the gaps between words stay what their spaces say.
fn track_if_loose(
    parts: &mut Vec<Part>,
    ratio: f32,
    elements: &[Element],
    line_parts: &impl Fn(f32) -> Vec<Part>,
) {
    let spaced = |p: &Part| {
        p.style.is_some_and(|s| s.rise == 0.0)
            && p.glyphs
                .as_ref()
                .is_some_and(|(text, glyphs)| text != " " && glyphs.len() > 1)
    };
    if parts.iter().any(|p| {
        p.glyphs
            .as_ref()
            .is_some_and(|(text, _)| !tracking::may_space(text))
    }) {
        return;
    }
    let stretch: f32 = elements
        .iter()
        .map(|e| match e {
            Element::Glue { stretch, .. } => *stretch,
            _ => 0.0,
        })
        .sum();
    let letters: f32 = parts
        .iter()
        .filter(|p| spaced(p))
        .map(|p| {
            let size = p.style.map_or(0.0, |s| s.size);
            let glyphs = p.glyphs.as_ref().map_or(0, |(_, g)| g.len());
            size * (glyphs - 1) as f32
        })
        .sum();
    let Some((tracking, ratio)) = tracking::share(ratio, stretch, letters) else {
        return;
    };
    *parts = line_parts(ratio);
    for part in parts.iter_mut().filter(|p| spaced(p)) {
        let extra = tracking * part.style.map_or(0.0, |s| s.size);
        if let Some((_, glyphs)) = &mut part.glyphs {
            let last = glyphs.len() - 1;
            glyphs[..last].iter_mut().for_each(|g| g.x_advance += extra);
            part.width += extra * last as f32;
        }
    }
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

fn line_covers(prepared: &Prepared, range: Range<usize>, offset: usize) -> bool {
    range
        .filter_map(|e| match prepared.slots[e] {
            Slot::Piece(p) => Some(&prepared.pieces[p]),
            _ => None,
        })
        .any(|p| p.range.contains(&offset))
}

fn line_text(prepared: &Prepared, range: Range<usize>) -> String {
    range
        .filter_map(|e| match prepared.slots[e] {
            Slot::Piece(p) => Some(prepared.text.text[prepared.pieces[p].range.clone()].to_owned()),
            Slot::Space { .. } => Some(" ".to_owned()),
            _ => None,
        })
        .collect()
}

/// Something on a line, in logical order: a run of glyphs to draw, or
/// space that draws nothing.
struct Part {
    /// Source text and glyphs, ranges relative to the text; `None` for
    /// space that draws nothing (glue between ideographs, or an element
    /// that only ends a link).
    glyphs: Option<(String, Vec<Glyph>)>,
    style: Option<RunStyle>,
    width: f32,
    level: Level,
    link: Option<LinkTo>,
    /// Left edge, set once the line is placed.
    x: f32,
}

impl Part {
    fn drawn(
        (text, glyphs): (String, Vec<Glyph>),
        style: RunStyle,
        level: Level,
        link: Option<LinkTo>,
    ) -> Part {
        Part {
            width: glyphs.iter().map(|g| g.x_advance).sum(),
            glyphs: Some((text, glyphs)),
            style: Some(style),
            level,
            link,
            x: 0.0,
        }
    }

    fn blank(width: f32, level: Level) -> Part {
        Part {
            glyphs: None,
            style: None,
            width,
            level,
            link: None,
            x: 0.0,
        }
    }
}

/// The parts of elements `range`, with glue set at `ratio`.
fn parts(ctx: &Ctx, prepared: &Prepared, range: Range<usize>, ratio: f32) -> Vec<Part> {
    let set = |width: f32, stretch: f32, shrink: f32| {
        width
            + if ratio >= 0.0 {
                ratio * stretch
            } else {
                ratio * shrink
            }
    };
    let mut parts: Vec<Part> = Vec::with_capacity(range.len());
    for e in range {
        let part = match (prepared.elements[e], prepared.slots[e]) {
            (Element::Box { width }, Slot::Piece(p)) => {
                let piece = &prepared.pieces[p];
                Part {
                    width,
                    ..Part::drawn(
                        piece_run(prepared, piece),
                        piece.style,
                        piece.level,
                        piece.link.clone(),
                    )
                }
            }
            (
                Element::Glue {
                    width,
                    stretch,
                    shrink,
                },
                Slot::Space { style, at },
            ) => {
                let set = set(width, stretch, shrink);
                let mut space = shaped_text(ctx, style, " ", " ");
                let count = space.1.len().max(1) as f32;
                space.1.iter_mut().for_each(|g| g.x_advance = set / count);
                Part {
                    width: set,
                    ..Part::drawn(space, style, prepared.levels.at(at), None)
                }
            }
            (
                Element::Glue {
                    width,
                    stretch,
                    shrink,
                },
                Slot::Gap,
            ) => Part::blank(set(width, stretch, shrink), level_before(&parts)),
            // Penalties and forced-break glue take no room, but like any
            // non-piece they end a link area.
            _ => Part::blank(0.0, level_before(&parts)),
        };
        parts.push(part);
    }
    parts
}

/// Which ends of a line are flush with the measure, where punctuation may
/// hang: the start unless the line is set flush to its end, the end when it
/// is justified (but for a paragraph's last line) or set flush to its end.
#[derive(Debug, Clone, Copy)]
struct FlushEdges {
    start: bool,
    end: bool,
}

impl FlushEdges {
    fn of(spec: &LineSpec, is_last: bool) -> FlushEdges {
        match spec.mode {
            Mode::Justified => FlushEdges {
                start: true,
                end: !is_last,
            },
            Mode::Ragged => FlushEdges {
                start: spec.align == Align::Start,
                end: spec.align == Align::End,
            },
        }
    }
}

/// How far the line's first and last drawn pieces hang at its flush edges.
fn hangs(parts: &[Part], edges: FlushEdges) -> Hangs {
    let drawn = |part: &&Part| part.glyphs.is_some();
    let start = parts
        .iter()
        .find(drawn)
        .filter(|_| edges.start)
        .and_then(|p| p.glyphs.as_ref())
        .map_or(0.0, |(text, glyphs)| protrusion::start(text, glyphs));
    let end = parts
        .iter()
        .rev()
        .find(drawn)
        .filter(|_| edges.end)
        .and_then(|p| Some((p.glyphs.as_ref()?, p.style?.rise > 0.0)))
        .map_or(0.0, |((text, glyphs), raised)| {
            protrusion::end(text, glyphs, raised)
        });
    Hangs { start, end }
}

/// The adjustment ratio that sets `elements`, and a hyphen `extra` wide, at
/// `width`, as the breaker would compute it; `None` when the line has no
/// glue to adjust or would have to shrink past its limit.
fn ratio_for(elements: &[Element], extra: f32, width: f32) -> Option<f32> {
    let (mut natural, mut stretch, mut shrink) = (extra, 0.0, 0.0);
    for element in elements {
        match *element {
            Element::Box { width } => natural += width,
            Element::Glue {
                width,
                stretch: more,
                shrink: less,
            } => {
                natural += width;
                stretch += more;
                shrink += less;
            }
            Element::Penalty { .. } => {}
        }
    }
    let ratio = adjustment_ratio(natural, stretch, shrink, width, Mode::Justified);
    (-1.0..AWFUL_BADNESS).contains(&ratio).then_some(ratio)
}

fn level_before(parts: &[Part]) -> Level {
    parts.last().map_or(Level::ltr(), |p| p.level)
}

/// Places `parts` on the line and draws them; the last part is a hyphen
/// added at the break if `hyphenated`.
fn draw_line(
    prepared: &Prepared,
    parts: &mut [Part],
    spec: &LineSpec,
    first_line: bool,
    hyphenated: bool,
    shift: f32,
) -> Line {
    let mut line = Line {
        height: spec.leading,
        ..Line::default()
    };
    let natural: f32 = parts.iter().map(|p| p.width).sum();
    let indent = if first_line { spec.indent } else { 0.0 };
    let free = (spec.measure - indent - natural).max(0.0);
    let end_aligned = spec.mode == Mode::Ragged && spec.align == Align::End;
    // The start edge is the right one in right-to-left paragraphs.
    let mut x = shift
        + match (prepared.levels.rtl, end_aligned) {
            (false, false) => indent,
            (false, true) => indent + free,
            (true, false) => free,
            (true, true) => 0.0,
        };
    let levels: Vec<Level> = parts.iter().map(|p| p.level).collect();
    for i in visual_order(&levels) {
        parts[i].x = x;
        x += parts[i].width;
    }

    // A hyphen added at the break is drawn after the line's links are
    // closed: it belongs to no link.
    let hyphen = parts.len() - usize::from(hyphenated);
    let mut last_rtl = false;
    let mut link: Option<(f32, f32, LinkTo, RunStyle)> = None;
    for part in &mut parts[..hyphen] {
        if let (Some(glyphs), Some(style)) = (part.glyphs.take(), part.style) {
            push_run(&mut line, spec, part, style, glyphs, &mut last_rtl);
        }
        // Consecutive pieces of one link share an area; anything else
        // (a space, a hyphenation point) ends it.
        match (&mut link, &part.link, part.style) {
            (Some((start, end, current, _)), Some(next), _) if current == next => {
                *start = start.min(part.x);
                *end = end.max(part.x + part.width);
            }
            (_, next, style) => {
                if let Some(done) = link.take() {
                    push_link(&mut line, spec, done);
                }
                link = next
                    .clone()
                    .zip(style)
                    .map(|(target, style)| (part.x, part.x + part.width, target, style));
            }
        }
    }
    if let Some(done) = link.take() {
        push_link(&mut line, spec, done);
    }
    for part in &mut parts[hyphen..] {
        if let (Some(glyphs), Some(style)) = (part.glyphs.take(), part.style) {
            push_run(&mut line, spec, part, style, glyphs, &mut last_rtl);
        }
    }
    if levels.iter().any(|l| l.is_rtl()) {
        line.items = line.items.into_iter().flat_map(split_clusters).collect();
    }
    line
}

/// A right-to-left run (its glyphs' clusters decrease) cut so that each
/// piece either has one glyph per cluster or is a single cluster of several
/// glyphs (a letter and its marks), the pieces in logical order. The PDF
/// writer marks a run whose clusters strictly decrease as reversed
/// characters (`/ReversedChars`), and a cluster of several glyphs with its
/// text (`/ActualText`), so readers get the text in logical order; a run
/// with both would be neither.
fn split_clusters(item: Item) -> Vec<Item> {
    let ItemKind::Text(run) = &item.kind else {
        return vec![item];
    };
    let (Some(first), Some(last)) = (run.glyphs.first(), run.glyphs.last()) else {
        return vec![item];
    };
    let shared = |i: usize| {
        let range = &run.glyphs[i].range;
        (i > 0 && run.glyphs[i - 1].range == *range)
            || run.glyphs.get(i + 1).is_some_and(|g| g.range == *range)
    };
    if first.range.start <= last.range.start || !(0..run.glyphs.len()).any(shared) {
        return vec![item];
    }
    // Cut before glyph i where it starts or ends a shared cluster.
    let mut pieces: Vec<(usize, usize)> = vec![(0, 1)];
    for i in 1..run.glyphs.len() {
        let same_cluster = run.glyphs[i - 1].range == run.glyphs[i].range;
        let current = pieces.last_mut().expect("starts with one");
        if same_cluster || (!shared(i - 1) && !shared(i)) {
            current.1 = i + 1;
        } else {
            pieces.push((i, i + 1));
        }
    }
    let mut x = item.pos.x;
    let mut out: Vec<Item> = pieces
        .into_iter()
        .map(|(from, to)| {
            let glyphs = &run.glyphs[from..to];
            let start = glyphs.iter().map(|g| g.range.start).min().unwrap_or(0);
            let end = glyphs.iter().map(|g| g.range.end).max().unwrap_or(0);
            let piece = TextRun {
                text: run.text[start..end].to_owned(),
                glyphs: glyphs
                    .iter()
                    .map(|g| Glyph {
                        range: g.range.start - start..g.range.end - start,
                        ..g.clone()
                    })
                    .collect(),
                ..run.clone()
            };
            let pos = Point::new(x, item.pos.y);
            x += piece.width();
            Item {
                pos,
                kind: ItemKind::Text(piece),
                role: item.role,
            }
        })
        .collect();
    out.reverse();
    out
}

fn push_link(
    line: &mut Line,
    spec: &LineSpec,
    (start, end, target, style): (f32, f32, LinkTo, RunStyle),
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
    let runs = ctx
        .shaper
        .shape(ctx.book, style.font, drawn, false, &ctx.doc.lang);
    let glyphs = runs
        .iter()
        .flat_map(|r| {
            let scale = style.size / ctx.book.face(r.font).units_per_em;
            r.glyphs.iter().map(move |g| Glyph {
                id: g.id,
                x_advance: g.x_advance as f32 * scale,
                x_offset: g.x_offset as f32 * scale,
                y_offset: g.y_offset as f32 * scale,
                range: 0..source.len(),
            })
        })
        .collect();
    (source.to_owned(), glyphs)
}

/// Appends a part's glyphs, extending the previous run when its style and
/// direction are the same and the part continues it on the page (to the
/// right of a left-to-right run, to the left of a right-to-left one), so a
/// line is a handful of runs, not one per word. `last_rtl` tells the
/// direction of the line's last run.
fn push_run(
    line: &mut Line,
    spec: &LineSpec,
    part: &Part,
    style: RunStyle,
    (text, glyphs): (String, Vec<Glyph>),
    last_rtl: &mut bool,
) {
    let y = spec.baseline - style.rise;
    let rtl = part.level.is_rtl();
    if let Some(Item {
        pos,
        kind: ItemKind::Text(run),
        ..
    }) = line.items.last_mut()
        && run.font == style.font
        && run.size == style.size
        && run.fill == style.color
        && pos.y == y
        && *last_rtl == rtl
        && if rtl {
            (part.x + part.width - pos.x).abs() < 0.01
        } else {
            (pos.x + run.width() - part.x).abs() < 0.01
        }
    {
        let base = run.text.len();
        let shifted = glyphs.into_iter().map(|g| Glyph {
            range: g.range.start + base..g.range.end + base,
            ..g
        });
        run.text.push_str(&text);
        if rtl {
            run.glyphs.splice(0..0, shifted);
            pos.x = part.x;
        } else {
            run.glyphs.extend(shifted);
        }
        return;
    }
    *last_rtl = rtl;
    line.items.push(Item {
        pos: Point::new(part.x, y),
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
