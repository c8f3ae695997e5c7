//! The builtins module: ONE table of builtin functions and ONE table of the natives that live
//! in builtin types' dicts, both installed by `install`. Implementations are grouped by file
//! (`functions`, `construct`, `str_methods`, `seq_methods`, `map_methods`, `object_methods`).

pub mod args;
pub mod bytes_methods;
pub mod construct;
pub mod dunders;
pub mod exec;
pub mod file;
pub mod functions;
pub mod io;
pub mod map_methods;
pub mod num_methods;
pub mod object_methods;
pub mod percent;
pub mod range_methods;
pub mod seq_methods;
pub mod str_methods;

pub use construct::construct_builtin;

use crate::runtime::alloc;
use crate::runtime::class::type_obj;
use crate::runtime::func::{BuiltinFn, NativeFn};
use crate::runtime::object::Kind;
use crate::runtime::str::intern;
use crate::runtime::types::{types, Builtins};
use crate::runtime::value::Value;
use crate::vm::Vm;

/// Builtin functions by name.
pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("print", functions::print),
    ("len", functions::len),
    ("repr", functions::repr),
    ("ascii", functions::ascii),
    ("isinstance", functions::isinstance),
    ("issubclass", functions::issubclass),
    ("hash", functions::hash),
    ("id", functions::id),
    ("iter", functions::iter),
    ("next", functions::next),
    ("abs", functions::abs),
    ("min", functions::min),
    ("max", functions::max),
    ("sum", functions::sum),
    ("sorted", functions::sorted),
    ("callable", functions::callable),
    ("getattr", functions::getattr),
    ("setattr", functions::setattr),
    ("hasattr", functions::hasattr),
    ("delattr", functions::delattr),
    ("chr", functions::chr),
    ("ord", functions::ord),
    ("divmod", functions::divmod),
    ("pow", functions::pow),
    ("round", functions::round),
    ("hex", functions::hex),
    ("oct", functions::oct),
    ("bin", functions::bin),
    ("format", functions::format),
    ("any", functions::any),
    ("all", functions::all),
    ("vars", functions::vars),
    ("dir", functions::dir),
    ("globals", functions::globals),
    ("locals", functions::locals),
    ("input", functions::input),
    ("open", file::open),
    ("eval", exec::eval),
    ("exec", exec::exec),
    ("compile", exec::compile),
    ("__build_class__", functions::build_class),
];

/// Which builtin type a native method belongs to.
#[derive(Clone, Copy)]
pub enum On {
    Object,
    Type,
    Exception,
    Str,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Property,
    Generator,
    Int,
    Bool,
    Float,
    Bytes,
    ByteArray,
    /// `bytes` and `bytearray`.
    BytesLike,
    Range,
    Slice,
    /// `int` and `float`.
    Num,
    /// Sized containers without their own natives for `len`/`in`/iteration.
    Sized,
    /// Sequences whose subscript has no native entry of its own.
    Indexable,
    /// Sequences with `+` and `*`.
    Concat,
    /// Types whose comparisons have no native entry of their own.
    Ordered,
    /// `set` and `frozenset`.
    SetLike,
    /// `dict_keys`, `dict_values`, `dict_items`.
    DictViews,
    /// The file classes of `open()`.
    File,
    TextFile,
    Iterators,
}

