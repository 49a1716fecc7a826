//! Comparing a booklet with an earlier version of it, page by page, in a
//! way that tells edits from reflow.
//!
//! Pages are not compared as pictures first: one line added on page 7
//! moves every line after it, and every page after it would differ. The
//! words are compared instead, as one sequence for the whole booklet (a
//! word-level diff): a page is *changed* if it holds a word inserted,
//! deleted or replaced, *moved* if all its words are old words now in
//! another place, and *unchanged* if its words are where they were, which
//! is when its pixels are compared, to find changes to drawings (a chart,
//! a rule, a colour) that the text does not show.
//!
//! Two kinds of difference are not edits of the text, and are told apart:
//! the same characters broken across lines in other places (a URL, which
//! breaks without a hyphen, reflowed) are moved words; numbers replaced by
//! numbers (page references and the contents' page numbers after a reflow,
//! or a figure) are reported as numbers changed, so a page pushed down
//! whose "see page 14" became "see page 15" still reads as moved.

use std::collections::BTreeMap;

use hayro::kurbo::Rect;
use image::RgbaImage;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::raster::Rendered;
use super::words::Word;

/// How one page of the new version compares with the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Same words in the same places, same pixels.
    Unchanged,
    /// The same words as before, elsewhere: pushed down (or pulled up) by
    /// this many lines of text added (or taken out) before them.
    Moved {
        /// Lines added before them; negative when lines were taken out.
        lines: i64,
        /// Pages they moved on by (negative: back), when they kept their
        /// place on the page: whole pages added or taken out before them.
        pages: Option<i64>,
        /// Numbers among them replaced by other numbers.
        numbers: usize,
    },
    /// Words in their places, but numbers replaced by other numbers.
    NumbersChanged {
        /// In how many places.
        numbers: usize,
    },
    /// Words inserted, deleted or replaced.
    TextChanged {
        /// In how many places: runs of changed words.
        places: usize,
    },
    /// Same words in the same places, but something drawn differs.
    DrawingChanged,
}

/// One page of the new version against the old.
#[derive(Debug, Clone, PartialEq)]
pub struct PageComparison {
    /// What became of the page.
    pub change: Change,
    /// The old page it is best compared with: the one most of its words
    /// come from, or the one at its place.
    pub old_page: Option<usize>,
    /// What changed on this page, in points from its top-left corner.
    pub(crate) marks: Vec<Rect>,
    /// What was taken out or replaced on [`Self::old_page`], in points.
    pub(crate) old_marks: Vec<Rect>,
}

/// The new version against the old.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// One for each page of the new version.
    pub pages: Vec<PageComparison>,
    /// The old version had this many pages.
    pub old_page_count: usize,
}

/// A word is in the same place when its box moved less than this (points).
const SAME_PLACE: f64 = 0.5;

