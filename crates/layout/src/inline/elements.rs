//! Turns styled text into the boxes, glue and penalties of Knuth–Plass.
//!
//! Break opportunities come from the line segmenter (`segment`), embedding
//! levels from the bidi algorithm (`bidi`), hyphenation points from
//! `hypher`'s TeX patterns for the document's language. Each word is cut
//! where its style or direction changes and shaped whole, then cut at
//! hyphenation points that fall on cluster boundaries, so ligatures, kerning
//! and Arabic joining inside a word survive.

use std::ops::Range;

use unicode_bidi::Level;

use super::bidi::Levels;
use super::collect::{LinkTo, Span, StyledText};
use super::hyphenate;
use super::knuth_plass::{Element, INFINITE_PENALTY, Mode};
use super::segment::{self, Opportunity};
use crate::context::Ctx;
use crate::frame::Glyph;
use crate::lang;
use crate::style::RunStyle;

/// Cost of breaking at a hyphenation point. TeX's is 50, with a
/// tolerance that forbids loose lines; with the looser lines Folio allows
/// rather than overfull ones, 50 hyphenated a fifth of the lines, and 400
/// brings that under 6% for a few hundredths of an em of spacing at the
/// 95th percentile (see `TYPOGRAPHY.md`).
const HYPHEN_PENALTY: f32 = 400.0;
/// Cost of breaking after a hyphen or dash the text has: the word is not
/// cut, only the line ends on a hyphen, as TeX's `\exhyphenpenalty`.
const DASH_PENALTY: f32 = 50.0;
/// Cost of breaking where UAX #14 allows it without a space (after a slash
/// in a URL, before an opening parenthesis …): allowed, but not liked.
const BARE_BREAK_PENALTY: f32 = 100.0;
/// Stretch of the glue between characters set without spaces, in ems: a
/// justified line of Japanese or Thai spreads its slack over every place it
/// could break.
const TIGHT_STRETCH: f32 = 0.1;

/// A shaped, unbreakable piece of the paragraph, in one direction.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Byte range in the paragraph text.
    pub range: Range<usize>,
    /// The span's style, with the face that actually drew the glyphs.
    pub style: RunStyle,
    /// Glyphs in visual order, with ranges in paragraph-text bytes.
    pub glyphs: Vec<Glyph>,
    pub width: f32,
    pub link: Option<LinkTo>,
    /// Bidi embedding level: odd levels are right to left.
    pub level: Level,
}

/// What an element stands for when a line is drawn.
#[derive(Debug, Clone, Copy)]
pub enum Slot {
    Piece(usize),
    /// A word space in `style`, at byte `at` of the text.
    Space {
        style: RunStyle,
        at: usize,
    },
    /// A hyphenation point: draws a hyphen in `style` when a line breaks here.
    Hyphen {
        style: RunStyle,
    },
    /// Space between characters set without spaces: draws nothing but takes
    /// its share of justification.
    Gap,
    /// Glue or penalties that draw nothing.
    Nothing,
}

pub struct Prepared {
    pub text: StyledText,
    pub levels: Levels,
    pub elements: Vec<Element>,
    pub slots: Vec<Slot>,
    pub pieces: Vec<Piece>,
}

impl Prepared {
    fn push(&mut self, element: Element, slot: Slot) {
        self.elements.push(element);
        self.slots.push(slot);
    }
}

pub fn prepare(ctx: &Ctx, text: StyledText, mode: Mode, hyphenate: bool) -> Prepared {
    let lang = &ctx.doc.lang;
    let hyphenation = lang::hyphenation(lang).filter(|_| hyphenate);
    let mut out = Prepared {
        levels: super::bidi::Levels::resolve(&text.text, lang),
        text,
        elements: vec![],
        slots: vec![],
        pieces: vec![],
    };
    let len = out.text.text.len();
    let opportunities: Vec<(usize, Opportunity)> = segment::opportunities(&out.text.text, lang)
        .into_iter()
        // Not before a note marker that ends a word ("word¹"); one after a
        // space starts the next word, and breaking before it is fine.
        .filter(|&(i, _)| {
            !out.text.span_at(i).marker || out.text.text[..i].ends_with(char::is_whitespace)
        })
        .chain([(len, Opportunity::Mandatory)])
        .collect();
    let mut start = 0;
    for (end, opportunity) in opportunities {
        let segment = out.text.text[start..end].to_owned();
        let content_end = start + segment.trim_end().len();
        push_content(ctx, &mut out, start..content_end, hyphenation);
        let trailing = &segment[content_end - start..];
        if end == len {
            break;
        }
        if trailing.contains('\n') || opportunity == Opportunity::Mandatory {
            push_forced_break(&mut out);
        } else if !trailing.is_empty() {
            let style = out.text.span_at(content_end).style;
            let width = space_width(ctx, style);
            let (stretch, shrink) = match mode {
                Mode::Justified => (width / 2.0, width / 3.0),
                Mode::Ragged => (0.0, 0.0),
            };
            out.push(
                Element::Glue {
                    width,
                    stretch,
                    shrink,
                },
                Slot::Space {
                    style,
                    at: content_end,
                },
            );
        } else if opportunity == Opportunity::Tight {
            let stretch = match mode {
                Mode::Justified => out.text.span_at(start).style.size * TIGHT_STRETCH,
                Mode::Ragged => 0.0,
            };
            out.push(
                Element::Glue {
                    width: 0.0,
                    stretch,
                    shrink: 0.0,
                },
                Slot::Gap,
            );
        } else {
            let after_dash = opportunity == Opportunity::Bare
                && segment.ends_with(['-', '\u{2010}', '\u{2013}', '\u{2014}']);
            let cost = if after_dash {
                DASH_PENALTY
            } else {
                BARE_BREAK_PENALTY
            };
            out.push(
                Element::Penalty {
                    width: 0.0,
                    cost,
                    flagged: after_dash,
                },
                Slot::Nothing,
            );
        }
        start = end;
    }
    push_forced_break(&mut out);
    out
}