/// Natives stored in builtin types' dicts.
pub const METHODS: &[(On, &str, NativeFn)] = &[
    (On::Object, "__init__", object_methods::object_init),
    (On::Object, "__new__", object_methods::object_new),
    (On::Object, "__repr__", object_methods::object_repr),
    (On::Object, "__str__", object_methods::object_str),
    (On::Object, "__eq__", object_methods::object_eq),
    (On::Object, "__ne__", object_methods::object_ne),
    (On::Object, "__hash__", object_methods::object_hash),
    (
        On::Object,
        "__getattribute__",
        object_methods::object_getattribute,
    ),
    (On::Object, "__setattr__", object_methods::object_setattr),
    (On::Object, "__delattr__", object_methods::object_delattr),
    (
        On::Object,
        "__init_subclass__",
        object_methods::object_init_subclass,
    ),
    (On::Object, "__format__", object_methods::object_format),
    (On::Object, "__dir__", object_methods::object_dir),
    (On::Type, "__new__", object_methods::type_new),
    (On::Type, "__init__", object_methods::type_init),
    (On::Type, "mro", object_methods::type_mro),
    (On::Type, "__call__", crate::vm::ops::call::type_call),
    (On::Type, "__subclasses__", object_methods::type_subclasses),
    (On::Exception, "__init__", object_methods::exc_init),
    (On::Exception, "__new__", object_methods::exc_new),
    (On::Exception, "__str__", object_methods::exc_str),
    (On::Exception, "__repr__", object_methods::exc_repr),
    (
        On::Exception,
        "with_traceback",
        object_methods::exc_with_traceback,
    ),
    (On::Exception, "add_note", object_methods::exc_add_note),
    (On::Property, "getter", object_methods::prop_getter),
    (On::Property, "setter", object_methods::prop_setter),
    (On::Property, "deleter", object_methods::prop_deleter),
    (On::Property, "__get__", object_methods::prop_get),
    (On::Generator, "send", object_methods::gen_send),
    (On::Generator, "throw", object_methods::gen_throw),
    (On::Generator, "close", object_methods::gen_close),
    (On::Generator, "__next__", object_methods::gen_next),
    (On::Generator, "__iter__", object_methods::iter_self),
    (On::Iterators, "__iter__", object_methods::iter_self),
    (On::Iterators, "__next__", object_methods::iter_next),
    (On::Int, "bit_length", object_methods::int_bit_length),
    (On::Int, "bit_count", object_methods::int_bit_count),
    (On::Int, "conjugate", object_methods::int_conjugate),
    (On::Float, "is_integer", object_methods::float_is_integer),
    (
        On::Int,
        "as_integer_ratio",
        num_methods::int_as_integer_ratio,
    ),
    (On::Int, "to_bytes", num_methods::int_to_bytes),
    (On::Int, "__index__", num_methods::int_index),
    (On::Int, "__trunc__", num_methods::int_index),
    (On::Int, "__floor__", num_methods::int_index),
    (On::Int, "__ceil__", num_methods::int_index),
    (
        On::Float,
        "as_integer_ratio",
        num_methods::float_as_integer_ratio,
    ),
    (On::Float, "hex", num_methods::float_hex),
    (On::Float, "conjugate", num_methods::float_conjugate),
    (On::Float, "__trunc__", num_methods::float_trunc),
    (On::Num, "__neg__", dunders::neg),
    (On::Num, "__pos__", dunders::pos),
    (On::Num, "__abs__", dunders::abs),
    (On::Num, "__bool__", dunders::bool_),
    (On::Num, "__int__", dunders::int_),
    (On::Num, "__float__", dunders::float_),
    (On::Int, "__invert__", dunders::invert),
    (On::Num, "__add__", dunders::add),
    (On::Num, "__radd__", dunders::radd),
    (On::Num, "__sub__", dunders::sub),
    (On::Num, "__rsub__", dunders::rsub),
    (On::Num, "__mul__", dunders::mul),
    (On::Num, "__rmul__", dunders::rmul),
    (On::Num, "__truediv__", dunders::truediv),
    (On::Num, "__rtruediv__", dunders::rtruediv),
    (On::Num, "__floordiv__", dunders::floordiv),
    (On::Num, "__rfloordiv__", dunders::rfloordiv),
    (On::Num, "__mod__", dunders::mod_),
    (On::Num, "__rmod__", dunders::rmod),
    (On::Num, "__pow__", dunders::pow),
    (On::Num, "__rpow__", dunders::rpow),
    (On::Int, "__lshift__", dunders::lshift),
    (On::Int, "__rlshift__", dunders::rlshift),
    (On::Int, "__rshift__", dunders::rshift),
    (On::Int, "__rrshift__", dunders::rrshift),
    (On::Int, "__and__", dunders::and),
    (On::Int, "__rand__", dunders::rand),
    (On::Int, "__or__", dunders::or),
    (On::Int, "__ror__", dunders::ror),
    (On::Int, "__xor__", dunders::xor),
    (On::Int, "__rxor__", dunders::rxor),
    (On::SetLike, "__and__", dunders::and),
    (On::SetLike, "__rand__", dunders::rand),
    (On::SetLike, "__or__", dunders::or),
    (On::SetLike, "__ror__", dunders::ror),
    (On::SetLike, "__xor__", dunders::xor),
    (On::SetLike, "__rxor__", dunders::rxor),
    (On::SetLike, "__sub__", dunders::sub),
    (On::SetLike, "__rsub__", dunders::rsub),
    (On::Concat, "__add__", dunders::add),
    (On::Concat, "__mul__", dunders::mul),
    (On::Concat, "__rmul__", dunders::rmul),
    (On::Str, "__mod__", dunders::mod_),
    (On::Ordered, "__lt__", dunders::lt),
    (On::Ordered, "__le__", dunders::le),
    (On::Ordered, "__eq__", dunders::eq),
    (On::Ordered, "__ne__", dunders::ne),
    (On::Ordered, "__gt__", dunders::gt),
    (On::Ordered, "__ge__", dunders::ge),
    (On::Sized, "__len__", dunders::len),
    (On::Sized, "__contains__", dunders::contains),
    (On::Sized, "__iter__", dunders::iter),
    (On::Indexable, "__getitem__", dunders::getitem),
    (On::Range, "index", range_methods::range_index),
    (On::Range, "count", range_methods::range_count),
    (On::Slice, "indices", range_methods::slice_indices),
    (On::BytesLike, "decode", bytes_methods::decode),
    (On::BytesLike, "hex", bytes_methods::hex),
    (On::BytesLike, "join", bytes_methods::join),
    (On::BytesLike, "find", bytes_methods::find),
    (On::BytesLike, "rfind", bytes_methods::rfind),
    (On::BytesLike, "index", bytes_methods::index),
    (On::BytesLike, "rindex", bytes_methods::rindex),
    (On::BytesLike, "count", bytes_methods::count),
    (On::BytesLike, "replace", bytes_methods::replace),
    (On::BytesLike, "startswith", bytes_methods::startswith),
    (On::BytesLike, "endswith", bytes_methods::endswith),
    (On::BytesLike, "strip", bytes_methods::strip),
    (On::BytesLike, "lstrip", bytes_methods::lstrip),
    (On::BytesLike, "rstrip", bytes_methods::rstrip),
    (On::BytesLike, "split", bytes_methods::split),
    (On::BytesLike, "rsplit", bytes_methods::rsplit),
    (On::BytesLike, "splitlines", bytes_methods::splitlines),
    (On::BytesLike, "partition", bytes_methods::partition),
    (On::BytesLike, "rpartition", bytes_methods::rpartition),
    (On::BytesLike, "upper", bytes_methods::upper),
    (On::BytesLike, "lower", bytes_methods::lower),
    (On::BytesLike, "swapcase", bytes_methods::swapcase),
    (On::BytesLike, "capitalize", bytes_methods::capitalize),
    (On::BytesLike, "title", bytes_methods::title),
    (On::BytesLike, "isdigit", bytes_methods::isdigit),
    (On::BytesLike, "isalpha", bytes_methods::isalpha),
    (On::BytesLike, "isalnum", bytes_methods::isalnum),
    (On::BytesLike, "isspace", bytes_methods::isspace),
    (On::BytesLike, "isascii", bytes_methods::isascii),
    (On::BytesLike, "isupper", bytes_methods::isupper),
    (On::BytesLike, "islower", bytes_methods::islower),
    (On::BytesLike, "ljust", bytes_methods::ljust),
    (On::BytesLike, "rjust", bytes_methods::rjust),
    (On::BytesLike, "center", bytes_methods::center),
    (On::BytesLike, "removeprefix", bytes_methods::removeprefix),
    (On::BytesLike, "removesuffix", bytes_methods::removesuffix),
    (On::ByteArray, "append", bytes_methods::ba_append),
    (On::ByteArray, "extend", bytes_methods::ba_extend),
    (On::ByteArray, "insert", bytes_methods::ba_insert),
    (On::ByteArray, "pop", bytes_methods::ba_pop),
    (On::ByteArray, "remove", bytes_methods::ba_remove),
    (On::ByteArray, "clear", bytes_methods::ba_clear),
    (On::ByteArray, "reverse", bytes_methods::ba_reverse),
    (On::ByteArray, "copy", bytes_methods::ba_copy),
    (On::Str, "isprintable", str_methods::isprintable),
    (On::File, "read", file::read),
    (On::File, "readline", file::readline),
    (On::File, "readlines", file::readlines),
    (On::File, "write", file::write),
    (On::File, "writelines", file::writelines),
    (On::File, "flush", file::flush),
    (On::File, "close", file::close),
    (On::File, "seek", file::seek),
    (On::File, "tell", file::tell),
    (On::File, "truncate", file::truncate),
    (On::File, "readable", file::readable),
    (On::File, "writable", file::writable),
    (On::File, "seekable", file::seekable),
    (On::File, "isatty", file::isatty),
    (On::File, "fileno", file::fileno),
    (On::File, "__enter__", file::enter),
    (On::File, "__exit__", file::exit),
    (On::File, "__iter__", file::iter),
    (On::File, "__next__", file::next),
    (On::Str, "translate", str_methods::translate),
    (On::Str, "upper", str_methods::upper),
    (On::Str, "lower", str_methods::lower),
    (On::Str, "casefold", str_methods::casefold),
    (On::Str, "swapcase", str_methods::swapcase),
    (On::Str, "capitalize", str_methods::capitalize),
    (On::Str, "title", str_methods::title),
    (On::Str, "isdigit", str_methods::isdigit),
    (On::Str, "isdecimal", str_methods::isdecimal),
    (On::Str, "isnumeric", str_methods::isnumeric),
    (On::Str, "isalpha", str_methods::isalpha),
    (On::Str, "isalnum", str_methods::isalnum),
    (On::Str, "isspace", str_methods::isspace),
    (On::Str, "isascii", str_methods::isascii),
    (On::Str, "isupper", str_methods::isupper),
    (On::Str, "islower", str_methods::islower),
    (On::Str, "istitle", str_methods::istitle),
    (On::Str, "isidentifier", str_methods::isidentifier),
    (On::Str, "strip", str_methods::strip),
    (On::Str, "lstrip", str_methods::lstrip),
    (On::Str, "rstrip", str_methods::rstrip),
    (On::Str, "split", str_methods::split),
    (On::Str, "rsplit", str_methods::rsplit),
    (On::Str, "splitlines", str_methods::splitlines),
    (On::Str, "join", str_methods::join),
    (On::Str, "replace", str_methods::replace),
    (On::Str, "startswith", str_methods::startswith),
    (On::Str, "endswith", str_methods::endswith),
    (On::Str, "find", str_methods::find),
    (On::Str, "rfind", str_methods::rfind),
    (On::Str, "index", str_methods::index),
    (On::Str, "rindex", str_methods::rindex),
    (On::Str, "count", str_methods::count),
    (On::Str, "ljust", str_methods::ljust),
    (On::Str, "rjust", str_methods::rjust),
    (On::Str, "center", str_methods::center),
    (On::Str, "zfill", str_methods::zfill),
    (On::Str, "partition", str_methods::partition),
    (On::Str, "rpartition", str_methods::rpartition),
    (On::Str, "removeprefix", str_methods::removeprefix),
    (On::Str, "removesuffix", str_methods::removesuffix),
    (On::Str, "encode", str_methods::encode),
    (On::Str, "expandtabs", str_methods::expandtabs),
    (On::Str, "format", str_methods::format),
    (On::Str, "format_map", str_methods::format_map),
    (On::List, "append", seq_methods::append),
    (On::List, "extend", seq_methods::extend),
    (On::List, "insert", seq_methods::insert),
    (On::List, "pop", seq_methods::pop),
    (On::List, "remove", seq_methods::remove),
    (On::List, "index", seq_methods::index),
    (On::List, "count", seq_methods::count),
    (On::List, "sort", seq_methods::sort),
    (On::List, "reverse", seq_methods::reverse),
    (On::List, "copy", seq_methods::copy),
    (On::List, "clear", seq_methods::clear),
    (On::List, "__getitem__", object_methods::list_getitem),
    (On::List, "__setitem__", object_methods::list_setitem),
    (On::List, "__len__", object_methods::len_native),
    (On::List, "__iter__", object_methods::dict_iter),
    (On::List, "__contains__", object_methods::contains_native),
    (On::Tuple, "index", seq_methods::index),
    (On::Tuple, "count", seq_methods::count),
    (On::Dict, "keys", map_methods::keys),
    (On::Dict, "values", map_methods::values),
    (On::Dict, "items", map_methods::items),
    (On::Dict, "get", map_methods::get),
    (On::Dict, "setdefault", map_methods::setdefault),
    (On::Dict, "pop", map_methods::pop),
    (On::Dict, "popitem", map_methods::popitem),
    (On::Dict, "update", map_methods::update),
    (On::Dict, "copy", map_methods::copy),
    (On::Dict, "clear", map_methods::clear),
    (On::Dict, "__getitem__", map_methods::getitem),
    (On::Dict, "__setitem__", map_methods::setitem),
    (On::Dict, "__delitem__", map_methods::delitem),
    (On::Dict, "__contains__", map_methods::contains),
    (On::Dict, "__len__", object_methods::len_native),
    (On::Dict, "__iter__", object_methods::dict_iter),
    (On::Set, "add", map_methods::set_add),
    (On::Set, "remove", map_methods::set_remove),
    (On::Set, "discard", map_methods::set_discard),
    (On::Set, "pop", map_methods::set_pop),
    (On::Set, "clear", map_methods::set_clear),
    (On::Set, "copy", map_methods::set_copy),
    (On::Set, "update", map_methods::set_update),
    (On::Set, "union", map_methods::union),
    (On::Set, "intersection", map_methods::intersection),
    (On::Set, "difference", map_methods::difference),
    (
        On::Set,
        "symmetric_difference",
        map_methods::symmetric_difference,
    ),
    (
        On::Set,
        "intersection_update",
        map_methods::intersection_update,
    ),
    (On::Set, "difference_update", map_methods::difference_update),
    (
        On::Set,
        "symmetric_difference_update",
        map_methods::symmetric_difference_update,
    ),
    (On::Set, "issubset", map_methods::issubset),
    (On::Set, "issuperset", map_methods::issuperset),
    (On::Set, "isdisjoint", map_methods::isdisjoint),
    (On::FrozenSet, "copy", map_methods::set_copy),
    (On::FrozenSet, "union", map_methods::union),
    (On::FrozenSet, "intersection", map_methods::intersection),
    (On::FrozenSet, "difference", map_methods::difference),
    (
        On::FrozenSet,
        "symmetric_difference",
        map_methods::symmetric_difference,
    ),
    (On::FrozenSet, "issubset", map_methods::issubset),
    (On::FrozenSet, "issuperset", map_methods::issuperset),
    (On::FrozenSet, "isdisjoint", map_methods::isdisjoint),
    (On::DictViews, "isdisjoint", map_methods::isdisjoint),
    (On::DictViews, "__len__", dunders::len),
    (On::DictViews, "__contains__", dunders::contains),
    (On::DictViews, "__iter__", dunders::iter),
    (
        On::ByteArray,
        "__setitem__",
        bytes_methods::ba_setitem_native,
    ),
    (
        On::ByteArray,
        "__delitem__",
        bytes_methods::ba_delitem_native,
    ),
];

