//! Total-fit line breaking after Knuth and Plass, "Breaking Paragraphs
//! into Lines" (1981).
//!
//! A paragraph is a sequence of boxes (unbreakable material), glue (space
//! that can stretch and shrink) and penalties (possible breaks with a cost).
//! Instead of filling lines one at a time, the breaker chooses the set of
//! breaks that minimises the total demerits of the paragraph, which is what
//! gives evenly spaced justified text without rivers of loose lines.
//!
//! Two departures from the paper, both for robustness on arbitrary input:
//! - When no feasible break remains (a word wider than the measure), the
//!   least overfull break is forced instead of failing, and reported.
//! - Ragged text uses the same algorithm with a badness that measures the
//!   empty space at the line end, which balances line lengths instead of
//!   filling greedily.

/// An element of the paragraph, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Element {
    Box {
        width: f32,
    },
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    Penalty {
        width: f32,
        cost: f32,
        flagged: bool,
    },
}

/// A penalty this large forbids a break; its negative forces one.
pub const INFINITE_PENALTY: f32 = 10_000.0;

/// How lines are set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    /// Lines are stretched to the measure; the last line is ragged.
    Justified,
    /// Lines keep their natural spacing; the breaker balances their ends.
    Ragged,
}

/// One chosen break: the element index where the line ends and the
/// adjustment ratio to apply to that line's glue.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    pub index: usize,
    pub ratio: f32,
    /// The line is wider than the measure even fully shrunk.
    pub overfull: bool,
}

// TeX's plain values: a reader minds a column of hyphens, a hyphen that
// leaves a short last line below it, and a loose line next to a tight one
// (a change of texture) more than a little uneven spacing.
const LINE_PENALTY: f32 = 10.0;
/// Two hyphenated lines in a row (`\doublehyphendemerits`).
const DOUBLE_HYPHEN_DEMERITS: f32 = 10_000.0;
/// A hyphen on the line before a forced break, the paragraph's last line
/// or a line break (`\finalhyphendemerits`): a fragment alone on a short line.
const FINAL_HYPHEN_DEMERITS: f32 = 5_000.0;
/// Lines of fitness classes more than one apart in a row (`\adjdemerits`).
const FITNESS_DEMERITS: f32 = 10_000.0;
/// Badness assigned to lines beyond the tolerance in the second pass, and
/// to overfull lines, so they are chosen only when nothing else works.
pub(super) const AWFUL_BADNESS: f32 = 1.0e7;

#[derive(Debug, Clone, Copy)]
struct Node {
    /// Element index of the break (or `usize::MAX` for the paragraph start).
    index: usize,
    line: usize,
    fitness: u8,
    /// Totals of the elements before the first element of the next line.
    width: f32,
    stretch: f32,
    shrink: f32,
    demerits: f32,
    ratio: f32,
    overfull: bool,
    previous: Option<usize>,
}

/// Chooses breaks for `elements` set in lines of `measure` points. The last
/// element must be a forced break. Returns the breaks in order.
pub fn break_lines(elements: &[Element], measure: f32, mode: Mode) -> Vec<Break> {
    // First pass: only lines within a tolerance TeX would accept. If no
    // such set of breaks exists, or it needs overfull lines, allow loose
    // lines too.
    let strict = run(elements, measure, mode, STRICT_TOLERANCE, Lines::Best);
    if !strict.is_empty() && strict.iter().all(|b| !b.overfull) {
        return strict;
    }
    run(elements, measure, mode, f32::INFINITY, Lines::Best)
}

/// The breaks of the paragraph set one line shorter than its best
/// (TeX's `\looseness=-1`), with every line within the tolerance, if
/// there are such breaks: copyfitting's last resort, for a paragraph whose
/// last line holds a word or two.
pub fn break_lines_shorter(elements: &[Element], measure: f32, mode: Mode) -> Option<Vec<Break>> {
    let breaks = run(elements, measure, mode, STRICT_TOLERANCE, Lines::OneFewer);
    (!breaks.is_empty() && breaks.iter().all(|b| !b.overfull)).then_some(breaks)
}

