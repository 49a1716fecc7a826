//! The content-stream interpreter behind text extraction.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::lines::{LineBuilder, Placement};
use super::matrix::Matrix;
use crate::font::FontDecoder;
use crate::objects::{
    as_dict, get, get_array, get_dict, get_name, number, resolve, stream_bytes, text_string,
};

/// Form XObjects may nest; real documents use a level or two. The bound
/// stops a self-referencing form.
const MAX_FORM_DEPTH: usize = 16;

/// Parses a content stream, keeping the operations before a syntax error
/// rather than losing the whole page to one bad token.
fn operations(content: &[u8]) -> Vec<Operation> {
    match Content::decode(content) {
        Ok(content) => content.operations,
        Err(_) => Content::decode_iter(content)
            .map_while(Result::ok)
            .collect(),
    }
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    font: Option<Rc<FontDecoder>>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    horizontal_scale: f32,
    leading: f32,
}

impl Default for GraphicsState {
    fn default() -> Self {
        Self {
            ctm: Matrix::IDENTITY,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
        }
    }
}

/// A `BMC`/`BDC` … `EMC` span. Two kinds matter: `/ActualText` spans, whose
/// text replaces that of the glyphs inside (krilla uses them where a glyph's
/// `/ToUnicode` entry cannot express the text, e.g. one glyph, two meanings),
/// and `/ReversedChars` spans, whose glyphs are shown in the reverse of
/// reading order (right-to-left text drawn left to right).
struct MarkedSpan {
    actual_text: Option<String>,
    emitted: bool,
    reversed: bool,
}

pub(super) struct Interpreter<'a> {
    doc: &'a Document,
    fonts: HashMap<ObjectId, Rc<FontDecoder>>,
    state: GraphicsState,
    saved: Vec<GraphicsState>,
    text_matrix: Matrix,
    line_matrix: Matrix,
    marked: Vec<MarkedSpan>,
    /// Glyphs of the current run of `/ReversedChars` spans, in drawing order.
    reversed: Vec<(Placement, Option<String>)>,
    /// The form XObjects being run, innermost last.
    forms: Vec<ObjectId>,
    lines: LineBuilder,
}

