//! Constant folding, as CPython's AST optimizer does it and no further: unary and binary
//! operators on literal operands (with CPython's size limits, so `2**10000` or `'x'*10**6` stay
//! runtime operations), and tuples of constants. Anything that could raise (division by zero,
//! negative shifts) or whose result depends on float corner cases is left to the VM.

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::ast::{self, Expr, ExprKind, Operator, UnaryOp};
use crate::bytecode::code::Constant;

use super::Compiler;

/// CPython's limits on folded results (`MAX_INT_SIZE` bits, `MAX_STR_SIZE`, `MAX_COLLECTION_SIZE`).
const MAX_INT_BITS: u64 = 128;
const MAX_STR_SIZE: usize = 4096;
const MAX_COLLECTION_SIZE: usize = 256;

/// The bytecode constant for an AST literal.
pub(super) fn constant(c: &ast::Constant) -> Constant {
    match c {
        ast::Constant::None => Constant::None,
        ast::Constant::Bool(b) => Constant::Bool(*b),
        ast::Constant::Ellipsis => Constant::Ellipsis,
        ast::Constant::Int(i) => int(i.clone()),
        ast::Constant::Float(f) => Constant::Float(*f),
        ast::Constant::Complex { real, imag } => Constant::Complex {
            real: *real,
            imag: *imag,
        },
        ast::Constant::Str(s) => Constant::Str(s.as_str().into()),
        ast::Constant::Bytes(b) => Constant::Bytes(b.as_slice().into()),
        ast::Constant::Tuple(items) => {
            Constant::Tuple(items.iter().map(constant).collect::<Vec<_>>().into())
        }
    }
}

/// Canonical int constant: `Int` when it fits in i64.
pub(super) fn int(i: BigInt) -> Constant {
    match i.to_i64() {
        Some(v) => Constant::Int(v),
        None => Constant::BigInt(Rc::new(i)),
    }
}

fn as_int(c: &Constant) -> Option<BigInt> {
    match c {
        Constant::Int(i) => Some(BigInt::from(*i)),
        Constant::BigInt(b) => Some((**b).clone()),
        Constant::Bool(b) => Some(BigInt::from(*b as i64)),
        _ => None,
    }
}

fn as_float(c: &Constant) -> Option<f64> {
    match c {
        Constant::Float(f) => Some(*f),
        Constant::Int(i) if i.unsigned_abs() < (1 << 53) => Some(*i as f64),
        Constant::Bool(b) => Some(*b as i64 as f64),
        _ => None,
    }
}

/// Python truthiness of a constant.
pub(super) fn truthiness(c: &Constant) -> Option<bool> {
    Some(match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Int(i) => *i != 0,
        Constant::BigInt(b) => !b.is_zero(),
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) => !t.is_empty(),
        Constant::Ellipsis => true,
        Constant::Code(_) => return None,
    })
}

impl Compiler<'_> {
    /// The value of `e` if CPython would fold it to a constant.
    pub(super) fn fold(&self, e: &Expr) -> Option<Constant> {
        fold_expr(e, 0)
    }
}

fn fold_expr(e: &Expr, depth: u32) -> Option<Constant> {
    if depth > 200 {
        return None;
    }
    match &e.kind {
        ExprKind::Constant { value, .. } => Some(constant(value)),
        ExprKind::UnaryOp { op, operand } => unary(*op, &fold_expr(operand, depth + 1)?),
        ExprKind::BinOp { left, op, right } => {
            let l = fold_expr(left, depth + 1)?;
            let r = fold_expr(right, depth + 1)?;
            binary(*op, &l, &r)
        }
        ExprKind::Tuple {
            elts,
            ctx: ast::ExprContext::Load,
        } => {
            let items = elts
                .iter()
                .map(|e| fold_expr(e, depth + 1))
                .collect::<Option<Vec<_>>>()?;
            Some(Constant::Tuple(items.into()))
        }
        _ => None,
    }
}

fn unary(op: UnaryOp, c: &Constant) -> Option<Constant> {
    match op {
        UnaryOp::Not => Some(Constant::Bool(!truthiness(c)?)),
        UnaryOp::USub => match c {
            Constant::Float(f) => Some(Constant::Float(-f)),
            Constant::Complex { real, imag } => Some(Constant::Complex {
                real: -real,
                imag: -imag,
            }),
            _ => Some(int(-as_int(c)?)),
        },
        UnaryOp::UAdd => match c {
            Constant::Float(_) | Constant::Complex { .. } => Some(c.clone()),
            _ => Some(int(as_int(c)?)),
        },
        UnaryOp::Invert => match c {
            Constant::Float(_) | Constant::Complex { .. } => None,
            _ => Some(int(!as_int(c)?)),
        },
    }
}