/// Compares `new` with `old`, leaving out the words of an untagged PDF
/// within `furniture` (boxes in points on any page; a tagged PDF's words
/// are already without its artifacts).
pub fn compare(old: &Rendered, new: &Rendered, furniture: &[Rect]) -> Comparison {
    let content = |pdf: &Rendered, word: &Word| {
        pdf.tagged || !furniture.iter().any(|f| f.contains(word.bbox.center()))
    };
    let old_words: Vec<&Word> = old.words.iter().filter(|w| content(old, w)).collect();
    let new_words: Vec<&Word> = new.words.iter().filter(|w| content(new, w)).collect();
    let old_texts: Vec<&str> = old_words.iter().map(|w| w.text.as_str()).collect();
    let new_texts: Vec<&str> = new_words.iter().map(|w| w.text.as_str()).collect();
    let ops = capture_diff_slices(Algorithm::Myers, &old_texts, &new_texts);

    let mut matched: Vec<Option<usize>> = vec![None; new_words.len()];
    let mut places: Vec<usize> = vec![0; new.pages.len()];
    let mut numbers: Vec<usize> = vec![0; new.pages.len()];
    let mut marks: Vec<Vec<Rect>> = vec![vec![]; new.pages.len()];
    let mut old_marks: BTreeMap<usize, Vec<Rect>> = BTreeMap::new();
    for op in &ops {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = *op
        {
            for k in 0..len {
                matched[new_index + k] = Some(old_index + k);
            }
            continue;
        }
        let (old_range, new_range) = (op.old_range(), op.new_range());
        let edit = classify(&old_words[old_range.clone()], &new_words[new_range.clone()]);
        if edit == Edit::Rebroken {
            // The same words, broken into lines anew: they moved.
            let last_old = old_range.end - 1;
            for (k, new_index) in new_range.clone().enumerate() {
                matched[new_index] = Some((old_range.start + k).min(last_old));
            }
        }
        let counts = match edit {
            Edit::Rebroken => continue,
            Edit::Renumbered => &mut numbers,
            Edit::Text => &mut places,
        };
        for word in &old_words[old_range] {
            old_marks.entry(word.page).or_default().push(word.bbox);
        }
        // A deletion is shown at the word before it (or after it, at the
        // very start).
        let shown: &[&Word] = if new_range.is_empty() {
            let at = new_range.start;
            let neighbour = at.checked_sub(1).or((at < new_words.len()).then_some(at));
            match neighbour {
                Some(i) => &new_words[i..=i],
                None => &[],
            }
        } else {
            &new_words[new_range]
        };
        let mut pages: Vec<usize> = shown.iter().map(|w| w.page).collect();
        pages.dedup();
        for page in pages {
            if let Some(count) = counts.get_mut(page) {
                *count += 1;
            }
        }
        for word in shown {
            if let Some(page_marks) = marks.get_mut(word.page) {
                page_marks.push(word.bbox);
            }
        }
    }

    let stationary: Vec<bool> = new_words
        .iter()
        .zip(&matched)
        .map(|(word, old_word)| old_word.is_some_and(|o| same_place(word, old_words[o])))
        .collect();
    let mut old_stationary = vec![false; old_words.len()];
    for (new_index, old_word) in matched.iter().enumerate() {
        if let Some(o) = old_word {
            old_stationary[*o] = stationary[new_index];
        }
    }
    let new_lines = moving_lines_before(&new_words, &stationary);
    let old_lines = moving_lines_before(&old_words, &old_stationary);

    let pages = (0..new.pages.len())
        .map(|page| {
            let on_page: Vec<usize> = (0..new_words.len())
                .filter(|&i| new_words[i].page == page)
                .collect();
            let old_page = most_common(
                on_page
                    .iter()
                    .filter_map(|&i| matched[i])
                    .map(|o| old_words[o].page),
            )
            .or((page < old.pages.len()).then_some(page));
            let mut page_marks = std::mem::take(&mut marks[page]);
            let mut page_old_marks = old_page
                .and_then(|p| old_marks.get(&p).cloned())
                .unwrap_or_default();
            let first_moved = on_page
                .iter()
                .find(|&&i| matched[i].is_some() && !stationary[i]);
            // Where (almost) nothing moved, the pixels show what the words
            // do not: a colour, a rule, a chart. Where text reflowed,
            // every pixel below would differ.
            let moved = on_page
                .iter()
                .filter(|&&i| matched[i].is_some() && !stationary[i])
                .count();
            let drawn = match old.pages.get(page) {
                Some(old_image) if old_page == Some(page) && moved * 10 <= on_page.len() => {
                    differing_regions(old_image, &new.pages[page], new.scale)
                }
                _ => vec![],
            };
            let change = if places[page] > 0 {
                Change::TextChanged {
                    places: places[page],
                }
            } else if let Some(&i) = first_moved {
                let (word, was) = (new_words[i], old_words[matched[i].unwrap_or_default()]);
                Change::Moved {
                    lines: new_lines[word.line] as i64 - old_lines[was.line] as i64,
                    pages: same_place_on_page(word, was)
                        .then(|| word.page as i64 - was.page as i64),
                    numbers: numbers[page],
                }
            } else if numbers[page] > 0 {
                Change::NumbersChanged {
                    numbers: numbers[page],
                }
            } else if drawn.is_empty() && page < old.pages.len() {
                Change::Unchanged
            } else {
                // Drawn differently, or a page the old version did not
                // have, without words.
                Change::DrawingChanged
            };
            page_marks.extend_from_slice(&drawn);
            page_old_marks.extend(drawn);
            PageComparison {
                change,
                old_page,
                marks: regions(page_marks),
                old_marks: regions(page_old_marks),
            }
        })
        .collect();
    Comparison {
        pages,
        old_page_count: old.pages.len(),
    }
}

