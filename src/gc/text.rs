//! A str object's text: kept in the object's own heap box when it is short, which most strs are
//! (words, keys, identifiers, numbers), so such a str costs no second allocation. The box has
//! room for it anyway: every heap object is as large as the largest `Kind`.

/// Bytes of text kept inline: what fits beside a str's other fields without growing `Kind`.
pub const INLINE: usize = 22;

pub enum Text {
    /// `len` bytes of UTF-8 at the front of `bytes`.
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    Heap(Box<str>),
}

impl Text {
    pub fn new(s: &str) -> Text {
        if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Text::Inline {
                len: s.len() as u8,
                bytes,
            }
        } else {
            Text::Heap(s.into())
        }
    }

    /// `a` followed by `b`, built in place when short.
    pub fn concat(a: &str, b: &str) -> Text {
        let n = a.len() + b.len();
        if n <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..a.len()].copy_from_slice(a.as_bytes());
            bytes[a.len()..n].copy_from_slice(b.as_bytes());
            Text::Inline {
                len: n as u8,
                bytes,
            }
        } else {
            let mut s = String::with_capacity(n);
            s.push_str(a);
            s.push_str(b);
            Text::Heap(s.into_boxed_str())
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            // SAFETY: an inline text is only ever written by `new` and `concat`, which copy
            // whole `&str`s (so valid UTF-8, split at no character) into `bytes[..len]`, and
            // it is immutable afterwards.
            Text::Inline { len, bytes } => unsafe {
                std::str::from_utf8_unchecked(&bytes[..*len as usize])
            },
            Text::Heap(s) => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_inline_and_long_text_boxed() {
        for s in ["", "a", "héllo wörld", &"x".repeat(INLINE)] {
            let t = Text::new(s);
            assert!(matches!(t, Text::Inline { .. }), "{s:?}");
            assert_eq!(t.as_str(), s);
        }
        let long = "é".repeat(INLINE);
        assert!(matches!(Text::new(&long), Text::Heap(_)));
        assert_eq!(Text::concat("ab", "ç").as_str(), "abç");
        assert!(matches!(Text::concat("ab", "ç"), Text::Inline { .. }));
        let joined = Text::concat(&long, "!");
        assert!(matches!(joined, Text::Heap(_)));
        assert_eq!(joined.as_str(), format!("{long}!"));
    }
}
