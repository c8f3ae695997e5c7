//! The SyntaxError messages the parser raises, worded exactly as CPython 3.11 words them
//! (`Grammar/python.gram`'s `invalid_*` rules and `Parser/string_parser.c`). Fixed texts are
//! constants; the few that embed a name or line number are functions. Nothing else in the parser
//! spells out a message.

macro_rules! messages {
    ($($name:ident = $text:literal,)*) => {
        $(pub const $name: &str = $text;)*
    };
}

messages! {
    INVALID_SYNTAX = "invalid syntax",
    FORGOT_COMMA = "invalid syntax. Perhaps you forgot a comma?",
    MAYBE_EQ_OR_WALRUS = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
    EXPECTED_COLON = "expected ':'",
    EXPECTED_LPAR = "expected '('",
    EXPECTED_ELSE = "expected 'else' after 'if' expression",
    UNEXPECTED_INDENT = "unexpected indent",
    ASYNC_UNSUPPORTED = "async/await are not supported by pylift",
    POSITIONAL_AFTER_KEYWORD = "positional argument follows keyword argument",
    POSITIONAL_AFTER_KWUNPACK = "positional argument follows keyword argument unpacking",
    ITERABLE_AFTER_KWUNPACK = "iterable argument unpacking follows keyword argument unpacking",
    GENEXP_PARENS = "Generator expression must be parenthesized",
    KEYWORD_ASSIGN = "expression cannot contain assignment, perhaps you meant \"==\"?",
    UNPACK_IN_COMPREHENSION = "iterable unpacking cannot be used in comprehension",
    DICT_UNPACK_IN_COMPREHENSION = "dict unpacking cannot be used in dict comprehension",
    DICT_COLON = "':' expected after dictionary key",
    NON_DEFAULT_AFTER_DEFAULT = "non-default argument follows default argument",
    BARE_STAR = "named arguments must follow bare *",
    STAR_TWICE = "* argument may appear only once",
    SLASH_TWICE = "/ may appear only once",
    SLASH_AFTER_STAR = "/ must be ahead of *",
    SLASH_FIRST = "at least one argument must precede /",
    AFTER_KWARGS = "arguments cannot follow var-keyword argument",
    VARARG_DEFAULT = "var-positional argument cannot have default value",
    KWARG_DEFAULT = "var-keyword argument cannot have default value",
    TRAILING_COMMA_IMPORT = "trailing comma not allowed without surrounding parentheses",
    YIELD_ASSIGN = "assignment to yield expression not possible",
    ANN_TUPLE = "only single target (not tuple) can be annotated",
    ANN_ILLEGAL = "illegal target for annotation",
    STARRED_ALONE = "can't use starred expression here",
    MIXED_BYTES = "cannot mix bytes and nonbytes literals",
    BYTES_NON_ASCII = "bytes can only contain ASCII literal characters",
    PRINT_PARENS = "Missing parentheses in call to 'print'. Did you mean print(...)?",
    EXEC_PARENS = "Missing parentheses in call to 'exec'. Did you mean exec(...)?",
    EXCEPT_STAR_BARE = "expected one or more exception types",
    EXCEPT_MIXED = "cannot have both 'except' and 'except*' on the same 'try'",
    TRY_ALONE = "expected 'except' or 'finally' block",
    NESTING_TOO_DEEP = "too many nested parentheses",
    FSTRING_EMPTY = "f-string: empty expression not allowed",
    FSTRING_SINGLE_BRACE = "f-string: single '}' is not allowed",
    FSTRING_EXPECTING_BRACE = "f-string: expecting '}'",
    FSTRING_BACKSLASH = "f-string expression part cannot include a backslash",
    FSTRING_HASH = "f-string expression part cannot include '#'",
    FSTRING_NESTED = "f-string: expressions nested too deeply",
    FSTRING_CONVERSION = "f-string: invalid conversion character: expected 's', 'r', or 'a'",
    FSTRING_UNTERMINATED = "f-string: unterminated string",
    FSTRING_TOO_MANY_PARENS = "f-string: too many nested parenthesis",
}

/// `expected an indented block after 'if' statement on line 3`.
pub fn expected_block(what: &str, line: u32) -> String {
    format!("expected an indented block after {what} on line {line}")
}

pub fn cannot_assign(what: &str) -> String {
    format!("cannot assign to {what}")
}

pub fn cannot_assign_here(what: &str) -> String {
    format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?")
}

pub fn cannot_delete(what: &str) -> String {
    format!("cannot delete {what}")
}

pub fn cannot_walrus(what: &str) -> String {
    format!("cannot use assignment expressions with {what}")
}

pub fn illegal_augassign(what: &str) -> String {
    format!("'{what}' is an illegal expression for augmented assignment")
}

pub fn ann_not_single(what: &str) -> String {
    format!("only single target (not {what}) can be annotated")
}

pub fn fstring(msg: &str) -> String {
    format!("f-string: {msg}")
}

pub fn fstring_mismatch(close: char, open: char) -> String {
    format!("f-string: closing parenthesis '{close}' does not match opening parenthesis '{open}'")
}

pub fn truncated_escape(kind: &str, start: usize, end: usize) -> String {
    format!(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: \
         truncated {kind} escape"
    )
}

pub fn invalid_bytes_hex(pos: usize) -> String {
    format!("(value error) invalid \\x escape at position {pos}")
}