impl<'a> Interpreter<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Self {
            doc,
            fonts: HashMap::new(),
            state: GraphicsState::default(),
            saved: Vec::new(),
            text_matrix: Matrix::IDENTITY,
            line_matrix: Matrix::IDENTITY,
            marked: Vec::new(),
            reversed: Vec::new(),
            forms: Vec::new(),
            lines: LineBuilder::default(),
        }
    }

    /// Runs a page's content and returns the text it draws.
    pub fn run_page(mut self, content: &[u8], resources: Option<&'a Dictionary>) -> String {
        self.run(content, resources);
        self.flush_reversed();
        self.lines.finish()
    }

    fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>) {
        for op in operations(content) {
            self.execute(&op, resources);
        }
    }

    fn execute(&mut self, op: &Operation, resources: Option<&'a Dictionary>) {
        let operands = &op.operands;
        let num = |i: usize| operands.get(i).and_then(number).unwrap_or(0.0);
        match op.operator.as_str() {
            "q" => self.saved.push(self.state.clone()),
            "Q" => {
                if let Some(state) = self.saved.pop() {
                    self.state = state;
                }
            }
            "cm" => self.state.ctm = matrix_operand(operands).then(self.state.ctm),
            "BT" => {
                self.flush_reversed();
                self.text_matrix = Matrix::IDENTITY;
                self.line_matrix = Matrix::IDENTITY;
            }
            "Tf" => {
                self.state.font = operands
                    .first()
                    .and_then(|name| name.as_name().ok())
                    .and_then(|name| self.font(resources, name));
                self.state.font_size = num(1);
            }
            "Tc" => self.state.char_spacing = num(0),
            "Tw" => self.state.word_spacing = num(0),
            "Tz" => self.state.horizontal_scale = num(0) / 100.0,
            "TL" => self.state.leading = num(0),
            "Td" => self.next_line(num(0), num(1)),
            "TD" => {
                self.state.leading = -num(1);
                self.next_line(num(0), num(1));
            }
            "Tm" => {
                self.line_matrix = matrix_operand(operands);
                self.text_matrix = self.line_matrix;
            }
            "T*" => self.next_line(0.0, -self.state.leading),
            "Tj" => self.show_operand(operands.first()),
            "'" => {
                self.next_line(0.0, -self.state.leading);
                self.show_operand(operands.first());
            }
            "\"" => {
                self.state.word_spacing = num(0);
                self.state.char_spacing = num(1);
                self.next_line(0.0, -self.state.leading);
                self.show_operand(operands.get(2));
            }
            "TJ" => {
                for item in operands
                    .first()
                    .and_then(|a| a.as_array().ok())
                    .into_iter()
                    .flatten()
                {
                    match item {
                        Object::String(bytes, _) => self.show(bytes),
                        other => self.kern(number(other).unwrap_or(0.0)),
                    }
                }
            }
            "BMC" => self.marked.push(MarkedSpan {
                actual_text: None,
                emitted: false,
                reversed: operands
                    .first()
                    .and_then(|tag| tag.as_name().ok())
                    .is_some_and(|tag| tag == b"ReversedChars"),
            }),
            "BDC" => {
                let actual_text = self.actual_text(operands.get(1), resources);
                self.marked.push(MarkedSpan {
                    actual_text,
                    emitted: false,
                    reversed: false,
                });
            }
            "EMC" => {
                if let Some(MarkedSpan {
                    actual_text: Some(text),
                    emitted: false,
                    ..
                }) = self.marked.pop()
                {
                    self.lines.push_unplaced(&text);
                }
            }
            "Do" => {
                if let Some(name) = operands.first().and_then(|n| n.as_name().ok()) {
                    self.run_form(resources, name);
                }
            }
            _ => {}
        }
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.line_matrix = Matrix::translate(tx, ty).then(self.line_matrix);
        self.text_matrix = self.line_matrix;
    }

    fn show_operand(&mut self, operand: Option<&Object>) {
        if let Some(Object::String(bytes, _)) = operand {
            self.show(bytes);
        }
    }

    /// A `TJ` number: moves the pen left by `amount` thousandths of an em.
    fn kern(&mut self, amount: f32) {
        let tx = -amount / 1000.0 * self.state.font_size * self.state.horizontal_scale;
        self.text_matrix = Matrix::translate(tx, 0.0).then(self.text_matrix);
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.state.font.clone() else {
            return;
        };
        let GraphicsState {
            ctm,
            font_size,
            char_spacing,
            word_spacing,
            horizontal_scale,
            ..
        } = self.state;
        for glyph in font.decode(bytes) {
            let device = self.text_matrix.then(ctm);
            let (x, y) = device.apply(0.0, 0.0);
            let spacing = char_spacing
                + if glyph.is_word_space {
                    word_spacing
                } else {
                    0.0
                };
            let advance = (glyph.advance * font_size + spacing) * horizontal_scale;
            self.text_matrix = Matrix::translate(advance, 0.0).then(self.text_matrix);
            let (end_x, _) = self.text_matrix.then(ctm).apply(0.0, 0.0);
            let placement = Placement {
                x,
                y,
                end_x,
                size: font_size * device.vertical_scale(),
            };
            let text = self.replace_with_actual_text(glyph.text);
            if self.marked.iter().any(|span| span.reversed) {
                self.reversed.push((placement, text));
            } else {
                self.flush_reversed();
                self.lines.glyph(placement, text.as_deref());
            }
        }
    }

    /// Hands the glyphs of consecutive `/ReversedChars` spans to the lines in
    /// reading order. krilla ends a span at each space (the standard wants
    /// no space inside one), so a right-to-left run of several words is a
    /// row of spans, read together, last glyph first.
    fn flush_reversed(&mut self) {
        let glyphs = std::mem::take(&mut self.reversed);
        if let (Some((first, _)), Some((last, _))) = (glyphs.first(), glyphs.last()) {
            let text: String = glyphs
                .iter()
                .rev()
                .filter_map(|(_, t)| t.as_deref())
                .collect();
            let placement = Placement {
                end_x: last.end_x,
                ..*first
            };
            self.lines.glyph(placement, Some(&text));
        }
    }

    /// Inside an `/ActualText` span the span's text stands in for its glyphs:
    /// it is emitted at the first glyph (so spacing is still decided by
    /// position) and the remaining glyphs contribute nothing.
    fn replace_with_actual_text(&mut self, glyph_text: String) -> Option<String> {
        let Some(span) = self
            .marked
            .iter_mut()
            .find(|span| span.actual_text.is_some())
        else {
            return Some(glyph_text);
        };
        if span.emitted {
            return None;
        }
        span.emitted = true;
        span.actual_text.clone()
    }

    fn actual_text(
        &self,
        properties: Option<&Object>,
        resources: Option<&Dictionary>,
    ) -> Option<String> {
        let properties = match properties? {
            Object::Name(name) => get_dict(
                self.doc,
                get_dict(self.doc, resources?, b"Properties")?,
                name,
            )?,
            other => as_dict(resolve(self.doc, other)?)?,
        };
        text_string(get(self.doc, properties, b"ActualText")?)
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<FontDecoder>> {
        let fonts = get_dict(self.doc, resources?, b"Font")?;
        match fonts.get(name).ok()? {
            Object::Reference(id) => {
                if let Some(font) = self.fonts.get(id) {
                    return Some(font.clone());
                }
                let font = Rc::new(FontDecoder::load(
                    self.doc,
                    self.doc.get_dictionary(*id).ok()?,
                ));
                self.fonts.insert(*id, font.clone());
                Some(font)
            }
            Object::Dictionary(dict) => Some(Rc::new(FontDecoder::load(self.doc, dict))),
            _ => None,
        }
    }

    /// Runs a form XObject as if its content were inline (ISO 32000-1, 8.10).
    fn run_form(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) {
        let Some(xobjects) = resources.and_then(|r| get_dict(self.doc, r, b"XObject")) else {
            return;
        };
        let Ok(&Object::Reference(id)) = xobjects.get(name) else {
            return;
        };
        let Ok(Object::Stream(form)) = self.doc.get_object(id) else {
            return;
        };
        if get_name(self.doc, &form.dict, b"Subtype") != Some(b"Form")
            || self.forms.len() >= MAX_FORM_DEPTH
            || self.forms.contains(&id)
        {
            return;
        }
        let matrix = get_array(self.doc, &form.dict, b"Matrix")
            .map(matrix_operand)
            .unwrap_or(Matrix::IDENTITY);
        let form_resources = get_dict(self.doc, &form.dict, b"Resources").or(resources);
        let content = stream_bytes(form).unwrap_or_default();

        let outer_state = self.state.clone();
        let outer_saved = self.saved.len();
        let outer_text = (self.text_matrix, self.line_matrix);
        self.state.ctm = matrix.then(self.state.ctm);
        self.forms.push(id);
        self.run(&content, form_resources);
        self.forms.pop();
        self.saved.truncate(outer_saved);
        self.state = outer_state;
        (self.text_matrix, self.line_matrix) = outer_text;
    }
}

/// The six operands of `cm` or `Tm` (or a `/Matrix` array); anything else is
/// malformed and treated as the identity.
fn matrix_operand(operands: &[Object]) -> Matrix {
    let values: Vec<f32> = operands.iter().filter_map(number).collect();
    match <[f32; 6]>::try_from(values) {
        Ok(values) if operands.len() == 6 => Matrix::new(values),
        _ => Matrix::IDENTITY,
    }
}
