//! Copyfitting: saving a sheet when the content runs a page or two past
//! whole sheets, as a designer would before sending a booklet to print.
//!
//! A booklet of 16 pages whose content needs 17 prints on 20, three of
//! them padding. When the overrun is within the theme's `max-overrun`,
//! layout is tried again with the theme's allowed changes, each keeping
//! the ones before it — endnotes in two columns, tighter space between
//! blocks, smaller endnotes, then a few paragraphs set one line shorter
//! (those whose last line holds the least, as a designer picks them) —
//! and the first layout that needs a sheet fewer is taken, with what it
//! changed ([`Fitted`]). Body text keeps its size and measure, and every
//! page is still paginated by the same rules; a layout with new problems
//! is not taken. Content that runs further over keeps its padding: the
//! next sheet is cheaper than a cramped booklet.

use std::collections::BTreeMap;
use std::ops::Range;

use folio_model::theme::Theme;

use crate::frame::{Block, FitStep, Fitted, ItemKind, LaidOut, Role};

/// What one layout is made with: the theme, changed by the steps tried,
/// and the paragraphs set one line shorter.
#[derive(Debug, Clone)]
pub struct Variant {
    pub theme: Theme,
    pub shorter: Vec<Block>,
}

/// The booklet `lay_out` makes of `theme`, fitted when it can be.
/// `lay_out` returns a layout and its spare padding pages (see
/// `pages::signature::finish`).
pub fn fit(theme: &Theme, lay_out: impl Fn(&Variant) -> (LaidOut, usize)) -> LaidOut {
    let plain = Variant {
        theme: theme.clone(),
        shorter: vec![],
    };
    let (laid, spare) = lay_out(&plain);
    let sheet = theme.binding.sheet_pages;
    let overrun = if spare == 0 { 0 } else { sheet - spare };
    if overrun == 0 || overrun > theme.copyfit.max_overrun || !laid.errors.is_empty() {
        return laid;
    }
    let candidates = short_last_lines(&laid, theme.copyfit.shorter_paragraphs);
    let fits = |steps: &[FitStep]| {
        let mut variant = plain.clone();
        steps
            .iter()
            .for_each(|&step| apply(&mut variant, step, &candidates));
        let (candidate, _) = lay_out(&variant);
        let no_new_problems =
            candidate.errors.is_empty() && candidate.warnings.len() <= laid.warnings.len();
        (candidate.pages.len() < laid.pages.len() && no_new_problems).then_some(candidate)
    };
    let allowed = allowed(theme, candidates.len());
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
        // As few paragraphs tightened as are enough, the shortest last
        // lines first.
        if let Some(&FitStep::ShorterParagraphs(count)) = steps.last() {
            for fewer in 1..count {
                let mut tried = steps.clone();
                *tried.last_mut().expect("a step") = FitStep::ShorterParagraphs(fewer);
                if let Some(candidate) = fits(&tried) {
                    fitted = candidate;
                    steps = tried;
                    break;
                }
            }
        }
        // Report the paragraphs that lost a line: one tried may have had
        // no shorter setting within the tolerance, and was set as before.
        if let Some(FitStep::ShorterParagraphs(count)) = steps.last_mut() {
            let (before, after) = (line_counts(&laid), line_counts(&fitted));
            *count = before
                .iter()
                .filter(|(block, lines)| after.get(block).is_some_and(|a| a < lines))
                .count();
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
/// least visible first. `shorter` paragraphs could lose a line.
fn allowed(theme: &Theme, shorter: usize) -> Vec<FitStep> {
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
    if shorter > 0 {
        steps.push(FitStep::ShorterParagraphs(shorter));
    }
    steps
}

fn apply(variant: &mut Variant, step: FitStep, candidates: &[Block]) {
    let theme = &mut variant.theme;
    match step {
        FitStep::EndnoteColumns => theme.endnotes.columns = 2,
        FitStep::BlockGap(factor) => theme.type_scale.paragraph_gap *= factor,
        FitStep::EndnoteSize(size) => theme.endnotes.size = size,
        FitStep::ShorterParagraphs(count) => variant.shorter = candidates[..count].to_vec(),
    }
}

/// A line of a paragraph as laid out: its page, baseline and horizontal
/// extent (the union of its runs).
struct Line {
    page: usize,
    y: f32,
    start: f32,
    end: f32,
}

/// The lines of each paragraph on `pages` of `laid`, in the order set
/// (a paragraph's runs come in reading order, a line's one after another).
fn paragraph_lines(laid: &LaidOut, pages: Range<usize>) -> BTreeMap<Block, Vec<Line>> {
    let mut lines: BTreeMap<Block, Vec<Line>> = BTreeMap::new();
    for page in pages {
        for item in &laid.pages[page].items {
            let (Role::Paragraph(block), ItemKind::Text(run)) = (item.role, &item.kind) else {
                continue;
            };
            let (start, end) = (item.pos.x, item.pos.x + run.width());
            let paragraph = lines.entry(block).or_default();
            match paragraph.last_mut() {
                Some(line) if line.page == page && (line.y - item.pos.y).abs() < 0.5 => {
                    line.start = line.start.min(start);
                    line.end = line.end.max(end);
                }
                _ => paragraph.push(Line {
                    page,
                    y: item.pos.y,
                    start,
                    end,
                }),
            }
        }
    }
    lines
}

/// How many lines each paragraph of `laid` is set in.
fn line_counts(laid: &LaidOut) -> BTreeMap<Block, usize> {
    paragraph_lines(laid, 0..laid.pages.len())
        .into_iter()
        .map(|(block, lines)| (block, lines.len()))
        .collect()
}

/// A paragraph's last line this much of its measure or less is a candidate
/// to be set one line shorter: a word or two, which the lines above can
/// take in by tightening their spaces a little.
const SHORT_LAST_LINE: f32 = 0.2;

/// Up to `most` justified paragraphs of at least three lines of `laid`
/// whose last line is shortest against their measure, shortest first: the
/// ones a designer would tighten by a line. They are taken from the run of
/// pages between section openings whose last page holds the fewest lines:
/// the page a few lines spilled onto, which is the one to win back (a line
/// saved in another run would stop at its section's opening page).
fn short_last_lines(laid: &LaidOut, most: usize) -> Vec<Block> {
    if most == 0 {
        return vec![];
    }
    let text_lines = |page: &crate::frame::Page| {
        let mut ys: Vec<i64> = page
            .items
            .iter()
            .filter(|i| i.role != Role::Artifact && matches!(i.kind, ItemKind::Text(_)))
            .map(|i| (i.pos.y * 10.0).round() as i64)
            .collect();
        ys.sort_unstable();
        ys.dedup();
        ys.len()
    };
    let opens_section = |page: &crate::frame::Page| {
        page.items
            .iter()
            .find(|i| i.role != Role::Artifact)
            .is_some_and(|i| matches!(i.role, Role::Heading(1, _)))
    };
    // Runs of pages from one section opening to the next, the cover and
    // the back cover (with the padding before it) left out.
    let opening: Vec<usize> = (1..laid.pages.len().saturating_sub(1))
        .filter(|&n| opens_section(&laid.pages[n]))
        .collect();
    let content_end = (1..laid.pages.len().saturating_sub(1))
        .rfind(|&n| text_lines(&laid.pages[n]) > 0)
        .map_or(0, |n| n + 1);
    let runs = opening.iter().enumerate().map(|(k, &start)| {
        let end = opening.get(k + 1).copied().unwrap_or(content_end);
        start..end.max(start + 1)
    });
    let Some(spilled) = runs
        .filter(|run| run.len() >= 2)
        .min_by_key(|run| text_lines(&laid.pages[run.end - 1]))
    else {
        return vec![];
    };
    let mut candidates: Vec<(f32, Block)> = paragraph_lines(laid, spilled)
        .into_iter()
        .filter(|(_, lines)| lines.len() >= 3)
        .filter_map(|(block, lines)| {
            let widths: Vec<f32> = lines.iter().map(|l| l.end - l.start).collect();
            let (last, full) = widths.split_last()?;
            let measure = full.iter().copied().fold(0.0, f32::max);
            // Justified: every line but the last set to the measure, give
            // or take the punctuation hanging into the margins.
            let justified = full.iter().all(|w| measure - w <= measure * 0.015);
            let share = last / measure;
            (justified && share <= SHORT_LAST_LINE).then_some((share, block))
        })
        .collect();
    candidates.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    candidates.into_iter().take(most).map(|(_, b)| b).collect()
}
