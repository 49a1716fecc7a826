//! Packs a finished file's dictionaries and arrays into a compressed object
//! stream, indexed by a cross-reference stream (ISO 32000-1, 7.5.7 and
//! 7.5.8; allowed by PDF/A-2 and PDF/UA-1).
//!
//! krilla writes every object at the top level, with a classic
//! cross-reference table. Most objects of a tagged booklet are small
//! dictionaries (structure elements, link annotations, page labels) that do
//! not compress alone but compress well together; with the 20-byte table
//! entry each one costs, they are over a third of the screen edition's
//! bytes. Packed, the USA booklet shrinks by about 30%.
//!
//! Stream objects (page content, fonts, images, the XMP metadata that PDF/A
//! wants readable) stay at the top level as krilla wrote them; only their
//! offsets change. No object is parsed: krilla's file has one
//! cross-reference section and `N G obj … endobj` framing, so each object's
//! bytes are found through the table and copied. lopdf can also write object
//! streams, but by parsing the whole file into a tree and serialising it
//! again: about ten times the cost, and a smaller gain.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;

/// `pdf`, a complete file with one classic cross-reference section, with
/// its non-stream objects in an object stream. An error means the bytes are
/// not what krilla writes.
pub(crate) fn pack(pdf: &[u8]) -> Result<Vec<u8>, String> {
    match pdf.get(..8) {
        Some([b'%', b'P', b'D', b'F', b'-', b'1', b'.', minor]) if *minor >= b'5' => {}
        Some([b'%', b'P', b'D', b'F', b'-', b'2', ..]) => {}
        _ => return Err("object streams need a PDF 1.5 or later header".into()),
    }
    let xref_at = start_xref(pdf)?;
    let table = read_table(pdf, xref_at)?;
    let trailer = trailer_entries(pdf, table.trailer_at)?;

    let mut by_offset: Vec<&Entry> = table.entries.iter().filter(|e| e.in_use).collect();
    by_offset.sort_by_key(|e| e.offset);
    let first_object = by_offset.first().map_or(xref_at, |e| e.offset);

    let mut out = Vec::with_capacity(pdf.len());
    out.extend_from_slice(&pdf[..first_object]);
    let size = table.entries.len() as u32;
    let packed_number = size;
    let xref_number = size + 1;
    let mut locations = vec![Location::Free; xref_number as usize + 1];
    let mut packed = Packed::default();
    for (i, entry) in by_offset.iter().enumerate() {
        let end = by_offset.get(i + 1).map_or(xref_at, |next| next.offset);
        let body = object_body(pdf, entry, end)?;
        if entry.generation == 0 && !body.ends_with(b"endstream") {
            locations[entry.number as usize] = Location::InStream {
                stream: packed_number,
                index: packed.numbers.len() as u32,
            };
            packed.add(entry.number, body);
        } else {
            locations[entry.number as usize] = Location::Top {
                offset: out.len(),
                generation: entry.generation,
            };
            write_object(&mut out, entry.number, entry.generation, body);
        }
    }

    locations[packed_number as usize] = Location::Top {
        offset: out.len(),
        generation: 0,
    };
    let (header, objects) = packed.finish();
    let data = deflate(&[header.as_bytes(), objects].concat());
    write!(
        out,
        "{packed_number} 0 obj\n<</Type/ObjStm/N {}/First {}/Filter/FlateDecode/Length {}>>\nstream\n",
        packed.numbers.len(),
        header.len(),
        data.len()
    )
    .expect("writing to a Vec");
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n");

    let xref_offset = out.len();
    locations[xref_number as usize] = Location::Top {
        offset: xref_offset,
        generation: 0,
    };
    write_xref_stream(&mut out, xref_number, &locations, trailer);
    write!(out, "startxref\n{xref_offset}\n%%EOF\n").expect("writing to a Vec");
    Ok(out)
}

/// Where an object of the packed file is.
#[derive(Debug, Clone, Copy)]
enum Location {
    Free,
    Top { offset: usize, generation: u16 },
    InStream { stream: u32, index: u32 },
}

/// One entry of the classic cross-reference table.
#[derive(Debug)]
struct Entry {
    number: u32,
    offset: usize,
    generation: u16,
    in_use: bool,
}

struct Table {
    entries: Vec<Entry>,
    /// Where the `trailer` keyword is.
    trailer_at: usize,
}

/// The objects going into the object stream.
#[derive(Default)]
struct Packed {
    numbers: Vec<u32>,
    offsets: Vec<usize>,
    objects: Vec<u8>,
}

impl Packed {
    fn add(&mut self, number: u32, body: &[u8]) {
        self.numbers.push(number);
        self.offsets.push(self.objects.len());
        self.objects.extend_from_slice(body);
        self.objects.push(b'\n');
    }

