//! Unit tests for the tokenizer: how numbers, strings, names and line structure are split into
//! tokens. Error messages and positions are checked against python3 in tests/tokens.rs.

use super::*;
use TokenKind::*;

fn lex(src: &str) -> Vec<(TokenKind, &str)> {
    let file = SourceFile::new("t.py", src);
    tokenize(&file)
        .unwrap_or_else(|e| panic!("{src:?}: {e:?}"))
        .into_iter()
        .map(|t| (t.kind, &src[t.range.start as usize..t.range.end as usize]))
        .collect()
}

/// The texts of the tokens of one kind.
fn texts(src: &str, kind: TokenKind) -> Vec<&str> {
    lex(src)
        .into_iter()
        .filter(|t| t.0 == kind)
        .map(|t| t.1)
        .collect()
}

fn error(src: &str) -> std::string::String {
    tokenize(&SourceFile::new("t.py", src)).unwrap_err().msg
}

#[test]
fn simple_statement() {
    assert_eq!(
        lex("x = 1\n"),
        vec![
            (Name, "x"),
            (Equal, "="),
            (Number, "1"),
            (Newline, "\n"),
            (EndMarker, "")
        ]
    );
}

#[test]
fn numbers_of_every_form() {
    let src = "0 00 0_0 1_000 0xFF 0X_a 0o17 0b1_0 1. .5 1.5e-3 1E+9 0e0 09.5 1j .5J 1_0e1_0j\n";
    assert_eq!(
        texts(src, Number),
        [
            "0", "00", "0_0", "1_000", "0xFF", "0X_a", "0o17", "0b1_0", "1.", ".5", "1.5e-3",
            "1E+9", "0e0", "09.5", "1j", ".5J", "1_0e1_0j"
        ]
    );
}

#[test]
fn number_followed_by_keyword_or_attribute() {
    assert_eq!(lex("1if x else 2\n")[..2], [(Number, "1"), (If, "if")]);
    assert_eq!(lex("0x1for\n")[..2], [(Number, "0x1f"), (Or, "or")]);
    assert_eq!(lex("1else\n")[..2], [(Number, "1"), (Else, "else")]);
    assert_eq!(
        lex("1 .real\n")[..3],
        [(Number, "1"), (Dot, "."), (Name, "real")]
    );
    assert_eq!(
        lex("1..real\n")[..3],
        [(Number, "1."), (Dot, "."), (Name, "real")]
    );
    assert_eq!(lex("x...\n")[..2], [(Name, "x"), (Ellipsis, "...")]);
}

#[test]
fn bad_numbers() {
    assert_eq!(error("1_\n"), "invalid decimal literal");
    assert_eq!(error("0x\n"), "invalid hexadecimal literal");
    assert_eq!(error("0o9\n"), "invalid digit '9' in octal literal");
    assert_eq!(error("0b102\n"), "invalid digit '2' in binary literal");
    assert_eq!(error("2jx\n"), "invalid imaginary literal");
    assert_eq!(error("1e5jforever\n"), "invalid imaginary literal");
    assert_eq!(error("1orange\n"), "invalid decimal literal");
    assert!(error("0777\n").starts_with("leading zeros in decimal integer literals"));
}

#[test]
fn string_prefixes_and_quotes() {
    let src = "u'a' R\"b\" bR'c' Rb'd' f'{e}' rF\"f\" '''g\n''' \"\"\"h\"\"\" '' 'i\\'j'\n";
    assert_eq!(
        texts(src, String),
        [
            "u'a'",
            "R\"b\"",
            "bR'c'",
            "Rb'd'",
            "f'{e}'",
            "rF\"f\"",
            "'''g\n'''",
            "\"\"\"h\"\"\"",
            "''",
            "'i\\'j'"
        ]
    );
}

#[test]
fn non_prefix_names_before_strings() {
    assert_eq!(lex("ub'x'\n")[..2], [(Name, "ub"), (String, "'x'")]);
    assert_eq!(lex("bf'x'\n")[..2], [(Name, "bf"), (String, "'x'")]);
    assert_eq!(lex("rr'x'\n")[..2], [(Name, "rr"), (String, "'x'")]);
}

#[test]
fn string_escapes_and_continuations() {
    assert_eq!(texts("'a\\\nb'\n", String), ["'a\\\nb'"]);
    assert_eq!(texts("'a\\\r\nb'\n", String), ["'a\\\r\nb'"]);
    assert_eq!(texts("\"\"\"a\\\"\"\"\" \n", String), ["\"\"\"a\\\"\"\"\""]);
    assert_eq!(
        texts("f'{x!r}' f\"{'q'}\"\n", String),
        ["f'{x!r}'", "f\"{'q'}\""]
    );
}

#[test]
fn unterminated_strings() {
    assert_eq!(
        error("'abc\n"),
        "unterminated string literal (detected at line 1)"
    );
    // A backslash-newline at the very end: CPython notices on line 1.
    assert_eq!(
        error("'abc\\\n"),
        "unterminated string literal (detected at line 1)"
    );
    assert_eq!(
        error("'abc\\\nx"),
        "unterminated string literal (detected at line 2)"
    );
    assert_eq!(
        error("'''a\nb\n"),
        "unterminated triple-quoted string literal (detected at line 2)"
    );
}

