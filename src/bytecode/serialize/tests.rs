use super::*;
use crate::bytecode::code::CodeFlags;

fn code_object(name: &str, instrs: &[Instr], consts: Vec<Constant>, nregs: u16) -> CodeObject {
    CodeObject {
        name: name.into(),
        qualname: name.into(),
        filename: "t.py".into(),
        first_line: 1,
        flags: CodeFlags::default(),
        args: ArgSpec::default(),
        code: instrs.iter().map(Instr::encode).collect(),
        locations: (0..instrs.len() as u32)
            .map(|i| Location {
                line: 1 + i * 3 % 7,
                end_line: 2 + i,
                col: i,
                end_col: 4 * i,
            })
            .collect(),
        consts,
        names: Vec::new(),
        varnames: Vec::new(),
        cells: Vec::new(),
        freevars: Vec::new(),
        nregs,
        exception_table: Vec::new(),
        docstring: None,
    }
}

/// A function with every field set, nested in a module whose constants cover every kind.
fn sample() -> CodeObject {
    let mut inner = code_object(
        "f",
        &[
            Instr::LoadGlobal { dst: 3, name: 0 },
            Instr::CallKw {
                dst: 3,
                func: 3,
                argc: 1,
                kwnames: 1,
            },
            Instr::Jump { target: 4 },
            Instr::LoadDeref { dst: 3, cell: 4 },
            Instr::Return { src: 3 },
        ],
        vec![
            Constant::None,
            Constant::Tuple(vec![Constant::Str("end".into())].into()),
        ],
        6,
    );
    inner.qualname = "outer.<locals>.f".into();
    inner.flags = CodeFlags(CodeFlags::OPTIMIZED.0 | CodeFlags::NEWLOCALS.0 | CodeFlags::VARARGS.0);
    inner.args = ArgSpec {
        argcount: 2,
        posonlyargcount: 1,
        kwonlyargcount: 0,
        varargs: true,
        varkeywords: false,
    };
    inner.names = vec!["print".into()];
    inner.varnames = vec!["a".into(), "b".into(), "args".into(), "x".into()];
    inner.cells = vec![3];
    inner.freevars = vec!["y".into()];
    inner.exception_table = vec![ExceptionEntry {
        start: 0,
        end: 2,
        handler: 3,
        exc_reg: 5,
    }];
    inner.docstring = Some("Doc — with ünicode.".into());
    inner.first_line = 70_000;

    let weird_nan = f64::from_bits(0x7ff8_dead_beef_0001);
    let consts = vec![
        Constant::None,
        Constant::Bool(false),
        Constant::Bool(true),
        Constant::Int(0),
        Constant::Int(-1),
        Constant::Int(i64::MIN),
        Constant::Int(i64::MAX),
        Constant::BigInt(Rc::new(BigInt::from(i64::MAX) + 1)),
        Constant::BigInt(Rc::new(-(BigInt::from(1) << 200u32))),
        Constant::Float(-0.0),
        Constant::Float(weird_nan),
        Constant::Float(f64::INFINITY),
        Constant::Complex {
            real: -0.0,
            imag: 1e300,
        },
        Constant::Str("".into()),
        Constant::Str("héllo\0wörld 🐍".into()),
        Constant::Bytes(Rc::from(&b"\x00\xffabc"[..])),
        Constant::Tuple(
            vec![
                Constant::Int(1),
                Constant::Tuple(Rc::from([])),
                Constant::Ellipsis,
            ]
            .into(),
        ),
        Constant::Ellipsis,
        Constant::Code(Rc::new(inner)),
        Constant::Code(Rc::new(CodeObject {
            filename: "elsewhere.py".into(),
            ..code_object("g", &[Instr::Return { src: 0 }], vec![], 1)
        })),
    ];
    let mut module = code_object(
        "<module>",
        &[
            Instr::MakeFunction { dst: 0, code: 18 },
            Instr::LoadConst { dst: 1, k: 7 },
            Instr::Return { src: 0 },
        ],
        consts,
        2,
    );
    module.locations[2] = Location {
        line: 1,
        end_line: 1,
        col: 0,
        end_col: 0,
    };
    module
}

fn float_bits(k: &Constant, out: &mut Vec<u64>) {
    match k {
        Constant::Float(f) => out.push(f.to_bits()),
        Constant::Complex { real, imag } => out.extend([real.to_bits(), imag.to_bits()]),
        Constant::Tuple(items) => items.iter().for_each(|i| float_bits(i, out)),
        Constant::Code(c) => c.consts.iter().for_each(|i| float_bits(i, out)),
        _ => {}
    }
}

