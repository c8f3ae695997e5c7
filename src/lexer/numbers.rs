//! Numeric literals, following the state machine of CPython 3.11's tokenizer so that the same
//! inputs are rejected with the same messages: integers (decimal, `0x`, `0o`, `0b`, with single
//! underscores between digits), floats (`1.`, `.5`, `1e-3`), and imaginary numbers (`2j`).

use super::{is_ident_continue, Lexer, TokenKind};
use crate::source::TextRange;
use crate::syntax_error::SyntaxError;

impl Lexer<'_> {
    /// Scans the number at `pos` (a digit, or `.` followed by a digit).
    pub(super) fn scan_number(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        if self.peek() == b'.' {
            self.pos += 1;
            self.decimal_tail()?;
            self.exponent_and_suffix()?;
        } else if self.peek() == b'0' {
            self.pos += 1;
            match self.peek() {
                b'x' | b'X' => self.radix_digits(16, "hexadecimal")?,
                b'o' | b'O' => self.radix_digits(8, "octal")?,
                b'b' | b'B' => self.radix_digits(2, "binary")?,
                _ => self.zero_led(start)?,
            }
        } else {
            self.decimal_tail()?;
            if self.peek() == b'.' {
                self.pos += 1;
                if self.peek().is_ascii_digit() {
                    self.decimal_tail()?;
                }
            }
            self.exponent_and_suffix()?;
        }
        self.push(TokenKind::Number, start, self.pos);
        Ok(())
    }

    /// CPython puts the caret on the last character it accepted, just before `pos`.
    fn invalid(&self, what: &str) -> SyntaxError {
        SyntaxError::new(
            format!("invalid {what} literal"),
            TextRange::empty(self.pos as u32 - 1),
        )
    }

    /// Digits with single underscores between them; `pos` is at the first digit.
    fn decimal_tail(&mut self) -> Result<(), SyntaxError> {
        loop {
            while self.peek().is_ascii_digit() {
                self.pos += 1;
            }
            if self.peek() != b'_' {
                return Ok(());
            }
            self.pos += 1;
            if !self.peek().is_ascii_digit() {
                return Err(self.invalid("decimal"));
            }
        }
    }

    /// After `0x`/`0o`/`0b`: at least one digit, underscores allowed before each digit group.
    fn radix_digits(&mut self, radix: u32, name: &str) -> Result<(), SyntaxError> {
        self.pos += 1;
        loop {
            if self.peek() == b'_' {
                self.pos += 1;
            }
            let c = self.peek();
            if !(c as char).is_digit(radix) {
                if radix != 16 && c.is_ascii_digit() {
                    return Err(self.invalid_digit(c, name));
                }
                return Err(self.invalid(name));
            }
            while (self.peek() as char).is_digit(radix) {
                self.pos += 1;
            }
            if self.peek() != b'_' {
                break;
            }
        }
        let c = self.peek();
        if radix != 16 && c.is_ascii_digit() {
            return Err(self.invalid_digit(c, name));
        }
        self.verify_end(name)
    }

    fn invalid_digit(&self, digit: u8, name: &str) -> SyntaxError {
        SyntaxError::new(
            format!("invalid digit '{}' in {name} literal", digit as char),
            TextRange::empty(self.pos as u32),
        )
    }

    /// A literal starting with `0` and no radix letter: `0`, `00_0`, `0.5`, `0e1`, `0j`, but
    /// not `0123` (old-style octal).
    fn zero_led(&mut self, start: usize) -> Result<(), SyntaxError> {
        loop {
            if self.peek() == b'_' {
                self.pos += 1;
                if !self.peek().is_ascii_digit() {
                    return Err(self.invalid("decimal"));
                }
            }
            if self.peek() != b'0' {
                break;
            }
            self.pos += 1;
        }
        let zeros_end = self.pos;
        let nonzero = self.peek().is_ascii_digit();
        if nonzero {
            self.decimal_tail()?;
        }
        match self.peek() {
            b'.' => {
                self.pos += 1;
                if self.peek().is_ascii_digit() {
                    self.decimal_tail()?;
                }
                self.exponent_and_suffix()
            }
            b'e' | b'E' | b'j' | b'J' => self.exponent_and_suffix(),
            _ if nonzero => Err(SyntaxError::new(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix \
                 for octal integers",
                TextRange::new(start as u32, zeros_end as u32),
            )),
            _ => self.verify_end("decimal"),
        }
    }

    /// The optional exponent and `j` suffix of a decimal literal, then the end check.
    fn exponent_and_suffix(&mut self) -> Result<(), SyntaxError> {
        if matches!(self.peek(), b'e' | b'E') {
            let e_at = self.pos;
            self.pos += 1;
            match self.peek() {
                b'+' | b'-' => {
                    self.pos += 1;
                    if !self.peek().is_ascii_digit() {
                        return Err(self.invalid("decimal"));
                    }
                }
                c if !c.is_ascii_digit() => {
                    // `1e` or `1else`: the number ends before the `e`.
                    self.pos = e_at;
                    return self.verify_end("decimal");
                }
                _ => {}
            }
            self.decimal_tail()?;
        }
        if matches!(self.peek(), b'j' | b'J') {
            self.pos += 1;
            return self.verify_end("imaginary");
        }
        self.verify_end("decimal")
    }

    /// A number directly followed by an ASCII name character is an error, except before the
    /// keywords that can follow a number in valid code (`1if x else 2`), which 3.11 accepts
    /// with a warning. CPython 3.11 lets a non-ASCII character start a new name (`1é` is a
    /// NUMBER then a NAME).
    fn verify_end(&mut self, kind: &str) -> Result<(), SyntaxError> {
        let rest = &self.bytes[self.pos..];
        // CPython checks `i` plus one of `f`/`n`/`s`, and the other keywords in full, followed by
        // a character that cannot continue a name.
        let keyword_follows = match rest {
            [b'i', b'f' | b'n' | b's', ..] => true,
            _ => [&b"and"[..], b"else", b"for", b"or", b"not"]
                .iter()
                .any(|kw| {
                    rest.starts_with(kw)
                        && !rest.get(kw.len()).is_some_and(|&c| is_ident_continue(c))
                }),
        };
        if keyword_follows {
            return Ok(());
        }
        match rest.first() {
            Some(&c) if c.is_ascii_alphanumeric() || c == b'_' => Err(self.invalid(kind)),
            _ => Ok(()),
        }
    }
}