/// What a run of words the word-level diff found replaced is.
#[derive(Debug, PartialEq, Eq)]
enum Edit {
    /// The same characters, broken into lines elsewhere (a URL, which
    /// breaks without a hyphen).
    Rebroken,
    /// The same characters but for digits replaced by digits: a page
    /// reference, a page number in the contents, a figure.
    Renumbered,
    /// An edit of the text.
    Text,
}

fn classify(old: &[&Word], new: &[&Word]) -> Edit {
    if old.is_empty() || new.is_empty() {
        return Edit::Text;
    }
    let chars =
        |words: &[&Word]| -> Vec<char> { words.iter().flat_map(|w| w.text.chars()).collect() };
    let (old, new) = (chars(old), chars(new));
    let ops = capture_diff_slices(Algorithm::Myers, &old, &new);
    let digits = |chars: &[char]| !chars.is_empty() && chars.iter().all(char::is_ascii_digit);
    let mut edits = ops
        .iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .peekable();
    if edits.peek().is_none() {
        Edit::Rebroken
    } else if edits.all(|op| digits(&old[op.old_range()]) && digits(&new[op.new_range()])) {
        Edit::Renumbered
    } else {
        Edit::Text
    }
}

fn same_place(new: &Word, old: &Word) -> bool {
    new.page == old.page && same_place_on_page(new, old)
}

fn same_place_on_page(new: &Word, old: &Word) -> bool {
    (new.bbox.x0 - old.bbox.x0).abs() < SAME_PLACE && (new.bbox.y0 - old.bbox.y0).abs() < SAME_PLACE
}

/// For each line of the document, how many lines before it hold a word
/// that is not where it was (inserted, deleted, or moved). Lines that stay
/// put (running heads, page numbers, text before an edit) are not counted,
/// so the difference between a word's count in the new and the old version
/// is the number of lines added before it.
fn moving_lines_before(words: &[&Word], stationary: &[bool]) -> Vec<usize> {
    let lines = words.last().map_or(0, |w| w.line + 1);
    let mut moving = vec![false; lines];
    for (word, &still) in words.iter().zip(stationary) {
        moving[word.line] |= !still;
    }
    let mut before = Vec::with_capacity(lines + 1);
    let mut count = 0;
    for line_moves in moving {
        before.push(count);
        count += usize::from(line_moves);
    }
    before
}

/// Word boxes joined into the regions a reviewer looks at: words on one
/// line, and lines one under the other, become one box.
fn regions(mut boxes: Vec<Rect>) -> Vec<Rect> {
    let near = |a: &Rect, b: &Rect| a.inflate(6.0, 6.0).overlaps(*b);
    let mut joined = true;
    while joined {
        joined = false;
        let mut merged: Vec<Rect> = Vec::with_capacity(boxes.len());
        for rect in boxes {
            match merged.iter_mut().find(|m| near(m, &rect)) {
                Some(into) => {
                    *into = into.union(rect);
                    joined = true;
                }
                None => merged.push(rect),
            }
        }
        boxes = merged;
    }
    boxes
}

fn most_common(values: impl Iterator<Item = usize>) -> Option<usize> {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for value in values {
        *counts.entry(value).or_default() += 1;
    }
    // The lowest page among equals, so the answer never depends on order.
    let best = counts.values().copied().max()?;
    counts.into_iter().find(|&(_, n)| n == best).map(|(v, _)| v)
}

/// Cells of this many points are compared at once; the regions of a
/// drawing change are made of them.
const CELL: f64 = 6.0;

