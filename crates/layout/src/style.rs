//! Text styles: what a run of glyphs looks like, derived from the theme.

use folio_model::theme::{Color, ColorName};

use crate::context::Ctx;
use crate::fonts::{FontId, Style};

/// Which of the theme's two families to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Body,
    Heading,
}

/// Everything that makes glyphs look different. Two pieces with equal
/// styles are drawn in one text run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunStyle {
    pub font: FontId,
    pub size: f32,
    pub color: Color,
    /// Baseline shift upwards in points (superscript note markers).
    pub rise: f32,
}

/// A paragraph's base style, before emphasis and markers modify it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub family: Family,
    pub bold: bool,
    pub italic: bool,
    pub size: f32,
    pub color: ColorName,
}

impl TextStyle {
    pub fn new(family: Family, size: f32, color: ColorName) -> Self {
        TextStyle {
            family,
            bold: false,
            italic: false,
            size,
            color,
        }
    }

    pub fn bold(self) -> Self {
        TextStyle { bold: true, ..self }
    }

    pub fn italic(self) -> Self {
        TextStyle {
            italic: true,
            ..self
        }
    }

    pub fn resolve(&self, ctx: &Ctx) -> RunStyle {
        let family = match self.family {
            Family::Body => &ctx.theme.fonts.body,
            Family::Heading => &ctx.theme.fonts.heading,
        };
        RunStyle {
            font: ctx.book.select(
                family,
                Style {
                    bold: self.bold,
                    italic: self.italic,
                },
            ),
            size: self.size,
            color: ctx.theme.color(self.color),
            rise: 0.0,
        }
    }
}

/// Note markers are set smaller and raised, as superscripts were set in
/// metal type; a real `sups` feature is not in every font.
pub fn superscript(base: RunStyle) -> RunStyle {
    RunStyle {
        size: base.size * 0.62,
        rise: base.rise + base.size * 0.36,
        ..base
    }
}