#[test]
fn round_trip_keeps_every_field_and_float_bits() {
    let original = sample();
    verify_all(&original).expect("sample is valid");
    let bytes = dump(&original).unwrap();
    let loaded = load(&bytes).unwrap();
    assert_eq!(format!("{loaded:?}"), format!("{original:?}"));
    let (mut a, mut b) = (Vec::new(), Vec::new());
    original.consts.iter().for_each(|k| float_bits(k, &mut a));
    loaded.consts.iter().for_each(|k| float_bits(k, &mut b));
    assert_eq!(a, b);
    assert!(a.contains(&0x7ff8_dead_beef_0001));
    assert_eq!(dump(&loaded).unwrap(), bytes, "dump(load(x)) == x");
}

#[test]
fn every_opcode_with_extreme_operands_round_trips() {
    for &op in Opcode::ALL {
        for fill in [0u32, u32::MAX] {
            let mut word = op as u64;
            let mut shift = 8;
            for &(_, kind) in op.operands() {
                word |= (fill.min(kind.max()) as u64) << shift;
                shift += kind.bits();
            }
            let instr = CodeUnit(word).decode().unwrap();
            let mut w = Writer::new();
            w.instr(instr);
            let mut r = Reader {
                bytes: &w.out,
                pos: 0,
                filename: None,
                rename: None,
            };
            assert_eq!(r.instr().unwrap(), CodeUnit(word), "{op:?}");
            assert_eq!(r.remaining(), 0);
        }
    }
}

#[test]
fn every_truncation_is_rejected() {
    let bytes = dump(&sample()).unwrap();
    for len in 0..bytes.len() {
        assert!(
            load(&bytes[..len]).is_err(),
            "accepted a prefix of {len} bytes"
        );
    }
    let mut long = bytes.clone();
    long.push(0);
    assert_eq!(load(&long).unwrap_err(), DecodeError::TrailingBytes);
}

#[test]
fn huge_lengths_fail_before_allocating() {
    // A name whose length prefix claims 2^63 bytes.
    let mut w = Writer::new();
    w.uvar(1 << 63);
    assert_eq!(load(&w.out).unwrap_err(), DecodeError::Truncated);
    // A varint longer than 64 bits.
    assert_eq!(load(&[0xff; 11]).unwrap_err(), DecodeError::Overflow);
    assert_eq!(
        load(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02]).unwrap_err(),
        DecodeError::Overflow
    );
}

/// Serialises without checks, so tests can build files the compiler would never produce.
fn raw(code: &CodeObject) -> Vec<u8> {
    dump(code).unwrap()
}

#[test]
fn out_of_range_operands_are_rejected() {
    let cases = [
        code_object(
            "k",
            &[Instr::LoadConst { dst: 0, k: 1 }, Instr::Return { src: 0 }],
            vec![Constant::None],
            1,
        ),
        code_object(
            "reg",
            &[Instr::LoadConst { dst: 1, k: 0 }, Instr::Return { src: 0 }],
            vec![Constant::None],
            1,
        ),
        code_object(
            "name",
            &[
                Instr::LoadGlobal { dst: 0, name: 0 },
                Instr::Return { src: 0 },
            ],
            vec![],
            1,
        ),
        code_object(
            "label",
            &[Instr::Jump { target: 2 }, Instr::Return { src: 0 }],
            vec![],
            1,
        ),
        code_object(
            "window",
            &[
                Instr::Call {
                    dst: 0,
                    func: 0,
                    argc: 1,
                },
                Instr::Return { src: 0 },
            ],
            vec![],
            1,
        ),
        code_object("falls off", &[Instr::Move { dst: 0, src: 0 }], vec![], 1),
        code_object(
            "kind",
            &[
                Instr::MakeFunction { dst: 0, code: 0 },
                Instr::Return { src: 0 },
            ],
            vec![Constant::Int(3)],
            1,
        ),
        code_object(
            "kwnames",
            &[
                Instr::CallKw {
                    dst: 0,
                    func: 0,
                    argc: 0,
                    kwnames: 0,
                },
                Instr::Return { src: 0 },
            ],
            vec![Constant::Tuple(vec![Constant::Int(3)].into())],
            1,
        ),
    ];
    for c in &cases {
        assert!(
            matches!(load(&raw(c)), Err(DecodeError::Invalid(_))),
            "{} accepted",
            c.name
        );
    }
    let mut exc = code_object("exc", &[Instr::Return { src: 0 }], vec![], 1);
    exc.exception_table.push(ExceptionEntry {
        start: 0,
        end: 1,
        handler: 1,
        exc_reg: 0,
    });
    assert!(matches!(load(&raw(&exc)), Err(DecodeError::Invalid(_))));
    let mut posonly = code_object("posonly", &[Instr::Return { src: 0 }], vec![], 1);
    posonly.args.posonlyargcount = 1;
    assert!(matches!(load(&raw(&posonly)), Err(DecodeError::Invalid(_))));
}

