//! The errors of the formatting kernels. Each variant's Python exception type and message text
//! (CPython 3.11's wording) are defined once, in [`FormatError::kind`] and `Display`.

use std::fmt;

/// The Python exception class a [`FormatError`] becomes at the user boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExcKind {
    ValueError,
    OverflowError,
    TypeError,
    MemoryError,
    IndexError,
}

/// A flag of the mini-language that strings (or `c`) reject.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejected {
    Sign,
    Space,
    NegZero,
    Alternate,
    EqualsAlign,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    TooManyDigits,
    CommaAndUnderscore,
    MissingPrecision,
    InvalidSpecifier {
        spec: String,
        type_name: String,
    },
    SeparatorWithType {
        sep: char,
        code: char,
    },
    UnknownCode {
        code: char,
        type_name: String,
    },
    NotAllowedInString(Rejected),
    PrecisionNotAllowedInInt,
    NegZeroNotAllowedInInt,
    SignNotAllowedWithC,
    AlternateNotAllowedWithC,
    CharOutOfRange,
    IntTooLargeForCLong,
    IntTooLargeForFloat,
    PrecisionTooBig,
    /// The result would exceed [`crate::format::MAX_OUTPUT_CHARS`].
    OutputTooLarge,
    /// An `int`↔`str` conversion beyond `sys.get_int_max_str_digits()`: `digits` is `None`
    /// for int → str, and the input's digit count for str → int.
    IntMaxStrDigits {
        limit: usize,
        digits: Option<usize>,
    },
    // `%`-formatting
    NotEnoughArguments,
    NotAllConverted,
    MappingRequired,
    StarWantsInt,
    IncompleteFormat,
    IncompleteFormatKey,
    /// `ch` is the character as displayed (`?` unless printable ASCII), `code` its code point.
    UnsupportedChar {
        ch: char,
        code: u32,
        index: usize,
    },
    RealNumberRequired {
        code: char,
        type_name: String,
    },
    IntegerRequired {
        code: char,
        type_name: String,
    },
    PercentCRequiresIntOrChar,
    MustBeRealNumber {
        type_name: String,
    },
    WidthTooBig,
    StarTooLarge {
        c_type: &'static str,
    },
    // str.format templates
    /// `Single '{' encountered in format string` (or `'}'`).
    SingleBrace(char),
    ExpectedClosingBrace,
    UnexpectedBraceInField,
    EndLookingForConversion,
    ExpectedColonAfterConversion,
    UnmatchedBraceInSpec,
    EmptyAttribute,
    MissingBracket,
    OnlyDotOrBracket,
    AutoToManual,
    ManualToAuto,
    UnknownConversion(char),
    MaxRecursion,
    /// `Replacement index {i} out of range for positional args tuple` (an `IndexError`).
    ReplacementIndex(usize),
    // string → number
    InvalidIntLiteral {
        base: u32,
        text: String,
    },
    InvalidBase,
    InvalidFloatLiteral {
        text: String,
    },
    InvalidHexFloat,
    HexFloatOverflow,
    FloatToIntRatio {
        nan: bool,
    },
}

fn code_text(c: char) -> String {
    if c > ' ' && c < '\u{7f}' {
        c.to_string()
    } else {
        format!("\\x{:x}", c as u32)
    }
}

