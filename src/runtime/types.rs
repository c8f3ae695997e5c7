//! The builtin types, defined once: each row names the field, the Python name, the base and
//! the instance layout. The exception hierarchy is CPython 3.11's, row for row.

use super::class::{Layout, TypeObj};
use super::dict::Dict;
use super::object::{Kind, Object};
use crate::gc::{self, Marker, ObjRef};
use std::cell::{Cell, RefCell};

macro_rules! builtin_types {
    ($object:ident; $($field:ident : $name:literal < $base:ident, $layout:ident;)*) => {
        pub struct Types {
            $(pub $field: ObjRef,)*
        }

        impl Types {
            fn create(type_cls: ObjRef, $object: ObjRef) -> Types {
                $(let $field = make_type($name, Some($base), Layout::$layout, type_cls);)*
                Types { $($field,)* }
            }

            pub fn mark(&self, m: &mut Marker) {
                $(m.obj(self.$field);)*
            }

            /// (Python name, type) of every builtin type, for the builtins module.
            pub fn all(&self) -> Vec<(&'static str, ObjRef)> {
                vec![$(($name, self.$field),)*]
            }
        }
    };
}

// `object` and `type` are created first by hand (they refer to each other); these rows use them.
builtin_types! {
    object;
    int: "int" < object, Int;
    bool_: "bool" < int, Bool;
    float: "float" < object, Float;
    str: "str" < object, Str;
    bytes: "bytes" < object, Bytes;
    bytearray: "bytearray" < object, Opaque;
    list: "list" < object, List;
    tuple: "tuple" < object, Tuple;
    dict: "dict" < object, Dict;
    set: "set" < object, Set;
    frozenset: "frozenset" < object, FrozenSet;
    range: "range" < object, Opaque;
    slice: "slice" < object, Opaque;
    function: "function" < object, Opaque;
    builtin_function: "builtin_function_or_method" < object, Opaque;
    method: "method" < object, Opaque;
    cell: "cell" < object, Opaque;
    module: "module" < object, Opaque;
    none_type: "NoneType" < object, Opaque;
    not_implemented_type: "NotImplementedType" < object, Opaque;
    ellipsis_type: "ellipsis" < object, Opaque;
    property: "property" < object, Opaque;
    staticmethod: "staticmethod" < object, Opaque;
    classmethod: "classmethod" < object, Opaque;
    super_: "super" < object, Opaque;
    generator: "generator" < object, Opaque;
    traceback: "traceback" < object, Opaque;
    code: "code" < object, Opaque;
    list_iterator: "list_iterator" < object, Opaque;
    tuple_iterator: "tuple_iterator" < object, Opaque;
    str_iterator: "str_ascii_iterator" < object, Opaque;
    bytes_iterator: "bytes_iterator" < object, Opaque;
    range_iterator: "range_iterator" < object, Opaque;
    dict_keyiterator: "dict_keyiterator" < object, Opaque;
    dict_valueiterator: "dict_valueiterator" < object, Opaque;
    dict_itemiterator: "dict_itemiterator" < object, Opaque;
    set_iterator: "set_iterator" < object, Opaque;
    list_reverseiterator: "list_reverseiterator" < object, Opaque;
    reversed: "reversed" < object, Opaque;
    enumerate: "enumerate" < object, Opaque;
    zip: "zip" < object, Opaque;
    map: "map" < object, Opaque;
    filter: "filter" < object, Opaque;
    callable_iterator: "callable_iterator" < object, Opaque;
    dict_keys: "dict_keys" < object, Opaque;
    dict_values: "dict_values" < object, Opaque;
    dict_items: "dict_items" < object, Opaque;
    text_io_wrapper: "TextIOWrapper" < object, Opaque;
    buffered_reader: "BufferedReader" < object, Opaque;
    buffered_writer: "BufferedWriter" < object, Opaque;
    buffered_random: "BufferedRandom" < object, Opaque;
    base_exception: "BaseException" < object, Exception;
    base_exception_group: "BaseExceptionGroup" < base_exception, Exception;
    generator_exit: "GeneratorExit" < base_exception, Exception;
    keyboard_interrupt: "KeyboardInterrupt" < base_exception, Exception;
    system_exit: "SystemExit" < base_exception, Exception;
    exception: "Exception" < base_exception, Exception;
    arithmetic_error: "ArithmeticError" < exception, Exception;
    floating_point_error: "FloatingPointError" < arithmetic_error, Exception;
    overflow_error: "OverflowError" < arithmetic_error, Exception;
    zero_division_error: "ZeroDivisionError" < arithmetic_error, Exception;
    assertion_error: "AssertionError" < exception, Exception;
    attribute_error: "AttributeError" < exception, Exception;
    buffer_error: "BufferError" < exception, Exception;
    eof_error: "EOFError" < exception, Exception;
    exception_group: "ExceptionGroup" < base_exception_group, Exception;
    import_error: "ImportError" < exception, Exception;
    module_not_found_error: "ModuleNotFoundError" < import_error, Exception;
    lookup_error: "LookupError" < exception, Exception;
    index_error: "IndexError" < lookup_error, Exception;
    key_error: "KeyError" < lookup_error, Exception;
    memory_error: "MemoryError" < exception, Exception;
    name_error: "NameError" < exception, Exception;
    unbound_local_error: "UnboundLocalError" < name_error, Exception;
    os_error: "OSError" < exception, Exception;
    blocking_io_error: "BlockingIOError" < os_error, Exception;
    child_process_error: "ChildProcessError" < os_error, Exception;
    connection_error: "ConnectionError" < os_error, Exception;
    broken_pipe_error: "BrokenPipeError" < connection_error, Exception;
    connection_aborted_error: "ConnectionAbortedError" < connection_error, Exception;
    connection_refused_error: "ConnectionRefusedError" < connection_error, Exception;
    connection_reset_error: "ConnectionResetError" < connection_error, Exception;
    file_exists_error: "FileExistsError" < os_error, Exception;
    file_not_found_error: "FileNotFoundError" < os_error, Exception;
    interrupted_error: "InterruptedError" < os_error, Exception;
    is_a_directory_error: "IsADirectoryError" < os_error, Exception;
    not_a_directory_error: "NotADirectoryError" < os_error, Exception;
    permission_error: "PermissionError" < os_error, Exception;
    unsupported_operation: "UnsupportedOperation" < os_error, Exception;
    process_lookup_error: "ProcessLookupError" < os_error, Exception;
    timeout_error: "TimeoutError" < os_error, Exception;
    reference_error: "ReferenceError" < exception, Exception;
    runtime_error: "RuntimeError" < exception, Exception;
    not_implemented_error: "NotImplementedError" < runtime_error, Exception;
    recursion_error: "RecursionError" < runtime_error, Exception;
    stop_async_iteration: "StopAsyncIteration" < exception, Exception;
    stop_iteration: "StopIteration" < exception, Exception;
    syntax_error: "SyntaxError" < exception, Exception;
    indentation_error: "IndentationError" < syntax_error, Exception;
    tab_error: "TabError" < indentation_error, Exception;
    system_error: "SystemError" < exception, Exception;
    type_error: "TypeError" < exception, Exception;
    value_error: "ValueError" < exception, Exception;
    unicode_error: "UnicodeError" < value_error, Exception;
    unicode_decode_error: "UnicodeDecodeError" < unicode_error, Exception;
    unicode_encode_error: "UnicodeEncodeError" < unicode_error, Exception;
    unicode_translate_error: "UnicodeTranslateError" < unicode_error, Exception;
    warning: "Warning" < exception, Exception;
    bytes_warning: "BytesWarning" < warning, Exception;
    deprecation_warning: "DeprecationWarning" < warning, Exception;
    encoding_warning: "EncodingWarning" < warning, Exception;
    future_warning: "FutureWarning" < warning, Exception;
    import_warning: "ImportWarning" < warning, Exception;
    pending_deprecation_warning: "PendingDeprecationWarning" < warning, Exception;
    resource_warning: "ResourceWarning" < warning, Exception;
    runtime_warning: "RuntimeWarning" < warning, Exception;
    syntax_warning: "SyntaxWarning" < warning, Exception;
    unicode_warning: "UnicodeWarning" < warning, Exception;
    user_warning: "UserWarning" < warning, Exception;
}

