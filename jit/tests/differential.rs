//! Differential test: seeded random arithmetic programs (straight-line code with branch
//! diamonds, guarded ops and exits writing random live values back) run in the reference
//! interpreter and natively; result codes and register files must agree byte for byte. Every
//! eighth program is also compiled for aarch64. The seed is fixed so failures reproduce; set
//! `PYLIFT_JIT_DIFF_SEED` to explore others.

mod common;

use common::{cross, run_on, Regs};
use pylift_jit::abi::{PAYLOAD_OFFSET, VALUE_SIZE};
use pylift_jit::{Builder, ExitReason, ExitSource, FunctionIr, Jit, Op, Ty, Val};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    fn int(&mut self) -> i64 {
        match self.below(6) {
            0 => self.pick(&[0, 1, -1, 2, i64::MAX, i64::MIN, 63, 64]),
            1 => self.next() as i64,
            _ => (self.next() % 2001) as i64 - 1000,
        }
    }

    fn float(&mut self) -> f64 {
        match self.below(6) {
            0 => self.pick(&[0.0, -0.0, 1.0, -1.5, f64::INFINITY, f64::NAN, 1e300, 9.3e18]),
            1 => f64::from_bits(self.next()),
            _ => (self.next() % 20001) as f64 / 100.0 - 100.0,
        }
    }
}

#[derive(Clone, Default)]
struct Pools {
    ints: Vec<Val>,
    floats: Vec<Val>,
    bools: Vec<Val>,
}

const INT_BIN: &[Op] = &[
    Op::Iadd,
    Op::Isub,
    Op::Imul,
    Op::Iand,
    Op::Ior,
    Op::Ixor,
    Op::Ishl,
    Op::Ishr,
];
const INT_CHECKED: &[Op] = &[Op::IaddOv, Op::IsubOv, Op::ImulOv, Op::Ifloordiv, Op::Imod];
const FLOAT_BIN: &[Op] = &[Op::Fadd, Op::Fsub, Op::Fmul, Op::Fdiv];
const FLOAT_UN: &[Op] = &[Op::Fneg, Op::Fabs, Op::Fsqrt, Op::Ffloor, Op::Fceil];
const INT_CMP: &[Op] = &[Op::Ieq, Op::Ine, Op::Ilt, Op::Ile, Op::Igt, Op::Ige];
const FLOAT_CMP: &[Op] = &[Op::Feq, Op::Fne, Op::Flt, Op::Fle, Op::Fgt, Op::Fge];

struct Gen<'r> {
    rng: &'r mut Rng,
    b: Builder,
    pc: u32,
}

