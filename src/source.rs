//! Source files and positions. Every later stage speaks in byte offsets (`TextRange`); line and
//! column numbers are derived on demand through `LineIndex`, so the AST stays small and the
//! conversion rule (CPython's: 1-based lines, 0-based UTF-8 byte columns) lives in one place.

/// A half-open byte range `[start, end)` into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub fn new(start: u32, end: u32) -> Self {
        debug_assert!(start <= end);
        TextRange { start, end }
    }

    pub fn empty(at: u32) -> Self {
        TextRange { start: at, end: at }
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn len(self) -> u32 {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// Maps byte offsets to (line, column) pairs. Lines are 1-based; columns are 0-based byte
/// offsets within the line, as in CPython's `col_offset`.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i as u32 + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { line_starts }
    }

    /// 1-based line number of a byte offset.
    pub fn line(&self, offset: u32) -> u32 {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// (1-based line, 0-based byte column).
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = self.line(offset);
        (line, offset - self.line_starts[line as usize - 1])
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts.get(line.checked_sub(1)? as usize).copied()
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// A named source text with its line index, shared by the front end and the traceback printer.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    pub lines: LineIndex,
    /// The file started with a UTF-8 byte-order mark (stripped from `text`).
    pub had_bom: bool,
    /// Byte offset of the first byte that is not valid UTF-8, if any: `text` then holds the
    /// lossy decoding and the lexer reports CPython's SyntaxError instead of tokenizing.
    pub invalid_utf8_at: Option<usize>,
    /// The original byte at `invalid_utf8_at` (the lossy `text` holds a replacement there).
    pub invalid_utf8_byte: Option<u8>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            name: name.into(),
            text,
            lines,
            had_bom: false,
            invalid_utf8_at: None,
            invalid_utf8_byte: None,
        }
    }

    /// Decodes raw file bytes: strips a UTF-8 BOM and records where invalid UTF-8 starts.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        let had_bom = bytes.starts_with(b"\xEF\xBB\xBF");
        let body = if had_bom { bytes[3..].to_vec() } else { bytes };
        let (text, invalid_utf8_at, invalid_utf8_byte) = match String::from_utf8(body) {
            Ok(text) => (text, None, None),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let byte = e.as_bytes()[at];
                (
                    String::from_utf8_lossy(e.as_bytes()).into_owned(),
                    Some(at),
                    Some(byte),
                )
            }
        };
        let mut file = SourceFile::new(name, text);
        file.had_bom = had_bom;
        file.invalid_utf8_at = invalid_utf8_at;
        file.invalid_utf8_byte = invalid_utf8_byte;
        file
    }

    /// The text of a 1-based line without its line terminator.
    pub fn line_text(&self, line: u32) -> Option<&str> {
        let start = self.lines.line_start(line)? as usize;
        let end = self
            .lines
            .line_start(line + 1)
            .map(|e| e as usize)
            .unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_handles_crlf_and_last_line() {
        let idx = LineIndex::new("ab\r\ncd\nef");
        assert_eq!(idx.line_col(0), (1, 0));
        assert_eq!(idx.line_col(4), (2, 0));
        assert_eq!(idx.line_col(5), (2, 1));
        assert_eq!(idx.line_col(8), (3, 1));
    }

    #[test]
    fn line_text_strips_terminator() {
        let f = SourceFile::new("x.py", "a = 1\r\nb = 2\n");
        assert_eq!(f.line_text(1), Some("a = 1"));
        assert_eq!(f.line_text(2), Some("b = 2"));
    }
}