/// Where two renderings of a page differ, as rectangles in points: cells
/// with a pixel differing visibly, joined with their neighbours.
fn differing_regions(old: &RgbaImage, new: &RgbaImage, scale: f32) -> Vec<Rect> {
    if old.dimensions() != new.dimensions() {
        let (w, h) = new.dimensions();
        let scale = f64::from(scale);
        return vec![Rect::new(
            0.0,
            0.0,
            f64::from(w) / scale,
            f64::from(h) / scale,
        )];
    }
    let cell = ((CELL * f64::from(scale)).round() as u32).max(1);
    let (columns, rows) = (new.width().div_ceil(cell), new.height().div_ceil(cell));
    let mut differs = vec![false; (columns * rows) as usize];
    for (x, y, pixel) in new.enumerate_pixels() {
        let before = old.get_pixel(x, y);
        let visible = pixel
            .0
            .iter()
            .zip(before.0)
            .any(|(a, b)| a.abs_diff(b) > 32);
        if visible {
            differs[((y / cell) * columns + x / cell) as usize] = true;
        }
    }
    let mut regions = vec![];
    let mut seen = vec![false; differs.len()];
    for start in 0..differs.len() {
        if !differs[start] || seen[start] {
            continue;
        }
        // The connected cells (8 neighbours) around `start`.
        let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(index) = stack.pop() {
            let (cx, cy) = (index as u32 % columns, index as u32 / columns);
            (x0, y0, x1, y1) = (x0.min(cx), y0.min(cy), x1.max(cx), y1.max(cy));
            for ny in cy.saturating_sub(1)..=(cy + 1).min(rows - 1) {
                for nx in cx.saturating_sub(1)..=(cx + 1).min(columns - 1) {
                    let next = (ny * columns + nx) as usize;
                    if differs[next] && !seen[next] {
                        seen[next] = true;
                        stack.push(next);
                    }
                }
            }
        }
        let to_points = |cells: u32| f64::from(cells * cell) / f64::from(scale);
        regions.push(Rect::new(
            to_points(x0),
            to_points(y0),
            to_points(x1 + 1),
            to_points(y1 + 1),
        ));
    }
    regions
}

/// One line per page, or per run of pages alike, for the reviewer:
/// "page 7: text changed in 3 places", "pages 8–16: moved down by one line".
pub fn summary(comparison: &Comparison) -> Vec<String> {
    let mut lines = vec![];
    let mut runs: Vec<(usize, usize, String)> = vec![];
    for (index, page) in comparison.pages.iter().enumerate() {
        let what = describe(page.change);
        match runs.last_mut() {
            // A changed page always has its own line: each is one to look at.
            Some((_, last, previous)) if *previous == what && !is_change(page.change) => {
                *last = index;
            }
            _ => runs.push((index, index, what)),
        }
    }
    for (first, last, what) in runs {
        lines.push(format!("{}: {what}", pages(first, last)));
    }
    let new_count = comparison.pages.len();
    if comparison.old_page_count > new_count {
        lines.push(format!(
            "{} of the old version: no longer there",
            pages(new_count, comparison.old_page_count - 1)
        ));
    }
    lines
}

/// A change a reviewer has to look at, shown beside the old page.
pub(crate) fn is_change(change: Change) -> bool {
    matches!(
        change,
        Change::TextChanged { .. }
            | Change::DrawingChanged
            | Change::NumbersChanged { .. }
            | Change::Moved { numbers: 1.., .. }
    )
}

/// "page 7" or "pages 8–16", 1-based.
fn pages(first: usize, last: usize) -> String {
    if first == last {
        format!("page {}", first + 1)
    } else {
        format!("pages {}–{}", first + 1, last + 1)
    }
}