/// The tolerance of the first pass: lines TeX would accept.
const STRICT_TOLERANCE: f32 = 2.5;

/// How many lines the breaks are chosen for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Lines {
    /// As many as the least demerits need.
    Best,
    /// One fewer than that: the best breaks are kept for every line count,
    /// not only for every fitness class, so that each count has its own.
    OneFewer,
}

fn run(elements: &[Element], measure: f32, mode: Mode, tolerance: f32, lines: Lines) -> Vec<Break> {
    let totals = Totals::new(elements);
    let mut nodes = vec![Node {
        index: usize::MAX,
        line: 0,
        fitness: 1,
        width: 0.0,
        stretch: 0.0,
        shrink: 0.0,
        demerits: 0.0,
        ratio: 0.0,
        overfull: false,
        previous: None,
    }];
    let mut active: Vec<usize> = vec![0];
    // The active nodes that stay active past this breakpoint; swapped with
    // `active` after each, so no breakpoint allocates.
    let mut survivors: Vec<usize> = Vec::new();
    // The best new node at a breakpoint for each fitness class (and line
    // count, for `Lines::OneFewer`).
    let mut best: Vec<Node> = Vec::new();

    for (b, element) in elements.iter().enumerate() {
        let (penalty_width, cost, flagged) = match *element {
            Element::Penalty {
                width,
                cost,
                flagged,
            } if cost < INFINITE_PENALTY => (width, cost, flagged),
            Element::Glue { .. } if b > 0 && matches!(elements[b - 1], Element::Box { .. }) => {
                (0.0, 0.0, false)
            }
            _ => continue,
        };
        let forced = cost <= -INFINITE_PENALTY;

        best.clear();
        survivors.clear();
        let mut least_overfull: Option<(usize, f32)> = None;
        for &a in &active {
            let node = nodes[a];
            let width = totals.width[b] - node.width + penalty_width;
            let stretch = totals.stretch[b] - node.stretch;
            let shrink = totals.shrink[b] - node.shrink;
            let ratio = adjustment_ratio(width, stretch, shrink, measure, mode);
            if ratio < -1.0 || forced {
                // The line from `a` can only get longer: `a` is done.
            } else {
                survivors.push(a);
            }
            if ratio < -1.0 {
                let excess = width - shrink - measure;
                if least_overfull.is_none_or(|(_, e)| excess < e) {
                    least_overfull = Some((a, excess));
                }
                continue;
            }
            let badness = badness(ratio, mode);
            let badness = if badness > badness_limit(tolerance) {
                AWFUL_BADNESS
            } else {
                badness
            };
            if badness >= AWFUL_BADNESS && tolerance.is_finite() {
                continue;
            }
            let fitness = fitness_class(ratio);
            let mut demerits = (LINE_PENALTY + badness).powi(2);
            if cost >= 0.0 {
                demerits += cost * cost;
            } else if !forced {
                demerits -= cost * cost;
            }
            if node_is_flagged(elements, node.index) {
                if flagged {
                    demerits += DOUBLE_HYPHEN_DEMERITS;
                } else if forced {
                    demerits += FINAL_HYPHEN_DEMERITS;
                }
            }
            if fitness.abs_diff(node.fitness) > 1 {
                demerits += FITNESS_DEMERITS;
            }
            let candidate = Node {
                index: b,
                line: node.line + 1,
                fitness,
                width: 0.0,
                stretch: 0.0,
                shrink: 0.0,
                demerits: node.demerits + demerits,
                ratio,
                overfull: false,
                previous: Some(a),
            };
            let same = |n: &&mut Node| {
                n.fitness == fitness && (lines == Lines::Best || n.line == candidate.line)
            };
            match best.iter_mut().find(same) {
                Some(slot) if candidate.demerits < slot.demerits => *slot = candidate,
                Some(_) => {}
                None => best.push(candidate),
            }
        }

        if best.is_empty() && survivors.is_empty() {
            // Nothing fits: force the least overfull line rather than fail.
            if let Some((a, _)) = least_overfull {
                let node = nodes[a];
                best.push(Node {
                    index: b,
                    line: node.line + 1,
                    fitness: 1,
                    width: 0.0,
                    stretch: 0.0,
                    shrink: 0.0,
                    demerits: node.demerits + AWFUL_BADNESS * 10.0,
                    ratio: -1.0,
                    overfull: true,
                    previous: Some(a),
                });
            }
        }
        std::mem::swap(&mut active, &mut survivors);
        let (width, stretch, shrink) = totals.after_break(elements, b);
        // In the order of their fitness classes, as ties are broken by order.
        best.sort_by_key(|n| (n.fitness, n.line));
        for mut node in best.drain(..) {
            node.width = width;
            node.stretch = stretch;
            node.shrink = shrink;
            nodes.push(node);
            active.push(nodes.len() - 1);
        }
    }

    let ends = || {
        active
            .iter()
            .copied()
            .filter(|&a| nodes[a].index == elements.len().saturating_sub(1))
    };
    let least = |ends: &mut dyn Iterator<Item = usize>| {
        ends.min_by(|&x, &y| nodes[x].demerits.total_cmp(&nodes[y].demerits))
    };
    let Some(mut last) = least(&mut ends()) else {
        return Vec::new();
    };
    if lines == Lines::OneFewer {
        let fewer = nodes[last].line.saturating_sub(1);
        match least(&mut ends().filter(|&a| nodes[a].line == fewer)) {
            Some(shorter) => last = shorter,
            None => return Vec::new(),
        }
    }
    let mut breaks = Vec::new();
    let mut cursor = Some(last);
    while let Some(i) = cursor {
        let node = nodes[i];
        if node.previous.is_some() {
            breaks.push(Break {
                index: node.index,
                ratio: node.ratio,
                overfull: node.overfull,
            });
        }
        cursor = node.previous;
    }
    breaks.reverse();
    breaks
}

