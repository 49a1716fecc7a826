//! Letter spacing for loose lines.
//!
//! Word spaces alone cannot give both few hyphens and even spacing (see
//! `TYPOGRAPHY.md`): a line with few spaces stretches each of them a lot.
//! A loose line therefore gives part of its slack to its letters, as
//! InDesign's letter-spacing limits and pdfTeX's font expansion do, but
//! only a loose line: every glyph of a tracked line is written to the PDF
//! with its own advance, so tracking every line grew the USA booklet by
//! 40%, tracking only the loose ones grows it by 3%.
//!
//! Line breaking does not know about it: the breaker chooses the same
//! lines, and a loose line's spaces then shrink by what its letters take.

use unicode_script::{Script, UnicodeScript};

/// The most letter spacing a line takes, as a share of its type size per
/// letter: 1.5%, below what a reader notices as spaced-out type.
pub const MAX_TRACKING: f32 = 0.015;

/// Lines whose spaces are set past this adjustment ratio (half their
/// stretch: a gap of about 0.33 em in Noto Serif) are loose.
pub const LOOSE_RATIO: f32 = 0.8;

/// How a loose line shares its slack: the letter spacing, as a share of
/// the type size, and the adjustment ratio left for its spaces. `ratio` is
/// the line's adjustment ratio, `stretch` the total stretch of its spaces,
/// `letters` the sum of the type sizes of the letters that take spacing
/// (every glyph of a word but its last). `None` for a line that is not
/// loose or has nothing to space.
pub fn share(ratio: f32, stretch: f32, letters: f32) -> Option<(f32, f32)> {
    if ratio <= LOOSE_RATIO || stretch <= 0.0 || letters <= 0.0 {
        return None;
    }
    // Enough to bring the spaces back to `LOOSE_RATIO`, at most the limit.
    let tracking = ((ratio - LOOSE_RATIO) * stretch / letters).min(MAX_TRACKING);
    Some((tracking, ratio - tracking * letters / stretch))
}

/// Whether letters of `text` may be spaced: scripts of separate letters
/// (Latin, Greek, Cyrillic). Joined scripts (Arabic) would break apart,
/// and CJK and Southeast Asian text justifies in its own way.
pub fn may_space(text: &str) -> bool {
    text.chars().all(|c| {
        matches!(
            c.script(),
            Script::Latin | Script::Greek | Script::Cyrillic | Script::Common | Script::Inherited
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loose_lines_are_tracked_and_no_more_than_the_limit() {
        assert_eq!(share(LOOSE_RATIO - 0.1, 10.0, 500.0), None);
        // A little past loose: enough to bring the spaces back.
        let (tracking, ratio) = share(LOOSE_RATIO + 0.1, 10.0, 500.0).unwrap();
        assert!((tracking - 0.002).abs() < 1e-6, "{tracking}");
        assert!((ratio - LOOSE_RATIO).abs() < 1e-6, "{ratio}");
        // Very loose: the limit, and the spaces keep the rest.
        let (tracking, ratio) = share(2.0, 10.0, 500.0).unwrap();
        assert_eq!(tracking, MAX_TRACKING);
        assert!((ratio - (2.0 - 0.75)).abs() < 1e-6, "{ratio}");
    }

    #[test]
    fn joined_and_cjk_scripts_are_never_spaced() {
        assert!(may_space("naïve “Ελλάδα” Россия, 26%"));
        assert!(!may_space("مرحبا"));
        assert!(!may_space("日本語"));
        assert!(!may_space("ภาษาไทย"));
    }
}
