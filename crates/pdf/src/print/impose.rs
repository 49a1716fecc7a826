//! Saddle-stitch imposition: which pages share a side of a printed sheet.
//!
//! A saddle-stitched booklet is a stack of sheets, each printed with two
//! pages side by side on its front and two on its back, folded once down
//! the middle and stapled through the fold. The outermost sheet carries the
//! first and last pages, the innermost the middle spread; on each side, the
//! page that reads earlier sits right of the fold on the front and left of
//! it on the back.

/// The printer spreads of a booklet of `pages` pages (a multiple of 4), in
/// the order the printer prints them (sheet 1 front, sheet 1 back, sheet 2
/// front, …): for each side, the 0-based indices of the page left of the
/// fold and the page right of it.
///
/// For 8 pages (numbered from 1): 8|1, 2|7, 6|3, 4|5.
pub fn saddle_stitch_order(pages: usize) -> Vec<(usize, usize)> {
    assert!(
        pages.is_multiple_of(4),
        "a saddle-stitched booklet has a multiple of 4 pages, not {pages}"
    );
    let last = pages.saturating_sub(1);
    (0..pages / 2)
        .map(|side| {
            let (outer, inner) = (last - side, side);
            // Fronts (even sides) have the earlier page on the right.
            if side % 2 == 0 {
                (outer, inner)
            } else {
                (inner, outer)
            }
        })
        .collect()
}

/// Where the pages of sheet side `side` (0-based, in printing order) sit on
/// a spread of two pages `page_width` wide: the distances of the left and
/// the right page's left edge from the trim's left edge, with `creep`
/// (points of paper thickness per sheet) compensated.
///
/// Creep, or shingling: folded and nested, each sheet wraps around the
/// sheets inside it, so the fold of the sheet `n` sheets in lies `n` paper
/// thicknesses inside the booklet's spine, and its pages reach that much
/// further out at the fore-edge. The finished booklet is trimmed as one
/// block, which cuts the inner pages narrower: their outer margins shrink
/// and everything on them looks pushed toward the fore-edge. Moving the
/// pages of the sheet `n` sheets in by `n × creep` toward the fold before
/// printing puts their content back where it is on the outer pages: the
/// outermost sheet (sides 0 and 1) moves not at all, the innermost most.
///
/// What moves is the pages' content (and their clip, see `print::side`).
/// The trim, crop and fold marks stay: the fold is still the middle of the
/// sheet, and the block is trimmed where the outermost sheet says.
pub(crate) fn spread_offsets(side: usize, page_width: f32, creep: f32) -> (f32, f32) {
    let shift = (side / 2) as f32 * creep;
    (shift, page_width - shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creep_moves_inner_sheets_toward_the_fold_one_thickness_per_sheet() {
        // No creep: the pages sit side by side.
        assert_eq!(spread_offsets(5, 400.0, 0.0), (0.0, 400.0));
        // Both sides of the outer sheet stay.
        assert_eq!(spread_offsets(0, 400.0, 0.5), (0.0, 400.0));
        assert_eq!(spread_offsets(1, 400.0, 0.5), (0.0, 400.0));
        // The third sheet is two sheets in.
        assert_eq!(spread_offsets(4, 400.0, 0.5), (1.0, 399.0));
        assert_eq!(spread_offsets(5, 400.0, 0.5), (1.0, 399.0));
    }

    /// The order as printed page numbers (from 1).
    fn numbers(pages: usize) -> Vec<(usize, usize)> {
        saddle_stitch_order(pages)
            .into_iter()
            .map(|(left, right)| (left + 1, right + 1))
            .collect()
    }

    #[test]
    fn eight_pages_make_two_sheets() {
        assert_eq!(numbers(8), [(8, 1), (2, 7), (6, 3), (4, 5)]);
    }

    #[test]
    fn sixteen_pages_make_four_sheets() {
        assert_eq!(
            numbers(16),
            [
                (16, 1),
                (2, 15),
                (14, 3),
                (4, 13),
                (12, 5),
                (6, 11),
                (10, 7),
                (8, 9),
            ]
        );
    }

    #[test]
    fn every_page_is_on_exactly_one_side_and_facing_pages_add_up() {
        for pages in [4, 12, 20, 48] {
            let order = saddle_stitch_order(pages);
            assert_eq!(order.len(), pages / 2);
            let mut seen: Vec<usize> = order.iter().flat_map(|&(l, r)| [l, r]).collect();
            seen.sort();
            assert_eq!(seen, (0..pages).collect::<Vec<_>>());
            // Pages side by side always add up to the page count (from 1).
            assert!(order.iter().all(|&(l, r)| l + r + 2 == pages + 1));
        }
    }

    #[test]
    #[should_panic(expected = "multiple of 4")]
    fn page_counts_must_fill_whole_sheets() {
        saddle_stitch_order(10);
    }
}
