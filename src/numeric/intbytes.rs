//! `int.to_bytes` and `int.from_bytes` (3.11 signatures: `length=1, byteorder='big',
//! signed=False`), two's complement for signed conversions, CPython's errors and its one quirk:
//! `(-1).to_bytes(0, signed=True)` is `b''`.

use super::error::MathError;
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

/// Largest `length` accepted before allocating (CPython would fail with `MemoryError`).
const MAX_LENGTH: u64 = 1 << 31;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByteOrder {
    Little,
    Big,
}

impl ByteOrder {
    /// The `byteorder` argument.
    pub fn parse(s: &str) -> Result<ByteOrder, MathError> {
        match s {
            "little" => Ok(ByteOrder::Little),
            "big" => Ok(ByteOrder::Big),
            _ => Err(MathError::ByteOrder),
        }
    }
}

/// `n.to_bytes(length, byteorder, signed=signed)`.
pub fn to_bytes(
    n: &BigInt,
    length: &BigInt,
    order: ByteOrder,
    signed: bool,
) -> Result<Vec<u8>, MathError> {
    if length.is_negative() {
        return Err(MathError::NegativeLength);
    }
    let len = length.to_i64().ok_or(MathError::SsizeOverflow)? as u64;
    if !signed && n.is_negative() {
        return Err(MathError::NegativeToUnsigned);
    }
    let bits = len.saturating_mul(8);
    let fits = if signed && bits == 0 {
        // CPython's quirk: zero bytes hold 0 and also -1.
        n.is_zero() || *n == BigInt::from(-1)
    } else if signed {
        // -2**(bits-1) <= n < 2**(bits-1)
        n.bits() < bits || (n.is_negative() && (-n - 1u8).bits() < bits)
    } else {
        n.bits() <= bits
    };
    if !fits {
        return Err(MathError::IntTooBigToConvert);
    }
    if len > MAX_LENGTH {
        return Err(MathError::OutOfMemory);
    }
    let len = len as usize;
    if len == 0 {
        return Ok(Vec::new());
    }
    let mut bytes = if n.sign() == Sign::Minus {
        // Two's complement: 2**bits + n.
        let modulus = BigInt::from(1u8) << (len * 8);
        (modulus + n).magnitude().to_bytes_le()
    } else {
        n.magnitude().to_bytes_le()
    };
    if n.is_zero() {
        bytes.clear();
    }
    bytes.resize(len, 0);
    if order == ByteOrder::Big {
        bytes.reverse();
    }
    Ok(bytes)
}

/// `int.from_bytes(data, byteorder, signed=signed)`.
pub fn from_bytes(data: &[u8], order: ByteOrder, signed: bool) -> BigInt {
    let n = match order {
        ByteOrder::Little => BigInt::from_bytes_le(Sign::Plus, data),
        ByteOrder::Big => BigInt::from_bytes_be(Sign::Plus, data),
    };
    let top = match order {
        ByteOrder::Little => data.last(),
        ByteOrder::Big => data.first(),
    };
    if signed && top.is_some_and(|&b| b & 0x80 != 0) {
        n - (BigInt::from(1u8) << (data.len() * 8))
    } else {
        n
    }
}