    /// The stream's header (pairs of object number and offset) and its
    /// objects.
    fn finish(&self) -> (String, &[u8]) {
        let mut header = String::new();
        for (number, offset) in self.numbers.iter().zip(&self.offsets) {
            header.push_str(&format!("{number} {offset} "));
        }
        header.push('\n');
        (header, &self.objects)
    }
}

/// The offset after the last `startxref`.
fn start_xref(pdf: &[u8]) -> Result<usize, String> {
    let at = rfind(pdf, b"startxref").ok_or("no startxref")?;
    let digits = pdf[at + b"startxref".len()..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| char::from(b))
        .collect::<String>();
    let offset: usize = digits.parse().map_err(|_| "startxref has no offset")?;
    if offset >= pdf.len() {
        return Err("startxref points past the end of the file".into());
    }
    Ok(offset)
}

/// Reads the classic cross-reference section at `at`.
fn read_table(pdf: &[u8], at: usize) -> Result<Table, String> {
    let mut lines = Lines { pdf, at };
    if lines.next() != Some(&b"xref"[..]) {
        return Err("startxref does not point at a cross-reference table".into());
    }
    let mut entries = Vec::new();
    loop {
        let line_start = lines.at;
        let line = lines.next().ok_or("the cross-reference table has no end")?;
        if line.starts_with(b"trailer") {
            return Ok(Table {
                entries,
                trailer_at: line_start,
            });
        }
        let mut fields = line.split(|&b| b == b' ');
        let first = number(fields.next())?;
        let count = number(fields.next())?;
        if first != entries.len() {
            return Err("the cross-reference table has gaps".into());
        }
        for number in first..first + count {
            let line = lines
                .next()
                .ok_or("the cross-reference table is cut short")?;
            let mut fields = line.split(|&b| b == b' ');
            let offset = self::number(fields.next())?;
            let generation =
                u16::try_from(self::number(fields.next())?).map_err(|_| "generation too large")?;
            let in_use = match fields.next() {
                Some(b"n") => true,
                Some(b"f") => false,
                _ => return Err("a cross-reference entry is neither in use nor free".into()),
            };
            if in_use && offset >= pdf.len() {
                return Err(format!("object {number} is past the end of the file"));
            }
            entries.push(Entry {
                number: number as u32,
                offset,
                generation,
                in_use,
            });
        }
    }
}

/// Lines of a cross-reference table, which end in `\n`, `\r\n` or ` \n`.
struct Lines<'a> {
    pdf: &'a [u8],
    at: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let rest = self.pdf.get(self.at..)?;
        let end = rest.iter().position(|&b| b == b'\n')?;
        self.at += end + 1;
        Some(rest[..end].trim_ascii())
    }
}

fn number(field: Option<&[u8]>) -> Result<usize, String> {
    std::str::from_utf8(field.ok_or("a number is missing")?)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| "a cross-reference number does not parse".into())
}

/// The bytes between `N G obj` and `endobj` of the object `entry`, which
/// ends before `end`.
fn object_body<'a>(pdf: &'a [u8], entry: &Entry, end: usize) -> Result<&'a [u8], String> {
    let object = pdf
        .get(entry.offset..end)
        .ok_or_else(|| format!("object {} is after the cross-reference table", entry.number))?;
    let head = format!("{} {} obj", entry.number, entry.generation);
    let rest = object
        .strip_prefix(head.as_bytes())
        .ok_or_else(|| format!("object {} is not where the table says", entry.number))?;
    rest.trim_ascii()
        .strip_suffix(b"endobj")
        .map(<[u8]>::trim_ascii)
        .ok_or_else(|| format!("object {} has no endobj", entry.number))
}

fn write_object(out: &mut Vec<u8>, number: u32, generation: u16, body: &[u8]) {
    writeln!(out, "{number} {generation} obj").expect("writing to a Vec");
    out.extend_from_slice(body);
    out.extend_from_slice(b"\nendobj\n");
}

/// The trailer dictionary's entries other than `/Size` (which the
/// cross-reference stream sets anew), as written. A trailer with `/Prev`
/// or `/Encrypt` is refused: neither occurs in krilla's files, and both
/// would need more than copying.
fn trailer_entries(pdf: &[u8], at: usize) -> Result<Vec<u8>, String> {
    let rest = &pdf[at + b"trailer".len()..];
    let open = rest
        .iter()
        .position(|&b| !b.is_ascii_whitespace())
        .filter(|&i| rest[i..].starts_with(b"<<"))
        .ok_or("the trailer is not a dictionary")?;
    let inner = &rest[open + 2..];
    let mut kept = Vec::new();
    let mut scan = Scanner {
        bytes: inner,
        at: 0,
    };
    loop {
        scan.skip_whitespace();
        if scan.rest().starts_with(b">>") {
            return Ok(kept);
        }
        let key_start = scan.at;
        let key = scan.name().ok_or("a trailer key is not a name")?;
        scan.value()?;
        match key {
            b"/Size" => {}
            b"/Prev" | b"/Encrypt" | b"/XRefStm" => {
                return Err(format!("the trailer has {}", String::from_utf8_lossy(key)));
            }
            _ => kept.extend_from_slice(&inner[key_start..scan.at]),
        }
    }
}