/// What happened to a page, in words.
pub fn describe(change: Change) -> String {
    let count = |n: u64, one: &str, many: &str| match n {
        1 => format!("one {one}"),
        _ => format!("{n} {many}"),
    };
    if let Change::Moved {
        lines,
        pages,
        numbers: numbers @ 1..,
    } = change
    {
        let moved = describe(Change::Moved {
            lines,
            pages,
            numbers: 0,
        });
        let numbers = count(numbers as u64, "number", "numbers");
        return format!("{moved}, {numbers} changed");
    }
    match change {
        Change::Unchanged => "unchanged".into(),
        Change::Moved {
            pages: Some(pages), ..
        } if pages != 0 => format!(
            "moved {} by {}",
            if pages > 0 { "on" } else { "back" },
            count(pages.unsigned_abs(), "page", "pages")
        ),
        Change::Moved { lines: 0, .. } => "moved".into(),
        Change::Moved { lines, .. } => format!(
            "moved {} by {}",
            if lines > 0 { "down" } else { "up" },
            count(lines.unsigned_abs(), "line", "lines")
        ),
        Change::TextChanged { places } => format!(
            "text changed in {}",
            count(places as u64, "place", "places")
        ),
        Change::DrawingChanged => "drawing changed".into(),
        Change::NumbersChanged { numbers } => {
            format!("{} changed", count(numbers as u64, "number", "numbers"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, page: usize, line: usize) -> Word {
        let y = line as f64 * 12.0 - page as f64 * 100.0;
        Word {
            text: text.into(),
            page,
            bbox: Rect::new(0.0, y, 10.0, y + 10.0),
            line,
        }
    }

    fn rendered(words: Vec<Word>, pages: usize) -> Rendered {
        Rendered {
            pages: vec![RgbaImage::new(4, 4); pages],
            words,
            tagged: false,
            scale: 1.0,
        }
    }

    #[test]
    fn an_added_line_changes_its_page_and_moves_the_next() {
        let old = rendered(
            vec![
                word("a", 0, 0),
                word("b", 0, 1),
                word("c", 1, 2),
                word("d", 1, 3),
            ],
            2,
        );
        let new = rendered(
            vec![
                word("a", 0, 0),
                word("new", 0, 1),
                word("b", 1, 2),
                word("c", 1, 3),
                word("d", 1, 4),
            ],
            2,
        );
        let comparison = compare(&old, &new, &[]);
        let changes: Vec<Change> = comparison.pages.iter().map(|p| p.change).collect();
        assert_eq!(
            changes,
            [
                Change::TextChanged { places: 1 },
                Change::Moved {
                    lines: 1,
                    pages: None,
                    numbers: 0
                }
            ]
        );
        assert_eq!(
            summary(&comparison),
            [
                "page 1: text changed in one place",
                "page 2: moved down by one line"
            ]
        );
    }

    #[test]
    fn a_url_broken_elsewhere_is_moved_and_a_page_reference_renumbered() {
        let old = rendered(
            vec![
                word("see", 0, 0),
                word("page", 0, 0),
                word("14", 0, 0),
                word("http://a.org/", 0, 1),
                word("b/c.html", 0, 2),
            ],
            1,
        );
        let new = rendered(
            vec![
                word("see", 0, 1),
                word("page", 0, 1),
                word("15", 0, 1),
                word("http://a.org/b/", 0, 2),
                word("c.html", 0, 3),
            ],
            1,
        );
        let comparison = compare(&old, &new, &[]);
        assert_eq!(
            comparison.pages[0].change,
            Change::Moved {
                lines: 0,
                pages: None,
                numbers: 1
            }
        );
        assert_eq!(summary(&comparison), ["page 1: moved, one number changed"]);
        // A number replaced by a word is an edit.
        let edited = rendered(
            vec![
                word("see", 0, 0),
                word("page", 0, 0),
                word("fourteen", 0, 0),
            ],
            1,
        );
        let comparison = compare(&old, &edited, &[]);
        assert_eq!(
            comparison.pages[0].change,
            Change::TextChanged { places: 1 }
        );
    }

    #[test]
    fn alike_pages_are_one_line_but_changed_pages_each_have_theirs() {
        let alike = |change| PageComparison {
            change,
            old_page: None,
            marks: vec![],
            old_marks: vec![],
        };
        let comparison = Comparison {
            pages: vec![
                alike(Change::Unchanged),
                alike(Change::Unchanged),
                alike(Change::TextChanged { places: 2 }),
                alike(Change::TextChanged { places: 2 }),
                alike(Change::Moved {
                    lines: 3,
                    pages: None,
                    numbers: 0,
                }),
                alike(Change::Moved {
                    lines: 3,
                    pages: None,
                    numbers: 0,
                }),
                alike(Change::Moved {
                    lines: 30,
                    pages: Some(1),
                    numbers: 0,
                }),
            ],
            old_page_count: 8,
        };
        assert_eq!(
            summary(&comparison),
            [
                "pages 1–2: unchanged",
                "page 3: text changed in 2 places",
                "page 4: text changed in 2 places",
                "pages 5–6: moved down by 3 lines",
                "page 7: moved on by one page",
                "page 8 of the old version: no longer there",
            ]
        );
    }
}
#[cfg(test)]
mod regions_tests {
    use super::*;
    #[test]
    fn words_of_a_paragraph_are_one_region() {
        let boxes = vec![
            Rect::new(0.0, 0.0, 10.0, 9.0),
            Rect::new(12.0, 0.0, 20.0, 9.0),
            Rect::new(0.0, 12.0, 10.0, 21.0),
        ];
        assert_eq!(regions(boxes), [Rect::new(0.0, 0.0, 20.0, 21.0)]);
    }
}
