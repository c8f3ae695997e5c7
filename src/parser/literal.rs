//! Literal values: numbers (the lexer has checked their form) and the escape sequences of
//! string and bytes literals, decoded as CPython's `unicode_escape` / bytes decoders do.
//!
//! Newlines inside literals are normalised (`\r\n` and `\r` become `\n`), as CPython's
//! universal-newline reading does before tokenizing. A `\uD800`-style lone surrogate cannot be
//! held by a Rust `String` and decodes to U+FFFD.

use num_bigint::BigInt;

use crate::ast::Constant;

/// The value of a NUMBER token's text; `None` only for text the lexer would have rejected.
pub(super) fn parse_number(text: &str) -> Option<Constant> {
    let clean;
    let s = if text.contains('_') {
        clean = text.replace('_', "");
        clean.as_str()
    } else {
        text
    };
    if let Some(imag) = s.strip_suffix(['j', 'J']) {
        return Some(Constant::Complex {
            real: 0.0,
            imag: imag.parse().ok()?,
        });
    }
    let b = s.as_bytes();
    if b.len() > 2 && b[0] == b'0' {
        let radix = match b[1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        };
        if radix != 0 {
            return Some(Constant::Int(BigInt::parse_bytes(&b[2..], radix)?));
        }
    }
    if s.contains(['.', 'e', 'E']) {
        return Some(Constant::Float(s.parse().ok()?));
    }
    if s.len() <= 18 {
        return Some(Constant::Int(BigInt::from(s.parse::<i64>().ok()?)));
    }
    Some(Constant::Int(BigInt::parse_bytes(b, 10)?))
}

/// Why an escape sequence could not be decoded, in CPython's words.
pub(super) struct EscapeError {
    pub msg: String,
}