#[test]
fn bad_bytes_are_rejected() {
    let good = code_object(
        "g",
        &[Instr::Return { src: 0 }],
        vec![Constant::BigInt(Rc::new(BigInt::from(1) << 64u32))],
        1,
    );
    let bytes = raw(&good);
    let op_at = 1 + bytes
        .windows(4)
        .position(|w| w == [1, Opcode::Return as u8, 0, 0])
        .unwrap();
    let mut bad_op = bytes.clone();
    bad_op[op_at] = 255;
    assert_eq!(load(&bad_op).unwrap_err(), DecodeError::BadOpcode(255));

    let mut no_parent = bytes.clone();
    assert_eq!(&no_parent[..5], &[1, b'g', 1, b'g', NEW_FILENAME]);
    no_parent[4] = SAME_FILENAME;
    assert_eq!(
        load(&no_parent).unwrap_err(),
        DecodeError::BadTag(SAME_FILENAME)
    );

    let mut small_big = code_object("s", &[Instr::Return { src: 0 }], vec![], 1);
    small_big
        .consts
        .push(Constant::BigInt(Rc::new(BigInt::from(5))));
    assert_eq!(
        load(&raw(&small_big)).unwrap_err(),
        DecodeError::NonCanonicalInt
    );

    let mut utf8 = raw(&code_object("é", &[Instr::Return { src: 0 }], vec![], 1));
    utf8[2] = 0xff;
    assert_eq!(load(&utf8).unwrap_err(), DecodeError::BadUtf8);
}

#[test]
fn deep_nesting_is_bounded_both_ways() {
    let mut k = Constant::None;
    for _ in 0..MAX_DEPTH {
        k = Constant::Tuple(vec![k].into());
    }
    let deep = code_object("d", &[Instr::Return { src: 0 }], vec![k], 1);
    assert_eq!(dump(&deep).unwrap_err(), EncodeError::TooDeep);

    // A crafted file: a code object whose only constant is a tuple nested 100 000 deep.
    let mut bytes = raw(&code_object("d", &[Instr::Return { src: 0 }], vec![], 1));
    let consts_at = bytes.len() - 7; // consts, names, varnames, cells, freevars, exceptions, doc
    let mut nested = Vec::new();
    for _ in 0..100_000 {
        nested.extend([tag::TUPLE, 1]);
    }
    nested.push(tag::NONE);
    bytes[consts_at] = 1;
    bytes.splice(consts_at + 1..consts_at + 1, nested);
    assert_eq!(load(&bytes).unwrap_err(), DecodeError::TooDeep);

    // Code objects nested just under the limit load.
    let mut c = code_object("c0", &[Instr::Return { src: 0 }], vec![], 1);
    for i in 1..MAX_DEPTH {
        c = code_object(
            &format!("c{i}"),
            &[Instr::Return { src: 0 }],
            vec![Constant::Code(Rc::new(c))],
            1,
        );
    }
    let loaded = load(&dump(&c).unwrap()).unwrap();
    assert_eq!(format!("{loaded:?}"), format!("{c:?}"));
}

#[test]
fn renaming_replaces_the_shared_file_name_only() {
    let loaded = load_renamed(&dump(&sample()).unwrap(), "moved/t.py").unwrap();
    let names: Vec<String> = std::iter::once(loaded.filename.to_string())
        .chain(loaded.consts.iter().filter_map(|k| match k {
            Constant::Code(c) => Some(c.filename.to_string()),
            _ => None,
        }))
        .collect();
    assert_eq!(names, ["moved/t.py", "moved/t.py", "elsewhere.py"]);
}
