//! Black text overprints: small type in 100% black ink is printed on top
//! of whatever lies under it instead of knocking it out.
//!
//! Knocked out, every letter leaves a letter-shaped hole in the colours
//! beneath it that black must fill exactly; the slightest misregistration
//! shows a white or coloured hairline beside the strokes of small type.
//! Overprinted, the colours run on under the black, which covers them. Text
//! below 24 pt in a black is already set in black ink alone
//! (`color::print_text_cmyk`); this gives it an extended graphics state
//! with `/OP true /op true /OPM 1`: overprint for strokes and fills, and in
//! the nonzero overprint mode, so the zero C, M and Y of `0 0 0 1 k` leave
//! the other plates as they are rather than erasing them.
//!
//! krilla has no overprint, so like the output intent this is added to its
//! file in the incremental update: each page whose content shows such text
//! gets the state in its resources and a new content stream in which each
//! such text object (`BT … ET`) is wrapped in `q /FolioOverprint gs … Q`.
//! Coloured text, display sizes and everything else keep knocking out.
//!
//! The content is read with `lopdf::content`, tracking the graphics state
//! (`q`/`Q`, the CTM, the fill colour and the font size) so the size is the
//! one on paper. A text object is wrapped only when wrapping changes nothing
//! else: when the `Q` of its enclosing state follows its `ET` (krilla draws
//! each run in a `q … Q` of its own), or when it sets no state that would
//! outlive it. Only page content is read: krilla puts content in form
//! XObjects for masks and group opacity, which Folio's text never has.

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, IncrementalDocument, Object, ObjectId, Stream, dictionary};

/// The resource name of the overprinting state.
pub(crate) const STATE: &str = "FolioOverprint";

/// Type at or above this size keeps knocking out: the size from which
/// `color.rs` lets display type keep its colours.
const BELOW: f32 = 24.0;

