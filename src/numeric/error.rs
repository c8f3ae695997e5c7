//! Errors of the numeric kernels (`math`, `random`): each variant's Python exception class and
//! CPython 3.11 message are defined once, in [`MathError::kind`] and `Display`.

use std::fmt;

/// The Python exception class a [`MathError`] becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MathExc {
    ValueError,
    OverflowError,
    ZeroDivisionError,
    IndexError,
    TypeError,
    MemoryError,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MathError {
    /// `math domain error`
    Domain,
    /// `math range error`
    Range,
    FloatInfinityToInt,
    FloatNanToInt,
    FactorialNegative,
    FactorialTooLarge,
    IsqrtNegative,
    /// `n`/`k` of comb/perm: `{name} must be a non-negative integer`.
    NotNonNegative(&'static str),
    /// `{name} must not exceed 9223372036854775807` (comb/perm with a huge k).
    TooLargeForCLong(&'static str),
    FloatDivisionByZero,
    ByteOrder,
    NegativeLength,
    NegativeToUnsigned,
    IntTooBigToConvert,
    FloatModulo,
    FloatDivmod,
    FloatFloorDivision,
    IntDivisionByZero,
    IntDivisionTooLarge,
    RoundedTooLarge,
    FsumOverflow,
    FsumInfMinusInf,
    TolerancesNegative,
    DistDimensions,
    // random
    /// `empty range for randrange()`
    EmptyRange,
    /// The unit-step form: `empty range for randrange() (start, stop, width)`.
    EmptyRangeUnit {
        start: String,
        stop: String,
        width: String,
    },
    ZeroStep,
    /// `non-integer {arg 1|stop|step} for randrange()`, for the caller's float handling.
    RangeNotInteger(&'static str),
    /// `getrandbits` with an absurd bit count (CPython fails allocating).
    OutOfMemory,
    ZeroToNegativePower,
    /// Python's float `**` overflowing (CPython reports the C errno).
    PowOverflow,
    MissingStop,
    SsizeOverflow,
    NegativeBits,
    EmptySequence,
    SampleLarger,
    WeightsWithCum,
    WeightsLength,
    TotalWeightZero,
    TotalWeightFinite,
    CountsLength,
    CountsTotal,
    CountsIntegers,
    GammaArgs,
}

impl MathError {
    pub fn kind(&self) -> MathExc {
        use MathError::*;
        match self {
            Range | FloatInfinityToInt | FactorialTooLarge | FsumOverflow | TooLargeForCLong(_)
            | PowOverflow | SsizeOverflow | RoundedTooLarge | IntDivisionTooLarge
            | NegativeToUnsigned | IntTooBigToConvert => MathExc::OverflowError,
            FloatDivisionByZero | ZeroToNegativePower | FloatModulo | FloatDivmod
            | FloatFloorDivision | IntDivisionByZero => MathExc::ZeroDivisionError,
            OutOfMemory => MathExc::MemoryError,
            EmptySequence => MathExc::IndexError,
            WeightsWithCum | CountsIntegers | MissingStop => MathExc::TypeError,
            _ => MathExc::ValueError,
        }
    }
}

impl fmt::Display for MathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use MathError::*;
        match self {
            Domain => write!(f, "math domain error"),
            Range => write!(f, "math range error"),
            FloatInfinityToInt => write!(f, "cannot convert float infinity to integer"),
            FloatNanToInt => write!(f, "cannot convert float NaN to integer"),
            FactorialNegative => write!(f, "factorial() not defined for negative values"),
            FactorialTooLarge => write!(f, "factorial() argument should not exceed {}", i64::MAX),
            IsqrtNegative => write!(f, "isqrt() argument must be nonnegative"),
            NotNonNegative(name) => write!(f, "{name} must be a non-negative integer"),
            TooLargeForCLong(name) => write!(f, "{name} must not exceed {}", i64::MAX),
            FloatDivisionByZero => write!(f, "float division by zero"),
            ByteOrder => write!(f, "byteorder must be either 'little' or 'big'"),
            NegativeLength => write!(f, "length argument must be non-negative"),
            NegativeToUnsigned => write!(f, "can't convert negative int to unsigned"),
            IntTooBigToConvert => write!(f, "int too big to convert"),
            FloatModulo => write!(f, "float modulo"),
            FloatDivmod => write!(f, "float divmod()"),
            FloatFloorDivision => write!(f, "float floor division by zero"),
            IntDivisionByZero => write!(f, "division by zero"),
            IntDivisionTooLarge => write!(f, "integer division result too large for a float"),
            RoundedTooLarge => write!(f, "rounded value too large to represent"),
            FsumOverflow => write!(f, "intermediate overflow in fsum"),
            FsumInfMinusInf => write!(f, "-inf + inf in fsum"),
            TolerancesNegative => write!(f, "tolerances must be non-negative"),
            DistDimensions => write!(f, "both points must have the same number of dimensions"),
            EmptyRange => write!(f, "empty range for randrange()"),
            EmptyRangeUnit { start, stop, width } => {
                write!(f, "empty range for randrange() ({start}, {stop}, {width})")
            }
            OutOfMemory => Ok(()),
            PowOverflow => write!(f, "(34, 'Numerical result out of range')"),
            MissingStop => write!(f, "Missing a non-None stop argument"),
            SsizeOverflow => write!(f, "Python int too large to convert to C ssize_t"),
            ZeroToNegativePower => write!(f, "0.0 cannot be raised to a negative power"),
            ZeroStep => write!(f, "zero step for randrange()"),
            RangeNotInteger(what) => write!(f, "non-integer {what} for randrange()"),
            NegativeBits => write!(f, "number of bits must be non-negative"),
            EmptySequence => write!(f, "Cannot choose from an empty sequence"),
            SampleLarger => write!(f, "Sample larger than population or is negative"),
            WeightsWithCum => write!(f, "Cannot specify both weights and cumulative weights"),
            WeightsLength => write!(f, "The number of weights does not match the population"),
            TotalWeightZero => write!(f, "Total of weights must be greater than zero"),
            TotalWeightFinite => write!(f, "Total of weights must be finite"),
            CountsLength => write!(f, "The number of counts does not match the population"),
            CountsTotal => write!(f, "Total of counts must be greater than zero"),
            CountsIntegers => write!(f, "Counts must be integers"),
            GammaArgs => write!(f, "gammavariate: alpha and beta must be > 0.0"),
        }
    }
}

impl std::error::Error for MathError {}
