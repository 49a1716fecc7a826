//! A tokenizer for the PostScript subset found in CMap programs: just enough
//! to find hex strings, names, arrays and keywords, skipping the rest.

#[derive(Debug, PartialEq)]
pub(super) enum Token<'a> {
    Hex(Vec<u8>),
    Name(&'a [u8]),
    /// Numbers, keywords and anything else between delimiters.
    Word(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    /// Dictionary brackets and literal strings: never needed, only skipped.
    Other,
}

pub(super) struct Tokenizer<'a> {
    rest: &'a [u8],
}

impl<'a> Tokenizer<'a> {
    pub fn new(program: &'a [u8]) -> Self {
        Self { rest: program }
    }

    pub fn next(&mut self) -> Option<Token<'a>> {
        self.skip_whitespace_and_comments();
        let &first = self.rest.first()?;
        if !is_delimiter(first) {
            return Some(Token::Word(self.word()));
        }
        self.rest = &self.rest[1..];
        Some(match first {
            b'[' => Token::ArrayStart,
            b']' => Token::ArrayEnd,
            b'<' if self.rest.first() == Some(&b'<') => {
                self.rest = &self.rest[1..];
                Token::Other
            }
            b'<' => self.hex_string(),
            b'>' => {
                self.rest = self.rest.strip_prefix(b">").unwrap_or(self.rest);
                Token::Other
            }
            b'(' => {
                self.skip_literal_string();
                Token::Other
            }
            b'/' => Token::Name(self.word()),
            _ => Token::Other,
        })
    }

    fn skip_whitespace_and_comments(&mut self) {
        while let Some(&first) = self.rest.first() {
            if is_whitespace(first) {
                self.rest = &self.rest[1..];
            } else if first == b'%' {
                let end = self
                    .rest
                    .iter()
                    .position(|&b| b == b'\n' || b == b'\r')
                    .unwrap_or(self.rest.len());
                self.rest = &self.rest[end..];
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> &'a [u8] {
        let end = self
            .rest
            .iter()
            .position(|&b| is_whitespace(b) || is_delimiter(b))
            .unwrap_or(self.rest.len());
        let (word, tail) = self.rest.split_at(end);
        self.rest = tail;
        word
    }

    fn hex_string(&mut self) -> Token<'a> {
        let end = self
            .rest
            .iter()
            .position(|&b| b == b'>')
            .unwrap_or(self.rest.len());
        let (body, tail) = self.rest.split_at(end);
        self.rest = tail.get(1..).unwrap_or_default();
        let digits: Vec<u8> = body
            .iter()
            .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
            .collect();
        // An odd final digit is followed by an implied 0 (PDF spec 7.3.4.3).
        let bytes = digits
            .chunks(2)
            .map(|pair| (pair[0] << 4) | pair.get(1).copied().unwrap_or(0))
            .collect();
        Token::Hex(bytes)
    }

    fn skip_literal_string(&mut self) {
        let mut depth = 1usize;
        let mut bytes = self.rest.iter().enumerate();
        while let Some((i, &b)) = bytes.next() {
            match b {
                b'\\' => {
                    bytes.next();
                }
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        self.rest = &self.rest[i + 1..];
                        return;
                    }
                }
                _ => {}
            }
        }
        self.rest = &self.rest[self.rest.len()..];
    }
}

fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}
