//! Parsing of CMap programs: `/ToUnicode` maps and the codespace ranges of
//! embedded `/Encoding` CMaps.
//!
//! CMaps are PostScript, but the subset producers write is regular enough
//! that a small tokenizer plus a scan for the `begin…`/`end…` sections is
//! enough; everything else in the program is skipped.

mod tokens;

use std::collections::HashMap;

use tokens::{Token, Tokenizer};

/// One character code taken from a shown string: its value and how many bytes
/// it occupied. The length matters because `<20>` and `<0020>` are different
/// codes in a CMap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Code {
    pub value: u32,
    pub len: u8,
}

/// A `begincodespacerange` entry: codes of `low.len()` bytes whose every byte
/// lies between the corresponding bytes of `low` and `high`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CodespaceRange {
    low: Vec<u8>,
    high: Vec<u8>,
}

impl CodespaceRange {
    /// All codes of exactly `len` bytes (1 for simple fonts, 2 for Identity-H).
    pub fn full(len: usize) -> Self {
        Self {
            low: vec![0x00; len],
            high: vec![0xFF; len],
        }
    }

    fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() >= self.low.len()
            && self
                .low
                .iter()
                .zip(&self.high)
                .zip(bytes)
                .all(|((low, high), byte)| (low..=high).contains(&byte))
    }
}

/// Splits a shown string into character codes according to the codespace.
/// Bytes that match no range are consumed one at a time, as the PDF spec's
/// fallback for invalid codes is to skip the shortest possible code.
pub(crate) fn split_codes(bytes: &[u8], codespace: &[CodespaceRange]) -> Vec<Code> {
    let mut codes = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let len = codespace
            .iter()
            .find(|range| range.matches(rest))
            .map_or(1, |range| range.low.len());
        let (code, tail) = rest.split_at(len);
        codes.push(Code {
            value: code_value(code),
            len: code.len() as u8,
        });
        rest = tail;
    }
    codes
}

fn code_value(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |acc, &b| (acc << 8) | u32::from(b))
}

/// A parsed CMap: the codespace and the code → Unicode mappings.
#[derive(Debug, Default)]
pub(crate) struct CMap {
    codespace: Vec<CodespaceRange>,
    chars: HashMap<Code, String>,
    ranges: Vec<BfRange>,
}

/// A `bfrange` entry. Kept unexpanded: a range may legally span 2³² codes.
#[derive(Debug)]
struct BfRange {
    len: u8,
    low: u32,
    high: u32,
    target: RangeTarget,
}

#[derive(Debug)]
enum RangeTarget {
    /// `<lo> <hi> <dst>`: code `lo + i` maps to the UTF-16BE string `dst`
    /// with `i` added to it (read as one big-endian integer, as pdf.js does).
    Incrementing(Vec<u8>),
    /// `<lo> <hi> [<d0> <d1> …]`: one string per code.
    Each(Vec<String>),
}

impl CMap {
    pub fn parse(program: &[u8]) -> Self {
        let mut cmap = CMap::default();
        let mut tokens = Tokenizer::new(program);
        while let Some(token) = tokens.next() {
            match token {
                Token::Word(b"begincodespacerange") => cmap.parse_codespace(&mut tokens),
                Token::Word(b"beginbfchar") => cmap.parse_bfchar(&mut tokens),
                Token::Word(b"beginbfrange") => cmap.parse_bfrange(&mut tokens),
                _ => {}
            }
        }
        cmap
    }

    pub fn codespace(&self) -> &[CodespaceRange] {
        &self.codespace
    }

    pub fn lookup(&self, code: Code) -> Option<String> {
        if let Some(text) = self.chars.get(&code) {
            return Some(text.clone());
        }
        let range = self
            .ranges
            .iter()
            .find(|r| r.len == code.len && (r.low..=r.high).contains(&code.value))?;
        let offset = code.value - range.low;
        match &range.target {
            RangeTarget::Incrementing(start) => Some(utf16be(&add_to_bytes(start, offset))),
            RangeTarget::Each(targets) => targets.get(offset as usize).cloned(),
        }
    }

    /// Every single-code mapping, for tests that check what a producer wrote.
    #[cfg(test)]
    pub fn char_mappings(&self) -> impl Iterator<Item = &str> {
        self.chars.values().map(String::as_str)
    }

    fn parse_codespace(&mut self, tokens: &mut Tokenizer<'_>) {
        while let Some(Token::Hex(low)) = tokens.next() {
            let Some(Token::Hex(high)) = tokens.next() else {
                return;
            };
            if low.len() == high.len() && (1..=4).contains(&low.len()) {
                self.codespace.push(CodespaceRange { low, high });
            }
        }
    }