fn node_is_flagged(elements: &[Element], index: usize) -> bool {
    matches!(
        elements.get(index),
        Some(Element::Penalty { flagged: true, .. })
    )
}

pub(super) fn adjustment_ratio(
    width: f32,
    stretch: f32,
    shrink: f32,
    measure: f32,
    mode: Mode,
) -> f32 {
    match mode {
        Mode::Justified if width < measure => {
            if stretch > 0.0 {
                (measure - width) / stretch
            } else {
                AWFUL_BADNESS
            }
        }
        Mode::Justified if width > measure => {
            if shrink > 0.0 {
                (measure - width) / shrink
            } else {
                -AWFUL_BADNESS
            }
        }
        Mode::Justified => 0.0,
        Mode::Ragged if width > measure + 0.01 => -AWFUL_BADNESS,
        // The final line's infinite glue makes its empty space free.
        Mode::Ragged if stretch.is_infinite() => 0.0,
        // Empty space as a fraction of a fifth of the measure: a line a
        // fifth short is as bad as a justified line stretched to its limit.
        Mode::Ragged => (measure - width) / (measure * 0.2),
    }
}

fn badness(ratio: f32, mode: Mode) -> f32 {
    let r = ratio.abs();
    match mode {
        Mode::Justified => (100.0 * r * r * r).min(AWFUL_BADNESS),
        Mode::Ragged => (100.0 * r * r).min(AWFUL_BADNESS),
    }
}

fn badness_limit(tolerance: f32) -> f32 {
    if tolerance.is_finite() {
        100.0 * tolerance.powi(3)
    } else {
        AWFUL_BADNESS * 0.5
    }
}

fn fitness_class(ratio: f32) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

/// Running sums of width, stretch and shrink before each element.
struct Totals {
    width: Vec<f32>,
    stretch: Vec<f32>,
    shrink: Vec<f32>,
}