/// `object`, `type` and every row above, plus the singletons whose classes are builtin types.
pub struct Builtins {
    pub object: ObjRef,
    pub type_: ObjRef,
    pub t: Types,
    pub not_implemented: ObjRef,
    pub ellipsis: ObjRef,
}

impl std::ops::Deref for Builtins {
    type Target = Types;
    fn deref(&self) -> &Types {
        &self.t
    }
}

pub fn new_type_obj(name: &str, layout: Layout, bases: Vec<ObjRef>) -> Box<TypeObj> {
    Box::new(TypeObj {
        name: RefCell::new(name.to_string()),
        qualname: RefCell::new(name.to_string()),
        bases: RefCell::new(bases),
        mro: RefCell::new(Vec::new()),
        dict: RefCell::new(Dict::new()),
        version: Cell::new(super::class::next_version()),
        layout,
        heap: false,
        subclasses: RefCell::new(Vec::new()),
        slots: RefCell::new(None),
        plain_init: Cell::new((0, None)),
        attr_count: Cell::new(0),
    })
}

fn make_type(name: &str, base: Option<ObjRef>, layout: Layout, type_cls: ObjRef) -> ObjRef {
    let bases: Vec<ObjRef> = base.into_iter().collect();
    let o = gc::alloc(Object::new(
        type_cls,
        Kind::Type(new_type_obj(name, layout, bases.clone())),
    ));
    let mut mro = vec![o];
    if let Some(b) = base {
        mro.extend(super::class::type_obj(b).mro.borrow().iter().copied());
        super::class::type_obj(b).subclasses.borrow_mut().push(o);
    }
    *super::class::type_obj(o).mro.borrow_mut() = mro;
    o
}

