//! Unit tests of the decision table and the exit lattice (whole-program behaviour is tested in
//! tests/jit.rs, tests/deopt.rs and tests/differential.rs).

use super::exits::T;
use super::helpers;
use super::lower::{classify, Class, Opnd};
use crate::bytecode::opcodes::Instr;
use crate::vm::ops::arith::BinOp;

#[test]
fn join_is_a_lattice() {
    assert_eq!(T::Bot.join(T::Int), T::Int);
    assert_eq!(T::Int.join(T::Int), T::Int);
    assert_eq!(T::Int.join(T::Float), T::Mem);
    assert_eq!(T::Range.join(T::Mem), T::Mem);
    assert_eq!(T::List.join(T::List), T::List);
    assert_eq!(T::List.join(T::Range), T::Mem);
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

#[test]
fn cell_access_is_native_and_deletion_is_left() {
    assert_eq!(
        classify(Instr::LoadDeref { dst: 3, cell: 1 }),
        Class::LoadDeref { dst: 3, cell: 1 }
    );
    assert_eq!(
        classify(Instr::StoreDeref { cell: 1, src: 3 }),
        Class::StoreDeref { cell: 1, src: 3 }
    );
    assert_eq!(classify(Instr::DeleteDeref { cell: 1 }), Class::Leave);
    // A cell is an object header followed by its value: the offset is past the header.
    assert!(helpers::cell_layout().is_some_and(|at| at > 0));
}