    fn parse_bfchar(&mut self, tokens: &mut Tokenizer<'_>) {
        while let Some(Token::Hex(source)) = tokens.next() {
            let target = match tokens.next() {
                Some(Token::Hex(target)) => utf16be(&target),
                // A glyph name target (`/space`) is legal but unusual; without
                // a glyph list there is nothing sensible to map it to.
                Some(Token::Name(_)) => continue,
                _ => return,
            };
            if let Some(code) = code_of(&source) {
                self.chars.insert(code, target);
            }
        }
    }

    fn parse_bfrange(&mut self, tokens: &mut Tokenizer<'_>) {
        while let Some(Token::Hex(low)) = tokens.next() {
            let Some(Token::Hex(high)) = tokens.next() else {
                return;
            };
            let target = match tokens.next() {
                Some(Token::Hex(start)) => RangeTarget::Incrementing(start),
                Some(Token::ArrayStart) => {
                    let mut targets = Vec::new();
                    while let Some(Token::Hex(target)) = tokens.next() {
                        targets.push(utf16be(&target));
                    }
                    RangeTarget::Each(targets)
                }
                _ => return,
            };
            if let (Some(low), Some(high)) = (code_of(&low), code_of(&high))
                && low.len == high.len
                && low.value <= high.value
            {
                self.ranges.push(BfRange {
                    len: low.len,
                    low: low.value,
                    high: high.value,
                    target,
                });
            }
        }
    }
}

fn code_of(bytes: &[u8]) -> Option<Code> {
    (1..=4).contains(&bytes.len()).then(|| Code {
        value: code_value(bytes),
        len: bytes.len() as u8,
    })
}

/// `bytes + offset`, treating `bytes` as one big-endian integer of fixed width
/// (a carry out of the top byte is dropped, as no real CMap relies on it).
fn add_to_bytes(bytes: &[u8], offset: u32) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut carry = u64::from(offset);
    for byte in out.iter_mut().rev() {
        if carry == 0 {
            break;
        }
        let sum = u64::from(*byte) + (carry & 0xFF);
        *byte = sum as u8;
        carry = (carry >> 8) + (sum >> 8);
    }
    out
}

/// Decodes UTF-16BE, surrogate pairs included. An odd leading byte is taken as
/// a one-byte code unit, which is what sloppy producers mean by `<20>`.
pub(crate) fn utf16be(bytes: &[u8]) -> String {
    let (head, pairs) = bytes.split_at(bytes.len() % 2);
    let units = head.iter().map(|&b| u16::from(b)).chain(
        pairs
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]])),
    );
    char::decode_utf16(units)
        .map(|unit| unit.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{CMap, Code, split_codes, utf16be};

    fn code(value: u32, len: u8) -> Code {
        Code { value, len }
    }

    #[test]
    fn mixed_width_codespace_splits_codes() {
        let cmap = CMap::parse(b"2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange");
        assert_eq!(
            split_codes(b"\x41\x81\x02\x42", cmap.codespace()),
            [code(0x41, 1), code(0x8102, 2), code(0x42, 1)]
        );
    }

    #[test]
    fn bfchar_bfrange_and_comments() {
        let cmap = CMap::parse(
            b"% a comment <0000> <FFFF>\n/CMapName /X def (a (nested) string)\n\
              2 beginbfchar <01> <0041> <0002> <D834 DD1E> endbfchar\n\
              2 beginbfrange <00FE> <0101> <00FE>\n<0200> <0201> [<0066006C> <03A9>] endbfrange",
        );
        assert_eq!(cmap.lookup(code(1, 1)).as_deref(), Some("A"));
        assert_eq!(
            cmap.lookup(code(1, 2)),
            None,
            "code length is part of the key"
        );
        assert_eq!(cmap.lookup(code(2, 2)).as_deref(), Some("𝄞"));
        // The increment carries across the low byte.
        assert_eq!(cmap.lookup(code(0x00FF, 2)).as_deref(), Some("ÿ"));
        assert_eq!(cmap.lookup(code(0x0101, 2)).as_deref(), Some("ā"));
        assert_eq!(cmap.lookup(code(0x0200, 2)).as_deref(), Some("fl"));
        assert_eq!(cmap.lookup(code(0x0201, 2)).as_deref(), Some("Ω"));
        assert_eq!(cmap.lookup(code(0x0202, 2)), None);
    }

    #[test]
    fn odd_hex_digits_and_odd_bytes_are_tolerated() {
        let cmap = CMap::parse(b"1 beginbfchar <003> <20> endbfchar");
        assert_eq!(cmap.lookup(code(0x0030, 2)).as_deref(), Some(" "));
        assert_eq!(utf16be(&[0xD8, 0x34]), "\u{FFFD}");
    }

    #[test]
    fn truncated_programs_do_not_panic() {
        for program in [
            &b"beginbfrange <00> <01"[..],
            b"beginbfchar <00",
            b"<<",
            b"(unclosed",
            b"begincodespacerange <00>",
        ] {
            let _ = CMap::parse(program);
        }
    }
}