fn push_forced_break(out: &mut Prepared) {
    out.push(
        Element::Glue {
            width: 0.0,
            stretch: f32::INFINITY,
            shrink: 0.0,
        },
        Slot::Nothing,
    );
    out.push(
        Element::Penalty {
            width: 0.0,
            cost: -INFINITE_PENALTY,
            flagged: false,
        },
        Slot::Nothing,
    );
}

/// Pushes the boxes (and hyphenation penalties) of one word.
fn push_content(
    ctx: &Ctx,
    out: &mut Prepared,
    range: Range<usize>,
    hyphenation: Option<hypher::Lang>,
) {
    let spans: Vec<Span> = out
        .text
        .spans
        .iter()
        .filter(|s| s.range.start < range.end && s.range.end > range.start)
        .cloned()
        .collect();
    // A word carrying a note marker ("trafficking¹") stays whole.
    let hyphenation = hyphenation.filter(|_| {
        !spans.iter().any(|s| s.marker) && hyphenate::may_hyphenate(&out.text.text, range.clone())
    });
    for span in spans {
        let part = span.range.start.max(range.start)..span.range.end.min(range.end);
        for (run, level) in out.levels.runs(part) {
            // Right-to-left scripts have no hyphenation patterns; an
            // embedded left-to-right word is hyphenated as the language's.
            let cuts = match hyphenation {
                Some(lang) if level.is_ltr() => {
                    hyphenate::points(&out.text.text, run.clone(), lang)
                }
                _ => vec![],
            };
            for piece in shape_piece(ctx, &out.text.text, run, &span, level, &cuts) {
                let is_cut = cuts.contains(&piece.range.start);
                if is_cut {
                    let style = out.pieces.last().map_or(span.style, |p| p.style);
                    let width = hyphen_width(ctx, style);
                    out.push(
                        Element::Penalty {
                            width,
                            cost: HYPHEN_PENALTY,
                            flagged: true,
                        },
                        Slot::Hyphen { style },
                    );
                }
                out.push(
                    Element::Box { width: piece.width },
                    Slot::Piece(out.pieces.len()),
                );
                out.pieces.push(piece);
            }
        }
    }
}

/// Shapes `range` of `text` (all at bidi `level`) and cuts the result into
/// pieces at every face change and at those `cuts` that fall on cluster
/// boundaries.
fn shape_piece(
    ctx: &Ctx,
    text: &str,
    range: Range<usize>,
    span: &Span,
    level: Level,
    cuts: &[usize],
) -> Vec<Piece> {
    let runs = ctx.shaper.shape(
        ctx.book,
        span.style.font,
        &text[range.clone()],
        level.is_rtl(),
        &ctx.doc.lang,
    );
    let mut pieces = Vec::new();
    for run in runs.iter() {
        let face = ctx.book.face(run.font);
        let scale = span.style.size / face.units_per_em;
        let style = RunStyle {
            font: run.font,
            ..span.style
        };
        // Cluster starts in logical order: a cluster ends where the next
        // one starts, whichever way its glyphs run.
        let mut starts: Vec<u32> = run.glyphs.iter().map(|g| g.cluster).collect();
        starts.sort_unstable();
        starts.dedup();
        let cluster_end = |cluster: u32| {
            starts
                .get(starts.partition_point(|&s| s <= cluster))
                .map_or(range.start + run.end, |&next| range.start + next as usize)
        };
        let mut current: Option<Piece> = None;
        for (i, g) in run.glyphs.iter().enumerate() {
            let cluster = range.start + g.cluster as usize;
            let end = cluster_end(g.cluster);
            let starts_cluster = i == 0 || run.glyphs[i - 1].cluster != g.cluster;
            let cut_here = starts_cluster && cuts.contains(&cluster);
            if cut_here || current.is_none() {
                pieces.extend(current.take());
                current = Some(Piece {
                    range: cluster..cluster,
                    style,
                    glyphs: vec![],
                    width: 0.0,
                    link: span.link.clone(),
                    level,
                });
            }
            let piece = current.as_mut().expect("piece started above");
            let advance = g.x_advance as f32 * scale;
            piece.glyphs.push(Glyph {
                id: g.id,
                x_advance: advance,
                x_offset: g.x_offset as f32 * scale,
                y_offset: g.y_offset as f32 * scale,
                range: cluster..end.max(cluster),
            });
            piece.width += advance;
            piece.range.start = piece.range.start.min(cluster);
            piece.range.end = piece.range.end.max(end);
        }
        pieces.extend(current);
    }
    pieces
}

fn advance_of(ctx: &Ctx, style: RunStyle, s: &str) -> f32 {
    let runs = ctx
        .shaper
        .shape(ctx.book, style.font, s, false, &ctx.doc.lang);
    runs.iter()
        .map(|run| {
            let scale = style.size / ctx.book.face(run.font).units_per_em;
            run.glyphs
                .iter()
                .map(|g| g.x_advance as f32 * scale)
                .sum::<f32>()
        })
        .sum()
}

pub fn space_width(ctx: &Ctx, style: RunStyle) -> f32 {
    advance_of(ctx, style, " ")
}

pub fn hyphen_width(ctx: &Ctx, style: RunStyle) -> f32 {
    advance_of(ctx, style, "-")
}
