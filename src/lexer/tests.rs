//! Unit tests for the tokenizer: token kinds and texts for numbers, strings, names,
//! indentation, and the error messages.

use super::*;

fn kinds_and_texts(src: &str) -> Vec<(TokenKind, String)> {
    let file = SourceFile::new("t.py", src);
    tokenize(&file)
        .expect("tokenizes")
        .into_iter()
        .map(|t| {
            (
                t.kind,
                src[t.range.start as usize..t.range.end as usize].to_string(),
            )
        })
        .collect()
}

#[test]
fn simple_statement() {
    let toks = kinds_and_texts("x = 1\n");
    assert_eq!(
        toks,
        vec![
            (TokenKind::Name, "x".into()),
            (TokenKind::Equal, "=".into()),
            (TokenKind::Number, "1".into()),
            (TokenKind::Newline, "\n".into()),
            (TokenKind::EndMarker, "".into()),
        ]
    );
}