fn bits(i: &BigInt) -> u64 {
    i.bits()
}

fn binary(op: Operator, l: &Constant, r: &Constant) -> Option<Constant> {
    use Operator::*;
    if let (Constant::Bool(_), Constant::Bool(_), BitAnd | BitOr | BitXor) = (l, r, op) {
        // bool's own `&`, `|`, `^` return bools; left to the VM.
        return None;
    }
    if let (Some(a), Some(b)) = (as_int(l), as_int(r)) {
        return int_binary(op, a, b);
    }
    match (l, r) {
        (Constant::Str(a), Constant::Str(b)) if op == Add => {
            (a.len() + b.len() <= MAX_STR_SIZE).then(|| Constant::Str(format!("{a}{b}").into()))
        }
        (Constant::Bytes(a), Constant::Bytes(b)) if op == Add => (a.len() + b.len()
            <= MAX_STR_SIZE)
            .then(|| Constant::Bytes([&a[..], &b[..]].concat().into())),
        (Constant::Tuple(a), Constant::Tuple(b)) if op == Add => (a.len() + b.len()
            <= MAX_COLLECTION_SIZE)
            .then(|| Constant::Tuple(a.iter().chain(b.iter()).cloned().collect::<Vec<_>>().into())),
        (Constant::Str(s), n) | (n, Constant::Str(s)) if op == Mult => {
            let n = as_int(n)?.to_i64()?.max(0) as usize;
            (s.len().saturating_mul(n) <= MAX_STR_SIZE).then(|| Constant::Str(s.repeat(n).into()))
        }
        (Constant::Bytes(s), n) | (n, Constant::Bytes(s)) if op == Mult => {
            let n = as_int(n)?.to_i64()?.max(0) as usize;
            (s.len().saturating_mul(n) <= MAX_STR_SIZE).then(|| Constant::Bytes(s.repeat(n).into()))
        }
        (Constant::Complex { .. }, _) | (_, Constant::Complex { .. }) => complex_binary(op, l, r),
        _ => {
            let (a, b) = (as_float(l)?, as_float(r)?);
            match op {
                Add => Some(Constant::Float(a + b)),
                Sub => Some(Constant::Float(a - b)),
                Mult => Some(Constant::Float(a * b)),
                Div if b != 0.0 => Some(Constant::Float(a / b)),
                _ => None,
            }
        }
    }
}

fn complex_parts(c: &Constant) -> Option<(f64, f64)> {
    match c {
        Constant::Complex { real, imag } => Some((*real, *imag)),
        _ => Some((as_float(c)?, 0.0)),
    }
}

fn complex_binary(op: Operator, l: &Constant, r: &Constant) -> Option<Constant> {
    let (a, b) = complex_parts(l)?;
    let (c, d) = complex_parts(r)?;
    match op {
        Operator::Add => Some(Constant::Complex {
            real: a + c,
            imag: b + d,
        }),
        Operator::Sub => Some(Constant::Complex {
            real: a - c,
            imag: b - d,
        }),
        _ => None,
    }
}

fn int_binary(op: Operator, a: BigInt, b: BigInt) -> Option<Constant> {
    use Operator::*;
    let r = match op {
        Add => a + b,
        Sub => a - b,
        Mult => {
            if !a.is_zero() && !b.is_zero() && bits(&a) + bits(&b) > MAX_INT_BITS {
                return None;
            }
            a * b
        }
        FloorDiv if !b.is_zero() => a.div_floor(&b),
        Mod if !b.is_zero() => a.mod_floor(&b),
        Div if !b.is_zero() => {
            let (x, y) = (a.to_i64()?, b.to_i64()?);
            if x.unsigned_abs() >= 1 << 53 || y.unsigned_abs() >= 1 << 53 {
                return None;
            }
            return Some(Constant::Float(x as f64 / y as f64));
        }
        Pow => {
            if b.is_negative() {
                return None;
            }
            let e = b.to_u64()?;
            if !a.is_zero() && bits(&a).saturating_mul(e) > MAX_INT_BITS {
                return None;
            }
            num_traits::pow(a, e as usize)
        }
        LShift => {
            if b.is_negative() {
                return None;
            }
            let s = b.to_u64()?;
            if !a.is_zero() && bits(&a) + s > MAX_INT_BITS {
                return None;
            }
            a << s as usize
        }
        RShift => {
            if b.is_negative() {
                return None;
            }
            let s = b.to_u64().unwrap_or(u64::MAX).min(1 << 20);
            a >> s as usize
        }
        BitAnd => a & b,
        BitOr => a | b,
        BitXor => a ^ b,
        _ => return None,
    };
    Some(int(r))
}