/// Just enough of PDF's syntax to find where a trailer value ends: strings
/// (which may hold any byte, `/` and `>` included), arrays, dictionaries,
/// names, numbers and references.
struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Scanner<'a> {
    fn rest(&self) -> &'a [u8] {
        &self.bytes[self.at.min(self.bytes.len())..]
    }

    fn skip_whitespace(&mut self) {
        while self.rest().first().is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn name(&mut self) -> Option<&'a [u8]> {
        self.skip_whitespace();
        let start = self.at;
        if self.rest().first() != Some(&b'/') {
            return None;
        }
        self.at += 1;
        while self.rest().first().is_some_and(|&b| regular(b)) {
            self.at += 1;
        }
        Some(&self.bytes[start..self.at])
    }

    /// Skips one value; a reference (`12 0 R`) counts as one.
    fn value(&mut self) -> Result<(), String> {
        self.skip_whitespace();
        let rest = self.rest();
        match rest.first() {
            None => Err("the trailer ends inside a value".into()),
            Some(b'/') => {
                self.name();
                Ok(())
            }
            Some(b'(') => self.literal_string(),
            Some(b'<') if rest.starts_with(b"<<") => {
                self.at += 2;
                loop {
                    self.skip_whitespace();
                    if self.rest().starts_with(b">>") {
                        self.at += 2;
                        return Ok(());
                    }
                    self.name().ok_or("a dictionary key is not a name")?;
                    self.value()?;
                }
            }
            Some(b'<') => {
                let end = rest
                    .iter()
                    .position(|&b| b == b'>')
                    .ok_or("open hex string")?;
                self.at += end + 1;
                Ok(())
            }
            Some(b'[') => {
                self.at += 1;
                loop {
                    self.skip_whitespace();
                    if self.rest().first() == Some(&b']') {
                        self.at += 1;
                        return Ok(());
                    }
                    self.value()?;
                }
            }
            Some(_) => {
                // A number, `true`, `false`, `null`, or a reference's
                // three tokens.
                self.token();
                let after_number = self.at;
                self.skip_whitespace();
                let generation = self.token();
                self.skip_whitespace();
                if !generation.is_empty()
                    && generation.iter().all(u8::is_ascii_digit)
                    && self.token() == b"R"
                {
                    return Ok(());
                }
                self.at = after_number;
                Ok(())
            }
        }
    }

    fn token(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.rest().first().is_some_and(|&b| regular(b)) {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    fn literal_string(&mut self) -> Result<(), String> {
        let mut depth = 0usize;
        while let Some(&b) = self.rest().first() {
            self.at += 1;
            match b {
                b'\\' => self.at += 1,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err("the trailer ends inside a string".into())
    }
}

/// Not whitespace and not a delimiter (ISO 32000-1, 7.2.2).
fn regular(b: u8) -> bool {
    !b.is_ascii_whitespace() && !b"()<>[]{}/%".contains(&b)
}

/// Writes the cross-reference stream `number`, which also serves as the
/// trailer: it carries the old trailer's `entries` (`/Root`, `/Info`,
/// `/ID`). Rows are PNG-Up predicted, so that the offsets, which change
/// little from one object to the next, compress.
fn write_xref_stream(out: &mut Vec<u8>, number: u32, locations: &[Location], entries: Vec<u8>) {
    let fields: Vec<(u8, usize, usize)> = locations
        .iter()
        .enumerate()
        .map(|(i, location)| match *location {
            // Free objects link to object 0, which heads the list.
            Location::Free => (0, 0, if i == 0 { 65535 } else { 0 }),
            Location::Top { offset, generation } => (1, offset, usize::from(generation)),
            Location::InStream { stream, index } => (2, stream as usize, index as usize),
        })
        .collect();
    let bytes = |n: usize| (usize::BITS - n.leading_zeros()).div_ceil(8).max(1) as usize;
    let second = bytes(fields.iter().map(|f| f.1).max().unwrap_or(0));
    let third = bytes(fields.iter().map(|f| f.2).max().unwrap_or(0));
    let columns = 1 + second + third;
    let mut predicted = Vec::with_capacity(fields.len() * (columns + 1));
    let mut previous = vec![0u8; columns];
    let mut row = Vec::with_capacity(columns);
    for (kind, a, b) in fields {
        row.clear();
        row.push(kind);
        row.extend_from_slice(&a.to_be_bytes()[size_of::<usize>() - second..]);
        row.extend_from_slice(&b.to_be_bytes()[size_of::<usize>() - third..]);
        predicted.push(2); // PNG "Up": each byte minus the one above it
        predicted.extend(row.iter().zip(&previous).map(|(b, p)| b.wrapping_sub(*p)));
        previous.copy_from_slice(&row);
    }
    let data = deflate(&predicted);
    write!(
        out,
        "{number} 0 obj\n<</Type/XRef/Size {}/W[1 {second} {third}]",
        locations.len()
    )
    .expect("writing to a Vec");
    out.extend_from_slice(&entries);
    write!(
        out,
        "/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns {columns}>>/Length {}>>\nstream\n",
        data.len()
    )
    .expect("writing to a Vec");
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).expect("writing to a Vec");
    encoder.finish().expect("writing to a Vec")
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use krilla::Document;
    use krilla::geom::{PathBuilder, Rect};
    use krilla::page::PageSettings;
    use lopdf::Object;

    use super::*;

    /// A small file as krilla writes it: two pages with a filled square.
    fn krilla_pdf() -> Vec<u8> {
        let mut document = Document::new();
        for _ in 0..2 {
            let mut page = document.start_page_with(PageSettings::from_wh(200.0, 200.0).unwrap());
            let mut surface = page.surface();
            let mut path = PathBuilder::new();
            path.push_rect(Rect::from_xywh(20.0, 20.0, 100.0, 100.0).unwrap());
            surface.draw_path(&path.finish().unwrap());
            surface.finish();
            page.finish();
        }
        document.finish().unwrap()
    }

    /// A stream's bytes and dictionary; its position in the file moves.
    fn comparable(object: &Object) -> Object {
        match object {
            Object::Stream(stream) => Object::Array(vec![
                Object::Dictionary(stream.dict.clone()),
                Object::string_literal(stream.content.clone()),
            ]),
            other => other.clone(),
        }
    }

    #[test]
    fn every_object_reads_back_the_same_from_the_packed_file() {
        let pdf = krilla_pdf();
        let packed = pack(&pdf).expect("packs");
        let before = lopdf::Document::load_mem(&pdf).expect("krilla's file reads");
        let after = lopdf::Document::load_mem(&packed).expect("the packed file reads");
        for (id, object) in &before.objects {
            let read = after.get_object(*id).expect("every object is still there");
            assert_eq!(comparable(read), comparable(object), "object {id:?}");
        }
        for key in [&b"Root"[..], b"Info", b"ID"] {
            assert_eq!(after.trailer.get(key).ok(), before.trailer.get(key).ok());
        }
        assert!(packed.len() < pdf.len());
        assert!(
            after
                .objects
                .values()
                .any(|o| matches!(o, Object::Stream(s) if s.dict.has_type(b"ObjStm"))),
            "the dictionaries are in an object stream"
        );
    }

    #[test]
    fn trailer_strings_may_hold_keys_and_delimiters() {
        let pdf = b"trailer\n<</Size 9/Root 3 0 R/ID[(a/Size 7 >>\\)) (b(c))]/Info 2 0 R>>\n";
        let kept = trailer_entries(pdf, 0).expect("reads");
        assert_eq!(kept, b"/Root 3 0 R/ID[(a/Size 7 >>\\)) (b(c))]/Info 2 0 R");
    }

    #[test]
    fn an_incremental_update_is_refused() {
        assert!(trailer_entries(b"trailer <</Size 9/Prev 120>>", 0).is_err());
    }

    #[test]
    fn bytes_that_are_not_krillas_are_an_error_not_a_panic() {
        let pdf = krilla_pdf();
        for cut in [0, 10, pdf.len() / 2, pdf.len() - 30, pdf.len() - 1] {
            let _ = pack(&pdf[..cut]);
        }
        let mut shifted = pdf.clone();
        shifted.insert(20, b' ');
        assert!(pack(&shifted).is_err());
        assert!(pack(b"%PDF-1.7\nstartxref 999999").is_err());
        assert!(pack(b"%PDF-1.4\nstartxref 0").is_err());
        assert!(pack(b"%PDF-1.7\nxref\n0 1\nstartxref 9").is_err());
        assert!(pack(b"%PDF-1.7\nxref\n0 1\n0000000000 65535 f\r\ntrailer\n<</Size 1/Prev 3>>\nstartxref 9").is_err());
    }
}