thread_local! {
    static BUILTINS: Cell<Option<&'static Builtins>> = const { Cell::new(None) };
}

/// The builtin types (created on first use; they live as long as the thread).
#[inline]
pub fn types() -> &'static Builtins {
    match BUILTINS.with(|b| b.get()) {
        Some(b) => b,
        None => create_types(),
    }
}

/// Out of line so that `types()`, asked for all over the runtime, inlines to one load.
#[cold]
#[inline(never)]
fn create_types() -> &'static Builtins {
    let type_ = gc::alloc_self_typed(Kind::Type(new_type_obj("type", Layout::Type, vec![])));
    let object = make_type("object", None, Layout::Object, type_);
    let tt = super::class::type_obj(type_);
    *tt.bases.borrow_mut() = vec![object];
    *tt.mro.borrow_mut() = vec![type_, object];
    super::class::type_obj(object)
        .subclasses
        .borrow_mut()
        .push(type_);
    let t = Types::create(type_, object);
    let not_implemented = gc::alloc(Object::new(t.not_implemented_type, Kind::NotImplemented));
    let ellipsis = gc::alloc(Object::new(t.ellipsis_type, Kind::Ellipsis));
    let b: &'static Builtins = Box::leak(Box::new(Builtins {
        object,
        type_,
        t,
        not_implemented,
        ellipsis,
    }));
    BUILTINS.with(|c| c.set(Some(b)));
    b
}

impl Builtins {
    pub fn mark_all(&self, m: &mut Marker) {
        m.obj(self.object);
        m.obj(self.type_);
        m.obj(self.not_implemented);
        m.obj(self.ellipsis);
        self.t.mark(m);
    }
}
