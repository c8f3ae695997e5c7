//! Unit tests of the decision table and the exit lattice (whole-program behaviour is tested in
//! tests/jit.rs, tests/deopt.rs and tests/differential.rs).

use super::exits::T;
use super::lower::{classify, Class, Opnd};
use crate::bytecode::opcodes::Instr;
use crate::vm::ops::arith::BinOp;

#[test]
fn join_is_a_lattice() {
    assert_eq!(T::Bot.join(T::Int), T::Int);
    assert_eq!(T::Int.join(T::Int), T::Int);
    assert_eq!(T::Int.join(T::Float), T::Mem);
    assert_eq!(T::Range.join(T::Mem), T::Mem);
    assert_eq!(T::Mem.join(T::Bot), T::Mem);
}

#[test]
fn arithmetic_is_native_and_calls_are_generic() {
    assert_eq!(
        classify(Instr::InplaceAddK { dst: 1, a: 2, k: 3 }),
        Class::Arith {
            dst: 1,
            a: Opnd::Reg(2),
            b: Opnd::K(3),
            op: BinOp::Add,
            inplace: true
        }
    );
    assert_eq!(
        classify(Instr::Call {
            dst: 4,
            func: 4,
            argc: 1
        }),
        Class::Generic { out: 4, n: 1 }
    );
    assert_eq!(
        classify(Instr::LoadMethod {
            dst: 2,
            obj: 1,
            name: 0
        }),
        Class::Generic { out: 2, n: 2 }
    );
    assert_eq!(classify(Instr::Yield { dst: 0, src: 1 }), Class::Leave);
}
