//! Paragraph layout: `collect → prepare → break → build lines`.
//!
//! `prepare` is `segment` (break opportunities by script and language),
//! `bidi` (embedding levels) and `elements` (shaped pieces, glue and
//! penalties); `lines` reorders each line for display.

mod bidi;
mod collect;
mod elements;
mod hyphenate;
pub mod knuth_plass;
mod lines;
mod protrusion;
mod segment;
mod tracking;

pub use bidi::is_rtl_paragraph;
pub use lines::{Align, Line, PendingLink};

use folio_model::doc::Inline;

use crate::context::Ctx;
use crate::frame::Role;
use crate::style::TextStyle;
use knuth_plass::Mode;

/// How to set one paragraph.
#[derive(Debug, Clone, Copy)]
pub struct ParSpec {
    pub style: TextStyle,
    pub leading: f32,
    pub measure: f32,
    pub justify: bool,
    pub hyphenate: bool,
    pub align: Align,
    /// Indent of the first line (negative for hanging markers is not used:
    /// markers are laid out beside the paragraph).
    pub indent: f32,
    pub role: Role,
}

impl ParSpec {
    /// Ragged, unhyphenated text: headings, table cells, captions.
    pub fn ragged(style: TextStyle, leading: f32, measure: f32, role: Role) -> Self {
        ParSpec {
            style,
            leading,
            measure,
            justify: false,
            hyphenate: false,
            align: Align::Start,
            indent: 0.0,
            role,
        }
    }
}

/// Lays out `inlines` into lines.
pub fn layout_paragraph(ctx: &Ctx, inlines: &[Inline], spec: &ParSpec) -> Vec<Line> {
    let text = collect::collect(ctx, inlines, spec.style);
    if text.text.trim().is_empty() {
        return Vec::new();
    }
    let mode = if spec.justify {
        Mode::Justified
    } else {
        Mode::Ragged
    };
    let base = spec.style.resolve(ctx);
    let prepared = elements::prepare(ctx, text, mode, spec.hyphenate);
    let mut elements = prepared.elements.clone();
    if spec.indent > 0.0 {
        elements.insert(0, knuth_plass::Element::Box { width: spec.indent });
    }
    let shorter = matches!(spec.role, Role::Paragraph(block) if ctx.shorter.contains(&block));
    let mut breaks = (shorter && mode == Mode::Justified)
        .then(|| knuth_plass::break_lines_shorter(&elements, spec.measure, mode))
        .flatten()
        .unwrap_or_else(|| knuth_plass::break_lines(&elements, spec.measure, mode));
    if spec.indent > 0.0 {
        breaks.iter_mut().for_each(|b| b.index -= 1);
    }
    let face = ctx.book.face(base.font);
    let baseline = (spec.leading - (face.ascender - face.descender) * base.size) / 2.0
        + face.ascender * base.size;
    let line_spec = lines::LineSpec {
        measure: spec.measure,
        leading: spec.leading,
        baseline,
        mode,
        align: spec.align,
        indent: spec.indent,
        role: spec.role,
        lang: ctx.doc.lang.clone(),
    };
    lines::build_lines(ctx, &prepared, &breaks, &line_spec)
}
