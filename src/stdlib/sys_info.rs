//! The descriptive attributes of `sys` (versions, implementation, float and int limits,
//! executable, flags) — data only; `sys.rs` holds the functions and streams.

use super::structseq;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::value::Value;
use crate::vm::Vm;

const VERSION: (i64, i64, i64) = (3, 11, 7);

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let (major, minor, micro) = VERSION;
    let vi = structseq::new_type(
        vm,
        "sys",
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
    );
    let fields = vec![
        Value::Int(major),
        Value::Int(minor),
        Value::Int(micro),
        alloc::str("final"),
        Value::Int(0),
    ];
    let version_info = structseq::new(vi, fields);
    vm.dict_set_str(d, "version_info", version_info)?;
    let hexversion = (major << 24) | (minor << 16) | (micro << 8) | 0xf0;
    vm.dict_set_str(d, "hexversion", Value::Int(hexversion))?;
    vm.dict_set_str(
        d,
        "version",
        alloc::str(format!(
            "{major}.{minor}.{micro} (pylift {})",
            env!("CARGO_PKG_VERSION")
        )),
    )?;
    vm.dict_set_str(d, "api_version", Value::Int(1013))?;

    let fi = structseq::new_type(
        vm,
        "sys",
        "float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
    );
    let float_info = structseq::new(
        fi,
        vec![
            Value::Float(f64::MAX),
            Value::Int(f64::MAX_EXP as i64),
            Value::Int(f64::MAX_10_EXP as i64),
            Value::Float(f64::MIN_POSITIVE),
            Value::Int(f64::MIN_EXP as i64),
            Value::Int(f64::MIN_10_EXP as i64),
            Value::Int(f64::DIGITS as i64),
            Value::Int(f64::MANTISSA_DIGITS as i64),
            Value::Float(f64::EPSILON),
            Value::Int(f64::RADIX as i64),
            Value::Int(1),
        ],
    );
    vm.dict_set_str(d, "float_info", float_info)?;

    let ii = structseq::new_type(
        vm,
        "sys",
        "int_info",
        &[
            "bits_per_digit",
            "sizeof_digit",
            "default_max_str_digits",
            "str_digits_check_threshold",
        ],
    );
    let int_info = structseq::new(
        ii,
        vec![
            Value::Int(30),
            Value::Int(4),
            Value::Int(4300),
            Value::Int(640),
        ],
    );
    vm.dict_set_str(d, "int_info", int_info)?;

    let imp = structseq::new_type(
        vm,
        "sys",
        "implementation",
        &["name", "cache_tag", "version", "hexversion"],
    );
    let implementation = structseq::new(
        imp,
        vec![
            alloc::str("pylift"),
            alloc::str("pylift"),
            version_info,
            Value::Int(hexversion),
        ],
    );
    vm.dict_set_str(d, "implementation", implementation)?;

    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    vm.dict_set_str(d, "executable", alloc::str(exe))?;
    vm.dict_set_str(d, "maxunicode", Value::Int(0x10ffff))?;
    vm.dict_set_str(d, "float_repr_style", alloc::str("short"))?;
    vm.dict_set_str(d, "copyright", alloc::str("Copyright (c) pylift authors."))?;
    let names = super::MODULES
        .iter()
        .map(|(n, _)| *n)
        .chain(["sys", "builtins"]);
    let mut names: Vec<&str> = names.collect();
    names.sort_unstable();
    let names = names.into_iter().map(alloc::str).collect();
    vm.dict_set_str(d, "builtin_module_names", alloc::tuple(names))?;
    Ok(())
}