impl Gen<'_> {
    fn exit(&mut self, p: &Pools) -> pylift_jit::ExitId {
        let mut writes = Vec::new();
        for slot in 8..8 + self.rng.below(4) as u32 {
            let src = match self.rng.below(3) {
                0 => ExitSource::Int(self.rng.pick(&p.ints)),
                1 => ExitSource::Float(self.rng.pick(&p.floats)),
                _ if !p.bools.is_empty() => ExitSource::Bool(self.rng.pick(&p.bools)),
                _ => ExitSource::None,
            };
            writes.push((slot, src));
        }
        self.pc += 1;
        let reason = self.rng.pick(&[
            ExitReason::Overflow,
            ExitReason::ZeroDivision,
            ExitReason::ValueGuard,
        ]);
        self.b.exit(self.pc, reason, &writes)
    }

    fn step(&mut self, p: &mut Pools, allow_diamond: bool) {
        let r = &mut *self.rng;
        match r.below(12) {
            0..=2 => {
                let (x, y) = (r.pick(&p.ints), r.pick(&p.ints));
                let op = r.pick(INT_BIN);
                p.ints.push(self.b.binary(op, x, y));
            }
            3 | 4 => {
                let (x, y) = (r.pick(&p.ints), r.pick(&p.ints));
                let op = r.pick(INT_CHECKED);
                let e = self.exit(p);
                p.ints.push(self.b.checked(op, &[x, y], e));
            }
            5 => {
                let (x, y) = (r.pick(&p.floats), r.pick(&p.floats));
                let op = r.pick(FLOAT_BIN);
                p.floats.push(self.b.binary(op, x, y));
            }
            6 => {
                let x = r.pick(&p.floats);
                let op = r.pick(FLOAT_UN);
                p.floats.push(self.b.unary(op, x));
            }
            7 => {
                let (x, y) = (r.pick(&p.ints), r.pick(&p.ints));
                let op = r.pick(INT_CMP);
                p.bools.push(self.b.binary(op, x, y));
            }
            8 => {
                let (x, y) = (r.pick(&p.floats), r.pick(&p.floats));
                let op = r.pick(FLOAT_CMP);
                p.bools.push(self.b.binary(op, x, y));
            }
            9 => match r.below(5) {
                0 => {
                    let x = r.pick(&p.ints);
                    p.floats.push(self.b.unary(Op::I2f, x));
                }
                1 => {
                    let x = r.pick(&p.floats);
                    let e = self.exit(p);
                    p.ints.push(self.b.checked(Op::F2i, &[x], e));
                }
                2 => {
                    let x = r.pick(&p.ints);
                    let e = self.exit(p);
                    p.ints.push(self.b.checked(Op::InegOv, &[x], e));
                }
                3 if !p.bools.is_empty() => {
                    let x = r.pick(&p.bools);
                    p.ints.push(self.b.unary(Op::B2i, x));
                }
                _ => {
                    let x = r.pick(&p.ints);
                    p.ints.push(self.b.unary(Op::Ineg, x));
                }
            },
            10 if !p.bools.is_empty() => {
                let c = r.pick(&p.bools);
                let (x, y) = (r.pick(&p.ints), r.pick(&p.ints));
                p.ints.push(self.b.select(c, x, y));
                let (x, y) = (r.pick(&p.bools), r.pick(&p.bools));
                let op = r.pick(&[Op::Band, Op::Bor]);
                let z = self.b.binary(op, x, y);
                p.bools.push(self.b.unary(Op::Bnot, z));
            }
            11 if allow_diamond && !p.bools.is_empty() => self.diamond(p),
            _ => {
                let c = self.rng.int();
                p.ints.push(self.b.iconst(c));
            }
        }
    }

    /// `brif c, then, else` where each arm computes a few values and passes one int and one
    /// float to the join block.
    fn diamond(&mut self, p: &mut Pools) {
        let c = self.rng.pick(&p.bools);
        let (then, els) = (self.b.create_block(&[]), self.b.create_block(&[]));
        let join = self.b.create_block(&[Ty::I64, Ty::F64]);
        self.b.brif(c, then, &[], els, &[]);
        for arm in [then, els] {
            self.b.switch_to(arm);
            let mut inner = p.clone();
            for _ in 0..1 + self.rng.below(4) {
                self.step(&mut inner, false);
            }
            let (i, f) = (*inner.ints.last().unwrap(), *inner.floats.last().unwrap());
            self.b.jump(join, &[i, f]);
        }
        self.b.switch_to(join);
        let ps = self.b.block_params(join).to_vec();
        p.ints.push(ps[0]);
        p.floats.push(ps[1]);
    }
}

fn random_program(rng: &mut Rng, n: usize) -> FunctionIr {
    let mut g = Gen {
        rng,
        b: Builder::new("random"),
        pc: 0,
    };
    let mut p = Pools::default();
    for slot in 0..4 {
        p.ints
            .push(g.b.load(Op::LoadI64, Val::REGS, slot * VALUE_SIZE + PAYLOAD_OFFSET));
    }
    for slot in 4..6 {
        p.floats
            .push(g.b.load(Op::LoadF64, Val::REGS, slot * VALUE_SIZE + PAYLOAD_OFFSET));
    }
    for _ in 0..n {
        // Diamonds only at top level keep the generator simple.
        g.step(&mut p, true);
    }
    let last_i = *p.ints.last().unwrap();
    let last_f = *p.floats.last().unwrap();
    let mut writes = vec![
        (12, ExitSource::Int(last_i)),
        (13, ExitSource::Float(last_f)),
    ];
    if let Some(&b) = p.bools.last() {
        writes.push((14, ExitSource::Bool(b)));
    }
    let done = g.b.exit(1000, ExitReason::ValueGuard, &writes);
    if g.rng.below(2) == 0 {
        g.b.exit_now(done);
    } else {
        g.b.ret(ExitSource::Int(last_i));
        g.b.set_return_slot(15);
    }
    g.b.finish()
        .unwrap_or_else(|e| panic!("generator built invalid IR: {e}"))
}

#[test]
fn interpreter_and_native_agree_on_random_programs() {
    let seed = std::env::var("PYLIFT_JIT_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_u64);
    let mut rng = Rng(seed | 1);
    let mut jit = Jit::new().unwrap();
    let (mut exits, mut returns) = (0, 0);
    for i in 0..300 {
        let len = 5 + rng.below(40);
        let f = random_program(&mut rng, len);
        for _ in 0..4 {
            let mut regs = Regs::new(16);
            for s in 0..4 {
                regs.set_int(s, rng.int());
            }
            for s in 4..6 {
                regs.set_float(s, rng.float());
            }
            let (rc, _) = run_on(&mut jit, &f, None, &regs, std::ptr::null_mut());
            if rc == 0 {
                returns += 1;
            } else {
                exits += 1;
            }
        }
        if i % 8 == 0 {
            cross(&f);
        }
    }
    // Both outcomes must actually be exercised for the comparison to mean something.
    assert!(
        exits > 100 && returns > 100,
        "exits {exits}, returns {returns}"
    );
}
