//! The colour bar: a row of ink patches above the sheet, in the slug band,
//! that the press operator measures with a densitometer (solids and tints)
//! and judges by eye (two-ink overprints, the booklet's own colours).
//!
//! - Solids of C, M, Y and K: the ink density of each unit.
//! - 50% tints: dot gain, the growth of halftone dots on paper.
//! - C+M, C+Y, M+Y solid overprints: trapping, how well one ink takes on
//!   another that is still wet.
//! - The booklet's own process colours (its backgrounds and coloured type),
//!   so the colours that matter most can be checked against the proof.

use folio_layout::frame::{ItemKind, LaidOut};
use folio_model::theme::PT_PER_MM;
use krilla::geom::Rect;
use krilla::surface::Surface;

use super::boxes::{SLUG_BAND, Sheet};
use crate::color::{self, channel};
use crate::draw;

/// Width of one patch; its height is the slug band's.
pub(crate) const PATCH: f32 = 5.0 * PT_PER_MM;

/// The patches every bar starts with, as fractions of full ink.
const STANDARD: [[f32; 4]; 11] = [
    [1.0, 0.0, 0.0, 0.0],
    [0.0, 1.0, 0.0, 0.0],
    [0.0, 0.0, 1.0, 0.0],
    [0.0, 0.0, 0.0, 1.0],
    [0.5, 0.0, 0.0, 0.0],
    [0.0, 0.5, 0.0, 0.0],
    [0.0, 0.0, 0.5, 0.0],
    [0.0, 0.0, 0.0, 0.5],
    [1.0, 1.0, 0.0, 0.0],
    [1.0, 0.0, 1.0, 0.0],
    [0.0, 1.0, 1.0, 0.0],
];

/// The patches of the bar for `doc`: the standard ones, then each colour
/// the booklet fills shapes or sets type in, once, in order of first use;
/// paper white and colours equal to a standard patch are left out.
pub(crate) fn patches(doc: &LaidOut) -> Vec<[f32; 4]> {
    let mut patches = STANDARD.to_vec();
    let mut seen: Vec<[u8; 4]> = STANDARD.iter().map(|p| p.map(channel)).collect();
    seen.push([0; 4]);
    let used = doc
        .pages
        .iter()
        .flat_map(|page| &page.items)
        .filter_map(|item| match &item.kind {
            ItemKind::Rect { fill, .. } | ItemKind::Polygon { fill, .. } => Some(fill.cmyk),
            ItemKind::Text(run) => Some(run.fill.cmyk),
            _ => None,
        });
    for cmyk in used {
        let key = cmyk.map(channel);
        if !seen.contains(&key) {
            seen.push(key);
            patches.push(cmyk);
        }
    }
    patches
}

/// The bar above `sheet`, from the trim's left edge: as many `patches` as
/// fit along the trim, so the bar never runs past the crop marks.
pub(crate) fn draw(surface: &mut Surface, sheet: &Sheet, patches: &[[f32; 4]]) {
    for (rect, &cmyk) in places(sheet, patches.len()).into_iter().zip(patches) {
        draw::painted_rect(surface, rect, color::cmyk(cmyk));
    }
}

/// The rectangles of the first `count` patches that fit.
fn places(sheet: &Sheet, count: usize) -> Vec<Rect> {
    let o = sheet.origin();
    let top = o.y - sheet.slug_offset() - SLUG_BAND;
    // A float count of patches, floored: never more than fit.
    let fit = (sheet.trim.width / PATCH).floor().max(0.0) as usize;
    (0..count.min(fit))
        .filter_map(|i| Rect::from_xywh(o.x + i as f32 * PATCH, top, PATCH, SLUG_BAND))
        .collect()
}

#[cfg(test)]
mod tests {
    use folio_layout::frame::Size;

    use super::*;

    #[test]
    fn the_bar_stays_above_the_marks_and_within_the_trim_width() {
        let sheet = Sheet {
            trim: Size::new(30.0 * PT_PER_MM, 100.0),
            bleed: 3.0 * PT_PER_MM,
        };
        let bleed = sheet.bleed_box().unwrap();
        let trim = sheet.trim_box().unwrap();
        let places = places(&sheet, 11);
        // 30 mm hold six 5 mm patches.
        assert_eq!(places.len(), 6);
        for rect in places {
            assert!(rect.top() >= 0.0);
            // Beyond the crop marks' band, which ends MARK_LENGTH out.
            let marks_end = trim.top() - sheet.mark_offset() - super::super::boxes::MARK_LENGTH;
            assert!(rect.bottom() < marks_end && rect.bottom() < bleed.top());
            assert!(rect.left() >= trim.left() - 0.01 && rect.right() <= trim.right() + 0.01);
        }
    }
}
