//! Engine tests on plain Rust data: spans of matches, searches and error positions.

use super::compile::compile;
use super::exec::{Matcher, UNSET};
use super::parse::{parse, IGNORECASE, MULTILINE};

fn search(pattern: &str, flags: u32, text: &str) -> Option<Vec<Option<(usize, usize)>>> {
    let parsed = parse(pattern, flags).expect("pattern parses");
    let prog = compile(&parsed).expect("pattern compiles");
    let chars: Vec<char> = text.chars().collect();
    let mut m = Matcher::new(&prog, &chars, chars.len());
    if !m.search(0, None) {
        return None;
    }
    Some(
        m.slots[..2 * (prog.groups + 1)]
            .chunks(2)
            .map(|s| (s[0] != UNSET).then_some((s[0], s[1])))
            .collect(),
    )
}

#[test]
fn spans_of_groups() {
    let r = search(r"(\d+)-(\d+)?x", 0, "ab 12-x").unwrap();
    assert_eq!(r, vec![Some((3, 7)), Some((3, 5)), None]);
}

#[test]
fn alternation_is_ordered_and_backtracks() {
    assert_eq!(
        search(r"(a|ab)(c|bcd)", 0, "abcd").unwrap()[0],
        Some((0, 4))
    );
    assert_eq!(search(r"a*?b", 0, "aaab").unwrap()[0], Some((0, 4)));
}

#[test]
fn backreference_and_case_folding() {
    assert_eq!(
        search(r"(\w+) \1", 0, "say hello hello").unwrap()[0],
        Some((4, 15))
    );
    assert_eq!(
        search(r"(a)\1", IGNORECASE, "xaA").unwrap()[0],
        Some((1, 3))
    );
    assert!(search(r"(a)\1", 0, "aA").is_none());
}

#[test]
fn anchors_and_multiline() {
    assert!(search(r"^b", 0, "a\nb").is_none());
    assert_eq!(search(r"^b", MULTILINE, "a\nb").unwrap()[0], Some((2, 3)));
    assert_eq!(search(r"a$", 0, "a\n").unwrap()[0], Some((0, 1)));
}

#[test]
fn lookaround() {
    assert_eq!(
        search(r"(?<=-)\w+", 0, "spam-egg").unwrap()[0],
        Some((5, 8))
    );
    assert_eq!(
        search(r"foo(?!bar)", 0, "foobar foobaz").unwrap()[0],
        Some((7, 10))
    );
}

#[test]
fn empty_loops_terminate_and_nested_plus_is_linear() {
    assert_eq!(search(r"(a*)*b", 0, "aaab").unwrap()[0], Some((0, 4)));
    let text = "a".repeat(5000) + "c";
    assert!(search(r"(a+)+b", 0, &text).is_none());
}

#[test]
fn errors_have_positions() {
    for (pattern, msg, pos) in [
        ("(", "missing ), unterminated subpattern", 0),
        (")", "unbalanced parenthesis", 0),
        ("a**", "multiple repeat", 2),
        ("[a", "unterminated character set", 0),
        (r"\q", "bad escape \\q", 0),
        ("a{3,2}", "min repeat greater than max repeat", 2),
    ] {
        let e = parse(pattern, 0).err().expect("pattern is an error");
        assert_eq!((e.msg.as_str(), e.pos), (msg, Some(pos)), "{pattern}");
    }
}

#[test]
fn random_patterns_never_panic() {
    const ALPHABET: &[char] = &[
        'a', 'b', '(', ')', '[', ']', '^', '$', '*', '+', '?', '{', '}', ',', '1', '2', '|', '\\',
        '.', '-', '<', '=', '!', 'P', '>', ':', 'i', 'w', 'd', 'u', '0', 'x',
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let texts = ["", "ab", "aab-b12", "ba\nab ba", "((a))"];
    for _ in 0..20_000 {
        let len = (next() % 12) as usize;
        let pattern: String = (0..len)
            .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
            .collect();
        let flags = [0, IGNORECASE, MULTILINE][(next() % 3) as usize];
        let Ok(parsed) = parse(&pattern, flags) else {
            continue;
        };
        let Ok(prog) = compile(&parsed) else { continue };
        for text in texts {
            let chars: Vec<char> = text.chars().collect();
            let mut m = Matcher::new(&prog, &chars, chars.len());
            m.search(0, None);
            m.match_at(0, true, None);
        }
    }
}
