//! The error-location line (PEP 657) CPython 3.11 prints under a traceback's source line:
//! `tb_displayline`, `extract_anchors_from_line` and `print_error_location_carets` of
//! Python/traceback.c, which differ in details from `traceback.py` (they keep trailing
//! whitespace, and look past `)` for a binary operator).

use crate::ast::{ExprKind, StmtKind};
use crate::bytecode::code::Location;
use crate::source::SourceFile;

/// The indentation CPython strips before printing a source line.
const INDENT: [char; 3] = [' ', '\t', '\x0c'];

fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | 0x0c)
}

/// The source line as a traceback prints it: without its indentation (trailing whitespace
/// stays, as in CPython).
pub fn display_line(line: &str) -> &str {
    line.trim_start_matches(INDENT)
}

/// `_PyPegen_byte_offset_to_character_offset`: the characters in the first `byte` bytes.
fn char_offset(s: &str, byte: usize) -> usize {
    String::from_utf8_lossy(&s.as_bytes()[..byte.min(s.len())])
        .chars()
        .count()
}

/// Character offsets into the segment: `secondary` marks characters `left..right`, `primary`
/// the rest.
struct Anchors {
    left: usize,
    right: usize,
    primary: char,
    secondary: char,
}

/// The caret line for the instruction at `loc` under `line` (the whole line `loc.line`, as in
/// the file), without its newline; `None` where CPython prints none.
pub fn caret_line(line: &str, loc: Location) -> Option<String> {
    if loc.line == 0 {
        return None;
    }
    let len = line.chars().count() as isize;
    let indent = (line.len() - display_line(line).len()) as isize;
    let start = char_offset(line, loc.col as usize) as isize;
    let mut end = char_offset(line, loc.end_col as usize) as isize;
    let mut anchors = None;
    if loc.line == loc.end_line {
        let segment: String = line
            .chars()
            .skip(start as usize)
            .take(end.saturating_sub(start) as usize)
            .collect();
        anchors = segment_anchors(&segment);
    } else {
        // A multi-line expression is marked up to the last non-whitespace character of its
        // first line. CPython scans the UTF-8 bytes from the line's length in characters.
        let bytes = line.as_bytes();
        let mut i = len.min(bytes.len() as isize) - 1;
        while i >= 0 && is_whitespace(bytes[i as usize]) {
            i -= 1;
        }
        end = i + 1;
    }
    if end - start == len - indent && anchors.is_none() {
        return None;
    }
    let mut out = String::new();
    for offset in indent - 3..=end {
        out.push(match &anchors {
            _ if offset <= start => ' ',
            Some(a) if start + (a.left as isize) < offset && offset <= start + a.right as isize => {
                a.secondary
            }
            Some(a) => a.primary,
            None => '^',
        });
    }
    Some(out)
}

/// CPython's `extract_anchors_from_expr` for `segment` parsed alone: a binary operation's
/// operator and a subscript's brackets stand out from their operands.
fn segment_anchors(segment: &str) -> Option<Anchors> {
    let source = SourceFile::new("<segment>", segment);
    let module = crate::parser::parse_module(&source).ok()?;
    let [stmt] = module.body.as_slice() else {
        return None;
    };
    let StmtKind::Expr { value } = &stmt.kind else {
        return None;
    };
    let s = segment.as_bytes();
    let (left, right, marked) = match &value.kind {
        ExprKind::BinOp { left, right, .. } => {
            let (from, to) = (left.range.end as usize, right.range.start as usize);
            let (mut l, mut r, mut marked) = (0, 0, false);
            for i in from..to {
                if is_whitespace(s[i]) {
                    continue;
                }
                l = i;
                r = i + 1;
                if i + 1 < to && !is_whitespace(s[i + 1]) {
                    r += 1;
                }
                // A `)` closes the left operand: the operator comes later.
                if i + 1 < to && s[i] == b')' {
                    continue;
                }
                marked = true;
                break;
            }
            (l, r, marked)
        }
        ExprKind::Subscript { value, slice, .. } => {
            let mut l = value.range.end as usize;
            let mut r = slice.range.end as usize + 1;
            while l < s.len() && s[l] != b'[' {
                l += 1;
            }
            while r < s.len() && s[r] != b']' {
                r += 1;
            }
            if r < s.len() {
                r += 1;
            }
            (l, r, true)
        }
        _ => return None,
    };
    let (primary, secondary) = if marked { ('~', '^') } else { ('^', '^') };
    Some(Anchors {
        left: char_offset(segment, left),
        right: char_offset(segment, right),
        primary,
        secondary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, col: u32, end_line: u32, end_col: u32) -> Location {
        Location {
            line,
            end_line,
            col,
            end_col,
        }
    }

    fn carets(line: &str, col: u32, end_col: u32) -> Option<String> {
        caret_line(line, at(1, col, 1, end_col))
    }

    #[test]
    fn binary_operation_marks_the_operator() {
        let line = "    return x + \"a\"";
        assert_eq!(carets(line, 11, 18).as_deref(), Some("           ~~^~~~~"));
        let line = "c = (a) // (b)";
        assert_eq!(carets(line, 4, 14).as_deref(), Some("        ~~~~^^~~~~"));
    }

    #[test]
    fn subscript_marks_the_brackets() {
        let line = "    return d[k]";
        assert_eq!(carets(line, 11, 15).as_deref(), Some("           ~^^^"));
        assert_eq!(
            carets("y = x[ 5 ]   ", 4, 10).as_deref(),
            Some("        ~^^^^^")
        );
    }

    #[test]
    fn other_expressions_are_all_primary() {
        assert_eq!(
            carets("print(f(1))", 6, 10).as_deref(),
            Some("          ^^^^")
        );
    }

    #[test]
    fn nothing_when_the_segment_is_the_whole_line() {
        assert_eq!(carets("    g()", 4, 7), None);
        assert_eq!(carets("\tf(values)", 1, 10), None);
    }

    #[test]
    fn anchors_show_even_over_the_whole_line() {
        assert_eq!(carets("x[\"a\"]", 0, 6).as_deref(), Some("    ~^^^^^"));
    }

    #[test]
    fn offsets_count_characters() {
        let line = "print(\"héllo\", naïve[\"ünknown\"])";
        let col = line.find("naïve").unwrap() as u32;
        let end = line.rfind(')').unwrap() as u32;
        assert_eq!(
            carets(line, col, end).as_deref(),
            Some("                   ~~~~~^^^^^^^^^^^")
        );
    }

    #[test]
    fn multi_line_expressions_run_to_the_end_of_the_first_line() {
        let line = "x = add(1,   ";
        assert_eq!(
            caret_line(line, at(3, 4, 4, 13)).as_deref(),
            Some("        ^^^^^^")
        );
    }

    #[test]
    fn no_position_no_carets() {
        assert_eq!(caret_line("x = 1", Location::default()), None);
    }
}
