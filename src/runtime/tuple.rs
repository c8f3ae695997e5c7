//! A tuple's items. Most tuples a program makes are short (pairs, a few returned values, dict
//! items, tree nodes): up to `INLINE` items live in the heap object itself, which has room for
//! them anyway (every heap object is as large as the largest `Kind`), so such a tuple costs no
//! second allocation; longer ones keep a boxed slice. Either way the items read as `[Value]`.

use super::value::Value;

/// Items kept in the object itself: as many as fit without making `Kind` larger.
pub const INLINE: usize = 2;

/// `repr(u8)` fixes the layout compiled code reads (`tier_up::helpers::tuple_layout`): the
/// variant's tag byte first (0 for `Inline`), then each variant's fields as a C struct.
#[derive(Clone)]
#[repr(u8)]
pub enum TupleItems {
    /// `len` items at the front of `items`; the rest are `None` and never read.
    Inline {
        len: u8,
        items: [Value; INLINE],
    },
    Heap(Box<[Value]>),
}

impl TupleItems {
    pub fn from_slice(v: &[Value]) -> TupleItems {
        if v.len() <= INLINE {
            let mut items = [Value::None; INLINE];
            crate::gc::load_values(&mut items[..v.len()], v);
            TupleItems::Inline {
                len: v.len() as u8,
                items,
            }
        } else {
            TupleItems::Heap(v.into())
        }
    }

    pub fn from_vec(v: Vec<Value>) -> TupleItems {
        if v.len() <= INLINE {
            TupleItems::from_slice(&v)
        } else {
            TupleItems::Heap(v.into_boxed_slice())
        }
    }

    /// Heap bytes outside the object (for the collection threshold).
    pub fn extra_size(&self) -> usize {
        match self {
            TupleItems::Inline { .. } => 0,
            TupleItems::Heap(v) => std::mem::size_of_val(&**v),
        }
    }
}

impl std::ops::Deref for TupleItems {
    type Target = [Value];

    #[inline]
    fn deref(&self) -> &[Value] {
        match self {
            TupleItems::Inline { len, items } => &items[..*len as usize],
            TupleItems::Heap(v) => v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tuples_are_inline_and_long_ones_boxed() {
        let short = TupleItems::from_vec(vec![Value::Int(1), Value::Int(2)]);
        assert!(matches!(short, TupleItems::Inline { len: 2, .. }));
        assert_eq!(short.len(), 2);
        assert_eq!(short.extra_size(), 0);
        let long = TupleItems::from_slice(&[Value::Int(7); INLINE + 1]);
        assert!(matches!(long, TupleItems::Heap(_)));
        assert_eq!(long.len(), INLINE + 1);
        assert!(TupleItems::from_slice(&[]).is_empty());
    }
}
