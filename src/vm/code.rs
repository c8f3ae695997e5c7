//! The VM's view of a code object: the compiler's `CodeObject` plus what execution needs and
//! never serialises — instructions pre-decoded to `Instr`, constants materialised as `Value`s,
//! names interned, and the per-instruction type-feedback side table the tier-up step reads.

use crate::bytecode::code::{CodeObject, Constant};
use crate::bytecode::opcodes::Instr;
use crate::gc::ObjRef;
use crate::runtime::value::Value;
use crate::runtime::{self, str::intern};
use std::cell::Cell;
use std::rc::Rc;

pub struct CodeRt {
    pub code: Rc<CodeObject>,
    pub instrs: Vec<Instr>,
    pub consts: Vec<Value>,
    /// Nested code objects by constant index (`MakeFunction`).
    pub children: Vec<Option<Rc<CodeRt>>>,
    pub names: Vec<ObjRef>,
    pub varnames: Vec<ObjRef>,
    /// Type feedback: per pc, the bitset of operand tags seen (`1 << Value::tag()`).
    pub feedback: Vec<Cell<u8>>,
    /// Inline caches by pc (`vm::cache`).
    pub caches: Box<[Cell<super::cache::Cache>]>,
    pub name: ObjRef,
    pub qualname: ObjRef,
    pub is_generator: bool,
    /// `code.nregs`, one load closer for every frame push.
    pub nregs: usize,
    /// The positional arity when a call with exactly that many positional arguments needs no
    /// binding (no `*args`, `**kwargs`, keyword-only parameters or cells; not a generator),
    /// else `usize::MAX`: the frame-push fast path's one check.
    pub exact_argc: usize,
    /// Hotness counter and compiled code (`tier_up`).
    pub tier: crate::tier_up::CodeTier,
}

impl CodeRt {
    pub fn new(code: Rc<CodeObject>) -> Rc<CodeRt> {
        let instrs = code
            .code
            .iter()
            .map(|u| u.decode().expect("verified code"))
            .collect();
        let mut consts = Vec::with_capacity(code.consts.len());
        let mut children = Vec::with_capacity(code.consts.len());
        for c in &code.consts {
            match c {
                Constant::Code(inner) => {
                    let rt = CodeRt::new(inner.clone());
                    consts.push(Value::None);
                    children.push(Some(rt));
                }
                other => {
                    consts.push(constant_value(other));
                    children.push(None);
                }
            }
        }
        let is_generator = code
            .flags
            .contains(crate::bytecode::code::CodeFlags::GENERATOR);
        let spec = code.args;
        let exact_argc = if is_generator
            || spec.varargs
            || spec.varkeywords
            || spec.kwonlyargcount != 0
            || !code.cells.is_empty()
        {
            usize::MAX
        } else {
            spec.argcount as usize
        };
        Rc::new(CodeRt {
            instrs,
            consts,
            children,
            names: code.names.iter().map(|n| intern(n)).collect(),
            varnames: code.varnames.iter().map(|n| intern(n)).collect(),
            feedback: (0..code.code.len()).map(|_| Cell::new(0)).collect(),
            caches: super::cache::new_caches(code.code.len()),
            name: intern(&code.name),
            qualname: intern(&code.qualname),
            is_generator,
            nregs: code.nregs as usize,
            exact_argc,
            tier: Default::default(),
            code,
        })
    }

    /// Marks the constants of this code and of every nested code object.
    pub fn trace(&self, m: &mut crate::gc::Marker) {
        m.values(&self.consts);
        for c in self.children.iter().flatten() {
            c.trace(m);
        }
    }

    /// The source line of the instruction at `pc`.
    pub fn line(&self, pc: usize) -> u32 {
        self.code
            .locations
            .get(pc)
            .map_or(self.code.first_line, |l| l.line)
    }
}

/// A constant as a runtime value. Strings are interned (they are often names and dict keys).
pub fn constant_value(c: &Constant) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(i) => Value::Int(*i),
        Constant::BigInt(b) => runtime::int::from_bigint((**b).clone()),
        Constant::Float(f) => Value::Float(*f),
        Constant::Complex { real, .. } => Value::Float(*real),
        Constant::Str(s) => Value::Object(intern(s)),
        Constant::Bytes(b) => runtime::alloc::bytes(b.to_vec()),
        Constant::Tuple(items) => runtime::alloc::tuple(items.iter().map(constant_value).collect()),
        Constant::Ellipsis => Value::Object(runtime::types::types().ellipsis),
        Constant::Code(_) => Value::None,
    }
}
