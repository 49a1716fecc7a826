//! Copyfitting: saving a sheet when the content runs a page or two past
//! whole sheets, as a designer would before sending a booklet to print.
//!
//! A booklet of 16 pages whose content needs 17 prints on 20, three of
//! them padding. When the overrun is within the theme's `max-overrun`,
//! layout is tried again with the theme's allowed changes, each keeping
//! the ones before it — endnotes in two columns, tighter space between
//! blocks, smaller endnotes — and the first layout that needs a sheet
//! fewer is taken, with what it changed ([`Fitted`]). Body text keeps its
//! size and measure, and every page is still paginated by the same rules;
//! a layout with new problems is not taken. Content that runs further over
//! keeps its padding: the next sheet is cheaper than a cramped booklet.

use folio_model::theme::Theme;

use crate::frame::{FitStep, Fitted, LaidOut};

/// The booklet `lay_out` makes of `theme`, fitted when it can be.
/// `lay_out` returns a layout and its spare padding pages (see
/// `pages::signature::finish`).
pub fn fit(theme: &Theme, lay_out: impl Fn(&Theme) -> (LaidOut, usize)) -> LaidOut {
    let (laid, spare) = lay_out(theme);
    let sheet = theme.binding.sheet_pages;
    let overrun = if spare == 0 { 0 } else { sheet - spare };
    if overrun == 0 || overrun > theme.copyfit.max_overrun || !laid.errors.is_empty() {
        return laid;
    }
    let fits = |steps: &[FitStep]| {
        let mut variant = theme.clone();
        steps.iter().for_each(|&step| apply(&mut variant, step));
        let (candidate, _) = lay_out(&variant);
        let no_new_problems =
            candidate.errors.is_empty() && candidate.warnings.len() <= laid.warnings.len();
        (candidate.pages.len() < laid.pages.len() && no_new_problems).then_some(candidate)
    };
    let allowed = allowed(theme);
    for tried in 1..=allowed.len() {
        let Some(mut fitted) = fits(&allowed[..tried]) else {
            continue;
        };
        // The last step was needed; an earlier one may not have been
        // (two columns of endnotes may only fit once they are smaller).
        let mut steps = allowed[..tried].to_vec();
        let mut i = 0;
        while i + 1 < steps.len() {
            let mut fewer = steps.clone();
            fewer.remove(i);
            match fits(&fewer) {
                Some(candidate) => {
                    fitted = candidate;
                    steps = fewer;
                }
                None => i += 1,
            }
        }
        return LaidOut {
            fitted: Some(Fitted {
                pages: fitted.pages.len(),
                steps,
            }),
            ..fitted
        };
    }
    laid
}

/// The changes `theme` allows, in the order a designer tries them: the
/// least visible first.
fn allowed(theme: &Theme) -> Vec<FitStep> {
    let copyfit = &theme.copyfit;
    let mut steps = Vec::new();
    if copyfit.endnote_columns && theme.endnotes.columns < 2 {
        steps.push(FitStep::EndnoteColumns);
    }
    if let Some(factor) = copyfit.block_gap.filter(|&f| f < 1.0) {
        steps.push(FitStep::BlockGap(factor));
    }
    if let Some(size) = copyfit.endnote_size.filter(|&s| s < theme.endnotes.size) {
        steps.push(FitStep::EndnoteSize(size));
    }
    steps
}

fn apply(theme: &mut Theme, step: FitStep) {
    match step {
        FitStep::EndnoteColumns => theme.endnotes.columns = 2,
        FitStep::BlockGap(factor) => theme.type_scale.paragraph_gap *= factor,
        FitStep::EndnoteSize(size) => theme.endnotes.size = size,
    }
}