impl FormatError {
    pub fn kind(&self) -> ExcKind {
        use FormatError::*;
        match self {
            CharOutOfRange
            | IntTooLargeForCLong
            | IntTooLargeForFloat
            | HexFloatOverflow
            | StarTooLarge { .. } => ExcKind::OverflowError,
            FloatToIntRatio { nan: false } => ExcKind::OverflowError,
            OutputTooLarge => ExcKind::MemoryError,
            NotEnoughArguments
            | NotAllConverted
            | MappingRequired
            | StarWantsInt
            | RealNumberRequired { .. }
            | IntegerRequired { .. }
            | PercentCRequiresIntOrChar
            | MustBeRealNumber { .. } => ExcKind::TypeError,
            ReplacementIndex(_) => ExcKind::IndexError,
            _ => ExcKind::ValueError,
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use FormatError::*;
        match self {
            TooManyDigits => write!(f, "Too many decimal digits in format string"),
            CommaAndUnderscore => write!(f, "Cannot specify both ',' and '_'."),
            MissingPrecision => write!(f, "Format specifier missing precision"),
            InvalidSpecifier { spec, type_name } => {
                write!(
                    f,
                    "Invalid format specifier '{spec}' for object of type '{type_name}'"
                )
            }
            SeparatorWithType { sep, code } => {
                write!(f, "Cannot specify '{sep}' with '{}'.", code_text(*code))
            }
            UnknownCode { code, type_name } => write!(
                f,
                "Unknown format code '{}' for object of type '{type_name}'",
                code_text(*code)
            ),
            NotAllowedInString(r) => {
                let what = match r {
                    Rejected::Sign => "Sign not allowed",
                    Rejected::Space => "Space not allowed",
                    Rejected::NegZero => "Negative zero coercion (z) not allowed",
                    Rejected::Alternate => "Alternate form (#) not allowed",
                    Rejected::EqualsAlign => "'=' alignment not allowed",
                };
                write!(f, "{what} in string format specifier")
            }
            PrecisionNotAllowedInInt => {
                write!(f, "Precision not allowed in integer format specifier")
            }
            NegZeroNotAllowedInInt => {
                write!(
                    f,
                    "Negative zero coercion (z) not allowed in integer format specifier"
                )
            }
            SignNotAllowedWithC => write!(f, "Sign not allowed with integer format specifier 'c'"),
            AlternateNotAllowedWithC => {
                write!(
                    f,
                    "Alternate form (#) not allowed with integer format specifier 'c'"
                )
            }
            CharOutOfRange => write!(f, "%c arg not in range(0x110000)"),
            IntTooLargeForCLong => write!(f, "Python int too large to convert to C long"),
            IntTooLargeForFloat => write!(f, "int too large to convert to float"),
            PrecisionTooBig => write!(f, "precision too big"),
            OutputTooLarge => Ok(()),
            IntMaxStrDigits {
                limit,
                digits: None,
            } => write!(
                f,
                "Exceeds the limit ({limit} digits) for integer string conversion; \
                 use sys.set_int_max_str_digits() to increase the limit"
            ),
            IntMaxStrDigits {
                limit,
                digits: Some(n),
            } => write!(
                f,
                "Exceeds the limit ({limit} digits) for integer string conversion: \
                 value has {n} digits; use sys.set_int_max_str_digits() to increase the limit"
            ),
            SingleBrace(c) => write!(f, "Single '{c}' encountered in format string"),
            ExpectedClosingBrace => write!(f, "expected '}}' before end of string"),
            UnexpectedBraceInField => write!(f, "unexpected '{{' in field name"),
            EndLookingForConversion => {
                write!(f, "end of string while looking for conversion specifier")
            }
            ExpectedColonAfterConversion => write!(f, "expected ':' after conversion specifier"),
            UnmatchedBraceInSpec => write!(f, "unmatched '{{' in format spec"),
            EmptyAttribute => write!(f, "Empty attribute in format string"),
            MissingBracket => write!(f, "Missing ']' in format string"),
            OnlyDotOrBracket => {
                write!(
                    f,
                    "Only '.' or '[' may follow ']' in format field specifier"
                )
            }
            AutoToManual => write!(
                f,
                "cannot switch from automatic field numbering to manual field specification"
            ),
            ManualToAuto => write!(
                f,
                "cannot switch from manual field specification to automatic field numbering"
            ),
            UnknownConversion(c) => write!(f, "Unknown conversion specifier {}", code_text(*c)),
            MaxRecursion => write!(f, "Max string recursion exceeded"),
            ReplacementIndex(i) => {
                write!(
                    f,
                    "Replacement index {i} out of range for positional args tuple"
                )
            }
            NotEnoughArguments => write!(f, "not enough arguments for format string"),
            NotAllConverted => write!(f, "not all arguments converted during string formatting"),
            MappingRequired => write!(f, "format requires a mapping"),
            StarWantsInt => write!(f, "* wants int"),
            IncompleteFormat => write!(f, "incomplete format"),
            IncompleteFormatKey => write!(f, "incomplete format key"),
            UnsupportedChar { ch, code, index } => write!(
                f,
                "unsupported format character '{ch}' (0x{code:x}) at index {index}"
            ),
            RealNumberRequired { code, type_name } => {
                write!(
                    f,
                    "%{code} format: a real number is required, not {type_name}"
                )
            }
            IntegerRequired { code, type_name } => {
                write!(f, "%{code} format: an integer is required, not {type_name}")
            }
            PercentCRequiresIntOrChar => write!(f, "%c requires int or char"),
            MustBeRealNumber { type_name } => write!(f, "must be real number, not {type_name}"),
            WidthTooBig => write!(f, "width too big"),
            StarTooLarge { c_type } => write!(f, "Python int too large to convert to C {c_type}"),
            InvalidIntLiteral { base, text } => {
                write!(f, "invalid literal for int() with base {base}: {text}")
            }
            InvalidBase => write!(f, "int() base must be >= 2 and <= 36, or 0"),
            InvalidFloatLiteral { text } => write!(f, "could not convert string to float: {text}"),
            InvalidHexFloat => write!(f, "invalid hexadecimal floating-point string"),
            HexFloatOverflow => write!(f, "hexadecimal value too large to represent as a float"),
            FloatToIntRatio { nan: true } => write!(f, "cannot convert NaN to integer ratio"),
            FloatToIntRatio { nan: false } => {
                write!(f, "cannot convert Infinity to integer ratio")
            }
        }
    }
}

impl std::error::Error for FormatError {}
