//! `Value`: the 16-byte tag + payload word every register holds. Immediates (None, bool, small
//! int, float) need no allocation; everything else is an `ObjRef` to a heap object. The layout
//! is the JIT's contract (`pylift_jit::abi`): `repr(C, u64)` puts the tag word at offset 0 and the
//! payload at offset 8; the discriminants are the ABI's tag constants. A word tag, not a byte,
//! so a copy is two plain moves with no padding bytes (see `abi`).

use crate::gc::ObjRef;
use pylift_jit::abi;

#[repr(C, u64)]
#[derive(Clone, Copy, Debug, Default)]
pub enum Value {
    #[default]
    None = abi::TAG_NONE as u64,
    Bool(bool) = abi::TAG_BOOL as u64,
    Int(i64) = abi::TAG_INT as u64,
    Float(f64) = abi::TAG_FLOAT as u64,
    Object(ObjRef) = abi::TAG_OBJECT as u64,
}

const _: () = assert!(std::mem::size_of::<Value>() == abi::VALUE_SIZE as usize);
const _: () = assert!(std::mem::align_of::<Value>() == 8);
const _: () = assert!(abi::TAG_OFFSET == 0 && abi::PAYLOAD_OFFSET == 8);

impl Value {
    #[inline]
    pub fn is_none(self) -> bool {
        matches!(self, Value::None)
    }

    #[inline]
    pub fn as_obj(self) -> Option<ObjRef> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// Identity (`is`): immediates compare by value, objects by address.
    #[inline]
    pub fn is(self, other: Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Object(a), Value::Object(b)) => a.ptr_eq(b),
            _ => false,
        }
    }

    /// A bit pattern identifying the tag, for type feedback.
    #[inline]
    pub fn tag(self) -> u8 {
        match self {
            Value::None => abi::TAG_NONE,
            Value::Bool(_) => abi::TAG_BOOL,
            Value::Int(_) => abi::TAG_INT,
            Value::Float(_) => abi::TAG_FLOAT,
            Value::Object(_) => abi::TAG_OBJECT,
        }
    }
}