#[test]
fn keywords_and_soft_keywords() {
    let kinds: Vec<_> = lex("match case _ if nonlocal async\n")
        .into_iter()
        .map(|t| t.0)
        .collect();
    assert_eq!(
        kinds,
        [Name, Name, Name, If, Nonlocal, Async, Newline, EndMarker]
    );
}

#[test]
fn unicode_names() {
    assert_eq!(texts("café = π\n", Name), ["café", "π"]);
    assert_eq!(error("a€ = 1\n"), "invalid character '€' (U+20AC)");
    assert_eq!(
        error("a\u{a0}= 1\n"),
        "invalid non-printable character U+00A0"
    );
}

#[test]
fn indentation_and_dedent_at_end() {
    let kinds: Vec<_> = lex("if x:\n  if y:\n    z\nw\n")
        .into_iter()
        .map(|t| t.0)
        .collect();
    assert_eq!(
        kinds,
        [
            If, Name, Colon, Newline, Indent, If, Name, Colon, Newline, Indent, Name, Newline,
            Dedent, Dedent, Name, Newline, EndMarker
        ]
    );
    let kinds: Vec<_> = lex("if x:\n\ty\n").into_iter().map(|t| t.0).collect();
    assert_eq!(
        kinds,
        [If, Name, Colon, Newline, Indent, Name, Newline, Dedent, EndMarker]
    );
}

#[test]
fn blank_comment_and_bracketed_lines_make_no_newline() {
    let kinds: Vec<_> = lex("x = (1,\n\n  # c\n 2)\n\n# d\n")
        .into_iter()
        .map(|t| t.0)
        .collect();
    assert_eq!(
        kinds,
        [Name, Equal, LPar, Number, Comma, Number, RPar, Newline, EndMarker]
    );
}

#[test]
fn trivia_stream_keeps_comments_and_nl() {
    let file = SourceFile::new("t.py", "# a\nx  # b\n");
    let kinds: Vec<_> = tokenize_with_trivia(&file)
        .unwrap()
        .into_iter()
        .map(|t| t.kind)
        .collect();
    assert_eq!(kinds, [Comment, Nl, Name, Comment, Newline, EndMarker]);
}

#[test]
fn line_ends_crlf_lone_cr_and_missing() {
    assert_eq!(
        lex("x\r\ny")[..4],
        [(Name, "x"), (Newline, "\r\n"), (Name, "y"), (Newline, "")]
    );
    assert_eq!(
        lex("x\ry\r")[..4],
        [(Name, "x"), (Newline, "\r"), (Name, "y"), (Newline, "\r")]
    );
    assert_eq!(lex("x = 1 + \\\n 2\n").len(), 7);
}

#[test]
fn brackets() {
    assert_eq!(
        error("(]\n"),
        "closing parenthesis ']' does not match opening parenthesis '('"
    );
    assert_eq!(error("}\n"), "unmatched '}'");
    assert_eq!(error("[(\n"), "'(' was never closed");
    assert_eq!(error(&"[".repeat(201)), "too many nested parentheses");
}

#[test]
fn error_tokens_and_control_characters() {
    assert_eq!(
        lex("$ ? !\n")[..3],
        [(ErrorToken, "$"), (ErrorToken, "?"), (ErrorToken, "!")]
    );
    assert_eq!(lex("a != b\n")[1], (NotEqual, "!="));
    assert_eq!(
        error("x = \x01\n"),
        "invalid non-printable character U+0001"
    );
}

#[test]
fn repr_like_python() {
    assert_eq!(py_repr("a'b"), "\"a'b\"");
    assert_eq!(py_repr("a'b\""), "'a\\'b\"'");
    assert_eq!(py_repr("\t\n\r\\\x0c\x7f"), "'\\t\\n\\r\\\\\\x0c\\x7f'");
    assert_eq!(
        py_repr("é\u{a0}\u{200b}€\u{e0001}"),
        "'é\\xa0\\u200b€\\U000e0001'"
    );
}

#[test]
fn nul_and_undecodable_bytes_are_reported_on_their_line() {
    let err = tokenize(&SourceFile::new("t.py", "x = 1\ny = '\0'\n")).unwrap_err();
    assert_eq!(
        (err.msg.as_str(), err.range.start),
        ("source code cannot contain null bytes", 11)
    );
    // An earlier tokenizer error wins, as CPython reads line by line.
    let err = tokenize(&SourceFile::new("t.py", "x = 1_\ny = '\0'\n")).unwrap_err();
    assert_eq!(err.msg, "invalid decimal literal");
    let file = SourceFile::from_bytes("t.py", b"x = 1\ny = '\xff'\n".to_vec());
    let err = tokenize(&file).unwrap_err();
    assert!(
        err.msg
            .starts_with("Non-UTF-8 code starting with '\\xff' in file /"),
        "{}",
        err.msg
    );
    assert!(
        err.msg
            .contains("/t.py on line 2, but no encoding declared"),
        "{}",
        err.msg
    );
}
