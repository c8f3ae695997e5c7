//! A str object's text and its length in characters: the text is kept in the object's own heap
//! box when it is short, which most strs are (words, keys, identifiers, numbers, formatted
//! records), so such a str costs no second allocation. The box has room for it anyway: every
//! heap object is as large as the largest `Kind`. The character count sits beside the text (a
//! byte when inline), so that 29 bytes fit where a separate count left room for 22.

/// Bytes of text kept inline: what fits beside a str's hash without growing `Kind`.
pub const INLINE: usize = 29;

pub enum Text {
    /// `len` bytes of UTF-8 at the front of `bytes`, `chars` characters.
    Inline {
        len: u8,
        chars: u8,
        bytes: [u8; INLINE],
    },
    Heap {
        s: Box<str>,
        chars: usize,
    },
}

impl Text {
    /// `s`, which has `chars` characters.
    pub fn new(s: impl AsRef<str> + Into<Box<str>>, chars: usize) -> Text {
        let t = s.as_ref();
        if t.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..t.len()].copy_from_slice(t.as_bytes());
            Text::Inline {
                len: t.len() as u8,
                chars: chars as u8,
                bytes,
            }
        } else {
            Text::Heap { s: s.into(), chars }
        }
    }

    /// `a` followed by `b`, `chars` characters in all, built in place when short.
    pub fn concat(a: &str, b: &str, chars: usize) -> Text {
        Text::concat_all(|| [a, b].into_iter(), chars)
    }

    /// The texts `parts()` yields, in order, `chars` characters in all, built in place when
    /// short. `parts` is called twice: once to size the result, once to copy.
    pub fn concat_all<'a, I: Iterator<Item = &'a str>>(
        parts: impl Fn() -> I,
        chars: usize,
    ) -> Text {
        let n: usize = parts().map(str::len).sum();
        if n <= INLINE {
            let mut bytes = [0; INLINE];
            let mut at = 0;
            for p in parts() {
                bytes[at..at + p.len()].copy_from_slice(p.as_bytes());
                at += p.len();
            }
            Text::Inline {
                len: n as u8,
                chars: chars as u8,
                bytes,
            }
        } else {
            let mut s = String::with_capacity(n);
            for p in parts() {
                s.push_str(p);
            }
            Text::Heap {
                s: s.into_boxed_str(),
                chars,
            }
        }
    }

    /// Length in characters.
    #[inline]
    pub fn chars(&self) -> usize {
        match self {
            Text::Inline { chars, .. } => *chars as usize,
            Text::Heap { chars, .. } => *chars,
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            // SAFETY: an inline text is only ever written by `new` and `concat`, which copy
            // whole `&str`s (so valid UTF-8, split at no character) into `bytes[..len]`, and
            // it is immutable afterwards.
            Text::Inline { len, bytes, .. } => unsafe {
                std::str::from_utf8_unchecked(&bytes[..*len as usize])
            },
            Text::Heap { s, .. } => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_inline_and_long_text_boxed() {
        for s in ["", "a", "héllo wörld", &"x".repeat(INLINE)] {
            let t = Text::new(s, s.chars().count());
            assert!(matches!(t, Text::Inline { .. }), "{s:?}");
            assert_eq!(t.as_str(), s);
            assert_eq!(t.chars(), s.chars().count());
        }
        let long = "é".repeat(INLINE);
        assert!(matches!(Text::new(&*long, INLINE), Text::Heap { .. }));
        let short = Text::concat("ab", "ç", 3);
        assert_eq!((short.as_str(), short.chars()), ("abç", 3));
        assert!(matches!(short, Text::Inline { .. }));
        let joined = Text::concat(&long, "!", INLINE + 1);
        assert!(matches!(joined, Text::Heap { .. }));
        assert_eq!(joined.as_str(), format!("{long}!"));
        assert_eq!(joined.chars(), INLINE + 1);
        let three = Text::concat_all(|| ["a", "", "é"].into_iter(), 2);
        assert_eq!((three.as_str(), three.chars()), ("aé", 2));
        let none = Text::concat_all(std::iter::empty, 0);
        assert!(matches!(none, Text::Inline { len: 0, .. }));
    }
}