/// Decodes the body of a str literal (between the quotes).
pub(super) fn decode_str(body: &str, raw: bool) -> Result<String, EscapeError> {
    if raw || !body.contains(['\\', '\r']) {
        if body.contains('\r') {
            return Ok(normalize_newlines(body));
        }
        return Ok(body.to_string());
    }
    let b = body.as_bytes();
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\r' {
            out.push('\n');
            i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            continue;
        }
        if c != b'\\' {
            let next = body[i..].find(['\\', '\r']).map_or(b.len(), |j| i + j);
            out.push_str(&body[i..next]);
            i = next;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = b.get(i) else {
            out.push('\\');
            break;
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' => out.push('\\'),
            b'\'' => out.push('\''),
            b'"' => out.push('"'),
            b'a' => out.push('\x07'),
            b'b' => out.push('\x08'),
            b'f' => out.push('\x0c'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'v' => out.push('\x0b'),
            b'0'..=b'7' => {
                let (v, n) = octal(&b[i - 1..]);
                i += n - 1;
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            b'x' | b'u' | b'U' => {
                let (digits, name) = match e {
                    b'x' => (2, "\\xXX"),
                    b'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let hex = b
                    .get(i..i + digits)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                let Some(hex) = hex else {
                    let end = i + b[i..]
                        .iter()
                        .take(digits)
                        .take_while(|h| h.is_ascii_hexdigit())
                        .count();
                    return Err(EscapeError {
                        msg: super::errors::truncated_escape(name, start, end.saturating_sub(1)),
                    });
                };
                let v =
                    u32::from_str_radix(std::str::from_utf8(hex).unwrap_or("0"), 16).unwrap_or(0);
                i += digits;
                if v > 0x10ffff {
                    return Err(EscapeError {
                        msg: format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in \
                             position {start}-{}: illegal Unicode character",
                            i - 1
                        ),
                    });
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            b'N' => {
                let named = if b.get(i) == Some(&b'{') {
                    body[i + 1..]
                        .find('}')
                        .map(|j| (&body[i + 1..i + 1 + j], i + 2 + j))
                } else {
                    None
                };
                let Some((name, end)) = named else {
                    return Err(EscapeError {
                        msg: format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in \
                             position {start}-{}: malformed \\N character escape",
                            i - 1
                        ),
                    });
                };
                let Some(ch) = lookup_name(name) else {
                    return Err(EscapeError {
                        msg: format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in \
                             position {start}-{}: unknown Unicode character name",
                            end - 1
                        ),
                    });
                };
                out.push(ch);
                i = end;
            }
            _ => {
                // An unknown escape keeps its backslash (CPython warns, we do not).
                out.push('\\');
                i -= 1;
            }
        }
    }
    Ok(out)
}

/// Decodes the body of a bytes literal; the caller has checked it is ASCII.
pub(super) fn decode_bytes(body: &str, raw: bool) -> Result<Vec<u8>, EscapeError> {
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\r' {
            out.push(b'\n');
            i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            continue;
        }
        if c != b'\\' || raw {
            out.push(c);
            i += 1;
            if raw && c == b'\\' && i < b.len() {
                out.push(b[i]);
                i += 1;
            }
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = b.get(i) else {
            out.push(b'\\');
            break;
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let (v, n) = octal(&b[i - 1..]);
                i += n - 1;
                out.push(v as u8);
            }
            b'x' => {
                let hex = b
                    .get(i..i + 2)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                let Some(hex) = hex else {
                    return Err(EscapeError {
                        msg: super::errors::invalid_bytes_hex(start),
                    });
                };
                let v =
                    u8::from_str_radix(std::str::from_utf8(hex).unwrap_or("0"), 16).unwrap_or(0);
                out.push(v);
                i += 2;
            }
            _ => {
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    Ok(out)
}

/// Up to three octal digits: (value, digits used).
fn octal(b: &[u8]) -> (u32, usize) {
    let mut v = 0;
    let mut n = 0;
    while n < 3 && n < b.len() && (b'0'..=b'7').contains(&b[n]) {
        v = v * 8 + (b[n] - b'0') as u32;
        n += 1;
    }
    (v, n)
}

fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// `\N{...}` names: a table of the characters scripts commonly name (Latin-1, Greek, common
/// punctuation, arrows, math and box-drawing symbols, a few emoji), matched case-insensitively
/// as `unicodedata.lookup` does. Names outside it are reported as unknown.
fn lookup_name(name: &str) -> Option<char> {
    let upper = name.to_ascii_uppercase();
    NAMED_CHARS
        .iter()
        .find(|(n, _)| *n == upper)
        .map(|&(_, c)| c)
}

static NAMED_CHARS: &[(&str, char)] = &[
    ("NULL", '\0'),
    ("CHARACTER TABULATION", '\t'),
    ("LINE FEED", '\n'),
    ("LF", '\n'),
    ("CARRIAGE RETURN", '\r'),
    ("CR", '\r'),
    ("ESCAPE", '\x1b'),
    ("ESC", '\x1b'),
    ("DELETE", '\x7f'),
    ("BELL", '\x07'),
    ("BACKSPACE", '\x08'),
    ("FORM FEED", '\x0c'),
    ("SPACE", ' '),
    ("EXCLAMATION MARK", '!'),
    ("QUOTATION MARK", '"'),
    ("NUMBER SIGN", '#'),
    ("DOLLAR SIGN", '$'),
    ("PERCENT SIGN", '%'),
    ("AMPERSAND", '&'),
    ("APOSTROPHE", '\''),
    ("LEFT PARENTHESIS", '('),
    ("RIGHT PARENTHESIS", ')'),
    ("ASTERISK", '*'),
    ("PLUS SIGN", '+'),
    ("COMMA", ','),
    ("HYPHEN-MINUS", '-'),
    ("FULL STOP", '.'),
    ("SOLIDUS", '/'),
    ("COLON", ':'),
    ("SEMICOLON", ';'),
    ("LESS-THAN SIGN", '<'),
    ("EQUALS SIGN", '='),
    ("GREATER-THAN SIGN", '>'),
    ("QUESTION MARK", '?'),
    ("COMMERCIAL AT", '@'),
    ("REVERSE SOLIDUS", '\\'),
    ("LOW LINE", '_'),
    ("GRAVE ACCENT", '`'),
    ("LEFT CURLY BRACKET", '{'),
    ("RIGHT CURLY BRACKET", '}'),
    ("TILDE", '~'),
    ("LEFT SQUARE BRACKET", '['),
    ("RIGHT SQUARE BRACKET", ']'),
    ("VERTICAL LINE", '|'),
    ("NO-BREAK SPACE", '\u{a0}'),
    ("NBSP", '\u{a0}'),
    ("CENT SIGN", '¢'),
    ("POUND SIGN", '£'),
    ("YEN SIGN", '¥'),
    ("SECTION SIGN", '§'),
    ("COPYRIGHT SIGN", '©'),
    ("REGISTERED SIGN", '®'),
    ("DEGREE SIGN", '°'),
    ("PLUS-MINUS SIGN", '±'),
    ("SUPERSCRIPT TWO", '²'),
    ("SUPERSCRIPT THREE", '³'),
    ("MICRO SIGN", 'µ'),
    ("PILCROW SIGN", '¶'),
    ("MIDDLE DOT", '·'),
    ("VULGAR FRACTION ONE QUARTER", '¼'),
    ("VULGAR FRACTION ONE HALF", '½'),
    ("VULGAR FRACTION THREE QUARTERS", '¾'),
    ("MULTIPLICATION SIGN", '×'),
    ("DIVISION SIGN", '÷'),
    ("SOFT HYPHEN", '\u{ad}'),
    ("LEFT-POINTING DOUBLE ANGLE QUOTATION MARK", '«'),
    ("RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK", '»'),
    ("LATIN SMALL LETTER SHARP S", 'ß'),
    ("LATIN SMALL LETTER A WITH GRAVE", 'à'),
    ("LATIN SMALL LETTER A WITH ACUTE", 'á'),
    ("LATIN SMALL LETTER A WITH DIAERESIS", 'ä'),
    ("LATIN SMALL LETTER C WITH CEDILLA", 'ç'),
    ("LATIN SMALL LETTER E WITH GRAVE", 'è'),
    ("LATIN SMALL LETTER E WITH ACUTE", 'é'),
    ("LATIN SMALL LETTER E WITH CIRCUMFLEX", 'ê'),
    ("LATIN SMALL LETTER I WITH ACUTE", 'í'),
    ("LATIN SMALL LETTER N WITH TILDE", 'ñ'),
    ("LATIN SMALL LETTER O WITH ACUTE", 'ó'),
    ("LATIN SMALL LETTER O WITH DIAERESIS", 'ö'),
    ("LATIN SMALL LETTER U WITH ACUTE", 'ú'),
    ("LATIN SMALL LETTER U WITH DIAERESIS", 'ü'),
    ("LATIN CAPITAL LETTER A WITH DIAERESIS", 'Ä'),
    ("LATIN CAPITAL LETTER E WITH ACUTE", 'É'),
    ("LATIN CAPITAL LETTER O WITH DIAERESIS", 'Ö'),
    ("LATIN CAPITAL LETTER U WITH DIAERESIS", 'Ü'),
    ("GREEK CAPITAL LETTER GAMMA", 'Γ'),
    ("GREEK CAPITAL LETTER DELTA", 'Δ'),
    ("GREEK CAPITAL LETTER THETA", 'Θ'),
    ("GREEK CAPITAL LETTER LAMDA", 'Λ'),
    ("GREEK CAPITAL LETTER PI", 'Π'),
    ("GREEK CAPITAL LETTER SIGMA", 'Σ'),
    ("GREEK CAPITAL LETTER PHI", 'Φ'),
    ("GREEK CAPITAL LETTER PSI", 'Ψ'),
    ("GREEK CAPITAL LETTER OMEGA", 'Ω'),
    ("GREEK SMALL LETTER ALPHA", 'α'),
    ("GREEK SMALL LETTER BETA", 'β'),
    ("GREEK SMALL LETTER GAMMA", 'γ'),
    ("GREEK SMALL LETTER DELTA", 'δ'),
    ("GREEK SMALL LETTER EPSILON", 'ε'),
    ("GREEK SMALL LETTER ZETA", 'ζ'),
    ("GREEK SMALL LETTER ETA", 'η'),
    ("GREEK SMALL LETTER THETA", 'θ'),
    ("GREEK SMALL LETTER IOTA", 'ι'),
    ("GREEK SMALL LETTER KAPPA", 'κ'),
    ("GREEK SMALL LETTER LAMDA", 'λ'),
    ("GREEK SMALL LETTER MU", 'μ'),
    ("GREEK SMALL LETTER NU", 'ν'),
    ("GREEK SMALL LETTER XI", 'ξ'),
    ("GREEK SMALL LETTER OMICRON", 'ο'),
    ("GREEK SMALL LETTER PI", 'π'),
    ("GREEK SMALL LETTER RHO", 'ρ'),
    ("GREEK SMALL LETTER SIGMA", 'σ'),
    ("GREEK SMALL LETTER TAU", 'τ'),
    ("GREEK SMALL LETTER UPSILON", 'υ'),
    ("GREEK SMALL LETTER PHI", 'φ'),
    ("GREEK SMALL LETTER CHI", 'χ'),
    ("GREEK SMALL LETTER PSI", 'ψ'),
    ("GREEK SMALL LETTER OMEGA", 'ω'),
    ("EN DASH", '–'),
    ("EM DASH", '—'),
    ("LEFT SINGLE QUOTATION MARK", '‘'),
    ("RIGHT SINGLE QUOTATION MARK", '’'),
    ("LEFT DOUBLE QUOTATION MARK", '“'),
    ("RIGHT DOUBLE QUOTATION MARK", '”'),
    ("DAGGER", '†'),
    ("BULLET", '•'),
    ("HORIZONTAL ELLIPSIS", '…'),
    ("ZERO WIDTH SPACE", '\u{200b}'),
    ("ZERO WIDTH JOINER", '\u{200d}'),
    ("PER MILLE SIGN", '‰'),
    ("EURO SIGN", '€'),
    ("TRADE MARK SIGN", '™'),
    ("LEFTWARDS ARROW", '←'),
    ("UPWARDS ARROW", '↑'),
    ("RIGHTWARDS ARROW", '→'),
    ("DOWNWARDS ARROW", '↓'),
    ("LEFT RIGHT ARROW", '↔'),
    ("RIGHTWARDS DOUBLE ARROW", '⇒'),
    ("FOR ALL", '∀'),
    ("PARTIAL DIFFERENTIAL", '∂'),
    ("THERE EXISTS", '∃'),
    ("EMPTY SET", '∅'),
    ("NABLA", '∇'),
    ("ELEMENT OF", '∈'),
    ("N-ARY PRODUCT", '∏'),
    ("N-ARY SUMMATION", '∑'),
    ("MINUS SIGN", '−'),
    ("SQUARE ROOT", '√'),
    ("INFINITY", '∞'),
    ("LOGICAL AND", '∧'),
    ("LOGICAL OR", '∨'),
    ("INTERSECTION", '∩'),
    ("UNION", '∪'),
    ("INTEGRAL", '∫'),
    ("ALMOST EQUAL TO", '≈'),
    ("NOT EQUAL TO", '≠'),
    ("IDENTICAL TO", '≡'),
    ("LESS-THAN OR EQUAL TO", '≤'),
    ("GREATER-THAN OR EQUAL TO", '≥'),
    ("BOX DRAWINGS LIGHT HORIZONTAL", '─'),
    ("BOX DRAWINGS LIGHT VERTICAL", '│'),
    ("BOX DRAWINGS LIGHT DOWN AND RIGHT", '┌'),
    ("BOX DRAWINGS LIGHT DOWN AND LEFT", '┐'),
    ("BOX DRAWINGS LIGHT UP AND RIGHT", '└'),
    ("BOX DRAWINGS LIGHT UP AND LEFT", '┘'),
    ("FULL BLOCK", '█'),
    ("LIGHT SHADE", '░'),
    ("MEDIUM SHADE", '▒'),
    ("DARK SHADE", '▓'),
    ("BLACK SQUARE", '■'),
    ("WHITE SQUARE", '□'),
    ("BLACK CIRCLE", '●'),
    ("WHITE CIRCLE", '○'),
    ("BLACK STAR", '★'),
    ("WHITE STAR", '☆'),
    ("SNOWMAN", '☃'),
    ("BLACK SPADE SUIT", '♠'),
    ("BLACK CLUB SUIT", '♣'),
    ("BLACK HEART SUIT", '♥'),
    ("BLACK DIAMOND SUIT", '♦'),
    ("WHITE SMILING FACE", '☺'),
    ("CHECK MARK", '✓'),
    ("HEAVY CHECK MARK", '✔'),
    ("BALLOT X", '✗'),
    ("SPARKLES", '✨'),
    ("GRINNING FACE", '😀'),
    ("SMILING FACE WITH SMILING EYES", '😊'),
    ("THUMBS UP SIGN", '👍'),
    ("SNAKE", '🐍'),
    ("FIRE", '🔥'),
    ("ROCKET", '🚀'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("0x_ff"), Some(Constant::Int(255.into())));
        assert_eq!(parse_number("1_000"), Some(Constant::Int(1000.into())));
        assert_eq!(parse_number("1e3"), Some(Constant::Float(1000.0)));
        assert_eq!(
            parse_number("2j"),
            Some(Constant::Complex {
                real: 0.0,
                imag: 2.0
            })
        );
        assert_eq!(
            parse_number("123456789012345678901234567890").map(|c| matches!(c, Constant::Int(_))),
            Some(true)
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(
            decode_str(r"a\tb\x41\u00e9\N{bullet}\101\q", false)
                .ok()
                .unwrap(),
            "a\tbAé•A\\q"
        );
        assert_eq!(decode_str("a\r\nb", true).ok().unwrap(), "a\nb");
        assert_eq!(
            decode_bytes(r"\xff\0\n", false).ok().unwrap(),
            vec![255, 0, 10]
        );
        assert!(decode_str(r"\x4", false).is_err());
    }
}