/// One table row: the type(s), the attribute name, the native.
type Def = (On, &'static str, NativeFn);

/// Turns a native into the descriptor a table installs (property, classmethod, ...).
type Wrap = fn(Value) -> Value;

/// Read-only attributes (`property` objects whose getter is the native).
pub const PROPERTIES: &[(On, &str, NativeFn)] = &[
    (On::Int, "real", num_methods::int_real),
    (On::Int, "imag", num_methods::int_imag),
    (On::Int, "numerator", num_methods::int_real),
    (On::Int, "denominator", num_methods::int_denominator),
    (On::Float, "real", num_methods::float_real),
    (On::Float, "imag", num_methods::float_imag),
    (On::Range, "start", range_methods::range_start),
    (On::Range, "stop", range_methods::range_stop),
    (On::Range, "step", range_methods::range_step),
    (On::Slice, "start", range_methods::slice_start),
    (On::Slice, "stop", range_methods::slice_stop),
    (On::Slice, "step", range_methods::slice_step),
    (On::File, "closed", file::closed),
    (On::File, "name", file::name),
    (On::File, "mode", file::mode),
    (On::TextFile, "encoding", file::encoding),
];

/// Class methods (receive the class as `args[0]`).
pub const CLASS_METHODS: &[(On, &str, NativeFn)] = &[
    (On::Dict, "fromkeys", map_methods::fromkeys),
    (On::Int, "from_bytes", num_methods::int_from_bytes),
    (On::Float, "fromhex", num_methods::float_fromhex),
    (On::BytesLike, "fromhex", bytes_methods::fromhex),
];

/// Static methods.
pub const STATIC_METHODS: &[(On, &str, NativeFn)] =
    &[(On::Str, "maketrans", str_methods::maketrans)];

fn targets(t: &Builtins, on: On) -> Vec<crate::gc::ObjRef> {
    match on {
        On::Object => vec![t.object],
        On::Type => vec![t.type_],
        On::Exception => vec![t.base_exception],
        On::Str => vec![t.str],
        On::List => vec![t.list],
        On::Tuple => vec![t.tuple],
        On::Dict => vec![t.dict],
        On::Set => vec![t.set],
        On::FrozenSet => vec![t.frozenset],
        On::Property => vec![t.property],
        On::Generator => vec![t.generator],
        On::Int => vec![t.int],
        On::Bool => vec![t.bool_],
        On::Float => vec![t.float],
        On::Bytes => vec![t.bytes],
        On::ByteArray => vec![t.bytearray],
        On::BytesLike => vec![t.bytes, t.bytearray],
        On::Range => vec![t.range],
        On::Slice => vec![t.slice],
        On::Num => vec![t.int, t.float],
        On::Sized => vec![
            t.str,
            t.tuple,
            t.bytes,
            t.bytearray,
            t.range,
            t.set,
            t.frozenset,
        ],
        On::Indexable => vec![t.str, t.tuple, t.bytes, t.bytearray, t.range],
        On::Concat => vec![t.str, t.list, t.tuple, t.bytes, t.bytearray],
        On::Ordered => vec![
            t.int,
            t.float,
            t.str,
            t.list,
            t.tuple,
            t.bytes,
            t.bytearray,
            t.set,
            t.frozenset,
        ],
        On::SetLike => vec![t.set, t.frozenset],
        On::File => vec![
            t.text_io_wrapper,
            t.buffered_reader,
            t.buffered_writer,
            t.buffered_random,
        ],
        On::TextFile => vec![t.text_io_wrapper],
        On::DictViews => vec![t.dict_keys, t.dict_values, t.dict_items],
        On::Iterators => vec![
            t.list_iterator,
            t.tuple_iterator,
            t.str_iterator,
            t.bytes_iterator,
            t.range_iterator,
            t.dict_keyiterator,
            t.dict_valueiterator,
            t.dict_itemiterator,
            t.set_iterator,
            t.list_reverseiterator,
            t.reversed,
            t.enumerate,
            t.zip,
            t.map,
            t.filter,
            t.callable_iterator,
        ],
    }
}

/// Results larger than this many bytes raise MemoryError up front (CPython would attempt the
/// allocation and fail; we must not abort on it).
pub const MAX_ALLOC: usize = 1 << 34;

/// MemoryError when a result of `units` items of `size` bytes cannot be allocated.
pub fn check_alloc(
    vm: &mut Vm,
    units: usize,
    size: usize,
) -> crate::runtime::exception::PyResult<()> {
    if units.saturating_mul(size) > MAX_ALLOC {
        return Err(vm.new_error(types().memory_error, ""));
    }
    Ok(())
}

pub fn native(name: &'static str, f: NativeFn) -> Value {
    alloc::obj(
        types().builtin_function,
        Kind::Builtin(BuiltinFn { name, f }),
    )
}

fn put(d: &std::cell::RefCell<crate::runtime::dict::Dict>, name: &str, v: Value) {
    let key = intern(name);
    let hash = match &key.kind {
        Kind::Str(s) => s.hash(),
        _ => 0,
    };
    d.borrow_mut().push(hash, Value::Object(key), v);
}

/// Fills the builtins dict and the builtin types' dicts.
pub fn install(vm: &mut Vm) {
    let t = types();
    for &(on, name, f) in METHODS {
        let v = native(name, f);
        for cls in targets(t, on) {
            put(&type_obj(cls).dict, name, v);
        }
    }
    let wrapped: [(&[Def], Wrap); 3] = [
        (PROPERTIES, |f| {
            alloc::obj(
                types().property,
                Kind::Property(Box::new(crate::runtime::object::Property {
                    get: f,
                    set: Value::None,
                    del: Value::None,
                    doc: Value::None,
                })),
            )
        }),
        (CLASS_METHODS, |f| {
            alloc::obj(types().classmethod, Kind::ClassMethod(f))
        }),
        (STATIC_METHODS, |f| {
            alloc::obj(types().staticmethod, Kind::StaticMethod(f))
        }),
    ];
    for (table, wrap) in wrapped {
        for &(on, name, f) in table {
            let v = wrap(native(name, f));
            for cls in targets(t, on) {
                put(&type_obj(cls).dict, name, v);
            }
        }
    }
    let b = Value::Object(vm.builtins);
    let mut set = |name: &str, v: Value| {
        let _ = vm.dict_set_str(b, name, v);
    };
    for &(name, f) in FUNCTIONS {
        set(name, native(name, f));
    }
    set("object", Value::Object(t.object));
    set("type", Value::Object(t.type_));
    for (name, cls) in t.all() {
        set(name, Value::Object(cls));
    }
    set("EnvironmentError", Value::Object(t.os_error));
    set("IOError", Value::Object(t.os_error));
    set("Ellipsis", Value::Object(t.ellipsis));
    set("NotImplemented", Value::Object(t.not_implemented));
    set("None", Value::None);
    set("True", Value::Bool(true));
    set("False", Value::Bool(false));
    set("__name__", alloc::str("builtins"));
    // The builtin types' dicts were filled without version bumps.
    crate::runtime::class::forget_lookups();
}
