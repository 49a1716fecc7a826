//! Theme colours as paint: sRGB on screen, CMYK in print.
//!
//! Themes give every colour both as sRGB and as CMYK, neither derived from
//! the other, so choosing one is most of what a profile does here. Print
//! adds the prepress rules a printer would otherwise enforce by hand.

use folio_model::theme::Color;
use krilla::color::separation::{SeparationColorant, SeparationSpace};
use krilla::color::{RegularColor, SpecialColor, cmyk, rgb, separation};
use krilla::paint::Paint;

/// Text smaller than this, set in a black, prints in black ink alone: the
/// finest strokes of type printed from four plates never register exactly
/// and come out blurred with coloured fringes. Display type may keep a rich
/// black the designer chose.
const SOLID_BLACK_BELOW: f32 = 24.0;

/// A colour with at least this much black ink reads as black.
const BLACK: f32 = 0.8;

/// The colour space paint is given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Space {
    Srgb,
    Cmyk,
}

impl Space {
    /// The paint of a shape or rule in `color`.
    pub(crate) fn paint(self, color: Color) -> Paint {
        match self {
            Space::Srgb => {
                let [r, g, b] = color.rgb;
                rgb::Color::new(r, g, b).into()
            }
            Space::Cmyk => cmyk(color.cmyk),
        }
    }

    /// The paint of text of `size` points in `color`.
    pub(crate) fn text_paint(self, color: Color, size: f32) -> Paint {
        match self {
            Space::Srgb => self.paint(color),
            Space::Cmyk => cmyk(print_text_cmyk(color.cmyk, size)),
        }
    }
}

/// Black (or rich black) text below display sizes as 100% black ink alone.
fn print_text_cmyk(cmyk: [f32; 4], size: f32) -> [f32; 4] {
    if size < SOLID_BLACK_BELOW && cmyk[3] >= BLACK {
        [0.0, 0.0, 0.0, 1.0]
    } else {
        cmyk
    }
}

/// Paint of the DeviceCMYK colour `[c, m, y, k]` (fractions of full ink).
pub(crate) fn cmyk([c, m, y, k]: [f32; 4]) -> Paint {
    let [c, m, y, k] = [c, m, y, k].map(channel);
    cmyk::Color::new(c, m, y, k).into()
}

/// A fraction of full ink as krilla's 0–255, the precision of a PDF colour
/// krilla writes.
pub(crate) fn channel(ink: f32) -> u8 {
    (ink.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// The registration colour: all inks at 100%, for marks that must appear on
/// every printing plate (crop and fold marks).
pub(crate) fn registration() -> Paint {
    let all = SeparationSpace::new(
        SeparationColorant::AllColorants,
        RegularColor::Cmyk(cmyk::Color::new(255, 255, 255, 255)),
    );
    krilla::color::Color::Special(SpecialColor::Separation(separation::Color::new(255, all))).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_dark_text_prints_in_black_ink_alone() {
        // The theme's ink: a 90% tint would be screened into dots.
        assert_eq!(
            print_text_cmyk([0.0, 0.0, 0.0, 0.9], 10.0),
            [0.0, 0.0, 0.0, 1.0]
        );
        // A rich black would need four plates in register.
        assert_eq!(
            print_text_cmyk([0.6, 0.4, 0.4, 1.0], 8.5),
            [0.0, 0.0, 0.0, 1.0]
        );
    }

    #[test]
    fn colours_and_display_type_keep_their_inks() {
        let accent = [0.9, 0.4, 0.4, 0.4];
        assert_eq!(print_text_cmyk(accent, 10.0), accent);
        let rich = [0.6, 0.4, 0.4, 1.0];
        assert_eq!(print_text_cmyk(rich, 34.0), rich);
        let white = [0.0, 0.0, 0.0, 0.0];
        assert_eq!(print_text_cmyk(white, 8.0), white);
    }
}