/// Adds the overprinting state to the pages of `update`'s document whose
/// black text needs it, with their content rewritten to use it.
pub(crate) fn add(update: &mut IncrementalDocument) -> Result<(), String> {
    let pages: Vec<ObjectId> = update
        .get_prev_documents()
        .get_pages()
        .into_values()
        .collect();
    let mut state = None;
    for page in pages {
        let doc = update.get_prev_documents();
        let content = doc
            .get_page_content_with_limit(page, MAX_CONTENT)
            .map_err(|e| format!("page content: {e}"))?;
        let content = Content::decode(&content).map_err(|e| format!("page content: {e}"))?;
        let Some(operations) = wrap(&content.operations) else {
            continue;
        };
        if page_has_state(doc, page) {
            return Err(format!("a page already has a graphics state named {STATE}"));
        }
        let state = *state.get_or_insert_with(|| {
            update.new_document.add_object(dictionary! {
                "Type" => "ExtGState",
                "OP" => true,
                "op" => true,
                "OPM" => 1,
            })
        });
        let bytes = Content { operations }
            .encode()
            .map_err(|e| format!("page content: {e}"))?;
        let mut stream = Stream::new(Dictionary::new(), bytes);
        stream.compress().map_err(|e| e.to_string())?;
        let contents = update.new_document.add_object(stream);
        update
            .opt_clone_object_to_new_document(page)
            .map_err(|e| e.to_string())?;
        update
            .new_document
            .get_dictionary_mut(page)
            .map_err(|e| e.to_string())?
            .set("Contents", contents);
        update
            .add_graphics_state(page, STATE, state)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// A bound on a page's decompressed content: krilla's pages are far
/// smaller, and lopdf is asked not to inflate anything larger.
const MAX_CONTENT: usize = 64 << 20;

fn page_has_state(doc: &Document, page: ObjectId) -> bool {
    let Ok((resources, ids)) = doc.get_page_resources(page) else {
        return false;
    };
    let dicts = resources
        .into_iter()
        .chain(ids.iter().filter_map(|&id| doc.get_dictionary(id).ok()));
    dicts
        .filter_map(|r| r.get(b"ExtGState").ok())
        .filter_map(|s| match s {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            other => other.as_dict().ok(),
        })
        .any(|states| states.has(STATE.as_bytes()))
}

/// The graphics state that decides whether text overprints.
#[derive(Debug, Clone, Copy)]
struct State {
    /// The CTM's linear part `[a b c d]`.
    ctm: [f32; 4],
    /// Whether the fill colour is `0 0 0 1 k`.
    solid_black: bool,
    font_size: f32,
}

/// `operations` with each text object in solid black below display size
/// wrapped in the overprinting state, or `None` if there is none.
fn wrap(operations: &[Operation]) -> Option<Vec<Operation>> {
    let mut out = Vec::with_capacity(operations.len());
    let mut stack = Vec::new();
    let mut state = State {
        ctm: [1.0, 0.0, 0.0, 1.0],
        solid_black: false,
        font_size: 0.0,
    };
    let mut wrapped = false;
    let mut i = 0;
    while i < operations.len() {
        let op = &operations[i];
        if op.operator == "BT" {
            let end = operations[i..]
                .iter()
                .position(|op| op.operator == "ET")
                .map_or(operations.len(), |n| i + n);
            let block = &operations[i..(end + 1).min(operations.len())];
            let (overprints, after) = text_object(block, state);
            let closed = end < operations.len();
            let restored = operations.get(end + 1).is_some_and(|op| op.operator == "Q");
            if overprints && closed && (restored || sets_no_lasting_state(block)) {
                out.push(Operation::new("q", vec![]));
                out.push(Operation::new("gs", vec![Object::Name(STATE.into())]));
                out.extend_from_slice(block);
                out.push(Operation::new("Q", vec![]));
                wrapped = true;
            } else {
                out.extend_from_slice(block);
                state = after;
            }
            i = end + 1;
            continue;
        }
        match op.operator.as_str() {
            "q" => stack.push(state),
            "Q" => state = stack.pop().unwrap_or(state),
            "cm" => {
                if let Some([a, b, c, d, _, _]) = numbers::<6>(&op.operands) {
                    state.ctm = multiply([a, b, c, d], state.ctm);
                }
            }
            _ => state = after_setting(state, op),
        }
        out.push(op.clone());
        i += 1;
    }
    wrapped.then_some(out)
}

/// Whether every glyph the text object `block` shows is solid black below
/// display size, and the state after it.
fn text_object(block: &[Operation], mut state: State) -> (bool, State) {
    let mut matrix = [1.0, 0.0, 0.0, 1.0];
    let mut shows = false;
    let mut all_black_and_small = true;
    for op in block {
        match op.operator.as_str() {
            "Tm" => {
                if let Some([a, b, c, d, _, _]) = numbers::<6>(&op.operands) {
                    matrix = [a, b, c, d];
                }
            }
            "Tj" | "TJ" | "'" | "\"" => {
                shows = true;
                let scale = determinant(multiply(matrix, state.ctm)).abs().sqrt();
                let size = state.font_size.abs() * scale;
                all_black_and_small &= state.solid_black && size < BELOW;
            }
            _ => state = after_setting(state, op),
        }
    }
    (shows && all_black_and_small, state)
}

/// `state` after an operator that may set the fill colour or the font.
fn after_setting(mut state: State, op: &Operation) -> State {
    match op.operator.as_str() {
        "k" => {
            state.solid_black = numbers(&op.operands).is_some_and(|n: [f32; 4]| {
                let [c, m, y, k] = n;
                c.max(m).max(y) < 1e-3 && k > 1.0 - 1e-3
            });
        }
        "g" | "rg" | "sc" | "scn" | "cs" => state.solid_black = false,
        "Tf" => {
            if let Some(size) = op.operands.get(1).and_then(|n| n.as_float().ok()) {
                state.font_size = size;
            }
        }
        _ => {}
    }
    state
}

/// Operators inside a text object whose effect outlives its `ET`: the text
/// state, colours and general graphics state. A text object with none of
/// them can be wrapped in `q … Q` whatever follows it.
fn sets_no_lasting_state(block: &[Operation]) -> bool {
    const LASTING: [&str; 17] = [
        "Tc", "Tw", "Tz", "TL", "Tf", "Tr", "Ts", "'", "\"", "k", "g", "rg", "sc", "scn", "cs",
        "gs", "d",
    ];
    !block
        .iter()
        .any(|op| LASTING.contains(&op.operator.as_str()))
}

/// The first `N` operands as numbers, if they are.
fn numbers<const N: usize>(operands: &[Object]) -> Option<[f32; N]> {
    let values: Vec<f32> = operands
        .iter()
        .take(N)
        .map(|o| o.as_float().ok())
        .collect::<Option<_>>()?;
    values.try_into().ok()
}

/// `m × n` for the linear parts `[a b c d]` of two PDF matrices.
fn multiply(m: [f32; 4], n: [f32; 4]) -> [f32; 4] {
    let [a, b, c, d] = m;
    let [e, f, g, h] = n;
    [a * e + b * g, a * f + b * h, c * e + d * g, c * f + d * h]
}

fn determinant([a, b, c, d]: [f32; 4]) -> f32 {
    a * d - b * c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(content: &str) -> Vec<Operation> {
        Content::decode(content.as_bytes()).unwrap().operations
    }

    fn operators(operations: &[Operation]) -> String {
        operations
            .iter()
            .map(|op| op.operator.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn small_solid_black_text_is_wrapped() {
        let wrapped = wrap(&ops(
            "q 1 0 0 -1 30 800 cm 0 0 0 1 k BT /f0 10 Tf 1 0 0 -1 5 5 Tm (a) Tj ET Q",
        ))
        .unwrap();
        assert_eq!(operators(&wrapped), "q cm k q gs BT Tf Tm Tj ET Q Q");
        assert_eq!(wrapped[4].operands, [Object::Name(STATE.into())]);
    }

    #[test]
    fn colours_rich_black_and_display_sizes_knock_out() {
        for content in [
            // A colour.
            "q 0.9 0.4 0.4 0.4 k BT /f0 10 Tf (a) Tj ET Q",
            // A rich black.
            "q 0.6 0.4 0.4 1 k BT /f0 10 Tf (a) Tj ET Q",
            // 24 pt.
            "q 0 0 0 1 k BT /f0 24 Tf (a) Tj ET Q",
            // 12 pt scaled up twice by the CTM.
            "q 2 0 0 2 0 0 cm 0 0 0 1 k BT /f0 12 Tf (a) Tj ET Q",
            // A named colour space (registration).
            "q /C0 cs 1 scn BT /f0 6 Tf (a) Tj ET Q",
        ] {
            assert!(wrap(&ops(content)).is_none(), "{content}");
        }
    }

    #[test]
    fn state_outside_the_text_object_is_tracked() {
        // Black set before a q applies inside it; the Q restores the
        // colour from before, so the second object is cyan.
        let wrapped = wrap(&ops(
            "0 1 0 0 k q 0 0 0 1 k BT /f0 9 Tf (a) Tj ET Q BT /f0 9 Tf (b) Tj ET",
        ))
        .unwrap();
        assert_eq!(
            operators(&wrapped),
            "k q k q gs BT Tf Tj ET Q Q BT Tf Tj ET"
        );
    }

    #[test]
    fn text_setting_lasting_state_is_wrapped_only_when_a_restore_follows() {
        // The Tf inside would be undone by the wrapping Q: left alone.
        assert!(wrap(&ops("0 0 0 1 k BT /f0 9 Tf (a) Tj ET 0 0 Td")).is_none());
        // Positioning and showing only: wrapped.
        let wrapped = wrap(&ops("0 0 0 1 k /f0 9 Tf BT 1 1 Td (a) Tj ET")).unwrap();
        assert_eq!(operators(&wrapped), "k Tf q gs BT Td Tj ET Q");
    }

    #[test]
    fn a_text_object_without_its_end_is_left_alone() {
        assert!(wrap(&ops("0 0 0 1 k BT /f0 9 Tf (a) Tj")).is_none());
    }
}