impl Totals {
    fn new(elements: &[Element]) -> Self {
        let n = elements.len() + 1;
        let (mut width, mut stretch, mut shrink) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let (mut w, mut y, mut z) = (0.0f32, 0.0f32, 0.0f32);
        for element in elements {
            width.push(w);
            stretch.push(y);
            shrink.push(z);
            match *element {
                Element::Box { width } => w += width,
                Element::Glue {
                    width,
                    stretch,
                    shrink,
                } => {
                    w += width;
                    y += stretch;
                    z += shrink;
                }
                Element::Penalty { .. } => {}
            }
        }
        width.push(w);
        stretch.push(y);
        shrink.push(z);
        Totals {
            width,
            stretch,
            shrink,
        }
    }

    /// Totals at the start of the line after a break at `b`: glue and
    /// penalties right after a break are discarded, as in TeX.
    fn after_break(&self, elements: &[Element], b: usize) -> (f32, f32, f32) {
        let mut i = b;
        if matches!(elements[b], Element::Penalty { .. }) {
            i += 1;
        }
        while i < elements.len() {
            match elements[i] {
                Element::Box { .. } => break,
                Element::Penalty { cost, .. } if cost <= -INFINITE_PENALTY && i > b => break,
                _ => i += 1,
            }
        }
        (self.width[i], self.stretch[i], self.shrink[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(lengths: &[f32]) -> Vec<Element> {
        let mut out = Vec::new();
        for (i, &w) in lengths.iter().enumerate() {
            if i > 0 {
                out.push(Element::Glue {
                    width: 3.0,
                    stretch: 1.5,
                    shrink: 1.0,
                });
            }
            out.push(Element::Box { width: w });
        }
        out.push(Element::Glue {
            width: 0.0,
            stretch: f32::INFINITY,
            shrink: 0.0,
        });
        out.push(Element::Penalty {
            width: 0.0,
            cost: -INFINITE_PENALTY,
            flagged: false,
        });
        out
    }

    fn line_widths(elements: &[Element], breaks: &[Break]) -> Vec<f32> {
        let totals = Totals::new(elements);
        let mut start = 0.0;
        let mut out = Vec::new();
        for b in breaks {
            out.push(totals.width[b.index] - start);
            start = totals.after_break(elements, b.index).0;
        }
        out
    }

    #[test]
    fn every_line_fits_the_measure() {
        let lengths: Vec<f32> = (0..60).map(|i| 10.0 + (i * 7 % 23) as f32).collect();
        let elements = words(&lengths);
        let breaks = break_lines(&elements, 120.0, Mode::Justified);
        assert_eq!(breaks.last().unwrap().index, elements.len() - 1);
        for (w, b) in line_widths(&elements, &breaks).iter().zip(&breaks) {
            assert!(!b.overfull);
            // Natural width minus available shrink never exceeds the measure.
            assert!(b.ratio >= -1.0, "ratio {} width {w}", b.ratio);
        }
    }

    #[test]
    fn a_paragraph_can_be_set_one_line_shorter_within_the_tolerance() {
        // Words of 10 points with spaces of 4 (stretch 2, shrink 2.5) on a
        // measure of 68.4: five words a line are set almost at their
        // natural spacing, six only squeezed to nearly the limit. The best
        // setting of 12 words is 5 + 5 + 2; one line shorter, 6 + 6.
        let spaced = |count: usize| {
            let mut elements = words(&vec![10.0; count]);
            for element in &mut elements {
                if let Element::Glue {
                    width,
                    stretch,
                    shrink,
                } = element
                    && stretch.is_finite()
                {
                    (*width, *stretch, *shrink) = (4.0, 2.0, 2.5);
                }
            }
            elements
        };
        let elements = spaced(12);
        let best = break_lines(&elements, 68.4, Mode::Justified);
        assert_eq!(best.len(), 3);
        let shorter = break_lines_shorter(&elements, 68.4, Mode::Justified)
            .expect("the paragraph can lose a line");
        assert_eq!(shorter.len(), 2);
        assert_eq!(shorter.last().unwrap().index, elements.len() - 1);
        assert!((-1.0..0.0).contains(&shorter[0].ratio), "{shorter:?}");
        // Ten words fill two lines at best: there is no shorter setting.
        let full = spaced(10);
        assert_eq!(break_lines(&full, 68.4, Mode::Justified).len(), 2);
        assert!(break_lines_shorter(&full, 68.4, Mode::Justified).is_none());
    }

    /// Breaks greedily (first fit) at glue, for comparison: element indices.
    fn first_fit(elements: &[Element], measure: f32) -> Vec<usize> {
        let totals = Totals::new(elements);
        let mut breaks = vec![];
        let (mut start, mut last_glue) = (0.0, None);
        for (i, e) in elements.iter().enumerate() {
            if let Element::Box { .. } = e {
                if totals.width[i + 1] - start > measure
                    && let Some(g) = last_glue
                {
                    breaks.push(g);
                    start = totals.after_break(elements, g).0;
                }
            } else if let Element::Glue { .. } = e {
                last_glue = Some(i);
            }
        }
        breaks.push(elements.len() - 1);
        breaks
    }

    /// The objective Knuth–Plass minimises, for a given set of breaks.
    fn total_demerits(elements: &[Element], breaks: &[usize], measure: f32) -> Option<f32> {
        let totals = Totals::new(elements);
        let (mut width, mut stretch, mut shrink) = (0.0, 0.0, 0.0);
        let mut fitness = 1u8;
        let mut total = 0.0;
        for &b in breaks {
            let ratio = adjustment_ratio(
                totals.width[b] - width,
                totals.stretch[b] - stretch,
                totals.shrink[b] - shrink,
                measure,
                Mode::Justified,
            );
            let bad = badness(ratio, Mode::Justified);
            if ratio < -1.0 || bad > badness_limit(2.5) {
                return None;
            }
            let class = fitness_class(ratio);
            total += (LINE_PENALTY + bad).powi(2)
                + if class.abs_diff(fitness) > 1 {
                    FITNESS_DEMERITS
                } else {
                    0.0
                };
            fitness = class;
            (width, stretch, shrink) = totals.after_break(elements, b);
        }
        Some(total)
    }

    #[test]
    fn total_fit_is_never_worse_than_first_fit() {
        let mut compared = 0;
        for seed in 1..60u32 {
            let lengths: Vec<f32> = (0..80)
                .map(|i| 8.0 + ((i * seed + 3) * 13 % 17) as f32)
                .collect();
            let elements = words(&lengths);
            let ours: Vec<usize> = break_lines(&elements, 260.0, Mode::Justified)
                .iter()
                .map(|b| b.index)
                .collect();
            let ours = total_demerits(&elements, &ours, 260.0);
            // Only greedy solutions that TeX would accept are comparable; if
            // one exists, total fit must have found one at least as good.
            if let Some(greedy) = total_demerits(&elements, &first_fit(&elements, 260.0), 260.0) {
                let ours = ours.expect("a tolerable solution exists, so total fit finds one");
                assert!(ours <= greedy + 0.5, "seed {seed}: {ours} > {greedy}");
                compared += 1;
            }
        }
        assert!(
            compared > 10,
            "enough greedy solutions to compare with: {compared}"
        );
    }

    #[test]
    fn a_word_wider_than_the_measure_is_forced_and_flagged() {
        let elements = words(&[30.0, 500.0, 30.0]);
        let breaks = break_lines(&elements, 100.0, Mode::Justified);
        assert!(breaks.iter().any(|b| b.overfull));
        assert_eq!(breaks.last().unwrap().index, elements.len() - 1);
    }

    #[test]
    fn ragged_lines_never_exceed_the_measure() {
        let lengths: Vec<f32> = (0..40).map(|i| 8.0 + (i * 5 % 17) as f32).collect();
        let elements = words(&lengths);
        let breaks = break_lines(&elements, 100.0, Mode::Ragged);
        for w in line_widths(&elements, &breaks) {
            assert!(w <= 100.0 + 0.01, "{w}");
        }
    }
}
