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
    FsumOverflow,
    FsumInfMinusInf,
    TolerancesNegative,
    DistDimensions,
    // random
    EmptyRange {
        start: String,
        stop: String,
    },
    EmptyRangeStep {
        start: String,
        stop: String,
        step: String,
    },
    ZeroStep,
    RangeNotInteger(&'static str),
    NegativeBits,
    EmptySequence,
    SampleLarger,
    NegativeSample,
    WeightsWithCum,
    WeightsLength,
    TotalWeightZero,
    TotalWeightFinite,
    CountsLength,
    CountsNonNegative,
    CountsIntegers,
    GammaArgs,
    BetaArgs,
}

impl MathError {
    pub fn kind(&self) -> MathExc {
        use MathError::*;
        match self {
            Range | FloatInfinityToInt | FactorialTooLarge | FsumOverflow | TooLargeForCLong(_) => {
                MathExc::OverflowError
            }
            FloatDivisionByZero => MathExc::ZeroDivisionError,
            EmptySequence => MathExc::IndexError,
            WeightsWithCum | CountsIntegers => MathExc::TypeError,
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
            FsumOverflow => write!(f, "intermediate overflow in fsum"),
            FsumInfMinusInf => write!(f, "-inf + inf in fsum"),
            TolerancesNegative => write!(f, "tolerances must be non-negative"),
            DistDimensions => write!(f, "both points must have the same number of dimensions"),
            EmptyRange { start, stop } => {
                write!(f, "empty range in randrange({start}, {stop})")
            }
            EmptyRangeStep { start, stop, step } => {
                write!(f, "empty range in randrange({start}, {stop}, {step})")
            }
            ZeroStep => write!(f, "zero step for randrange()"),
            RangeNotInteger(what) => write!(f, "non-integer {what} for randrange()"),
            NegativeBits => write!(f, "number of bits must be non-negative"),
            EmptySequence => write!(f, "Cannot choose from an empty sequence"),
            SampleLarger => write!(f, "Sample larger than population or is negative"),
            NegativeSample => write!(f, "Sample larger than population or is negative"),
            WeightsWithCum => write!(f, "Cannot specify both weights and cumulative weights"),
            WeightsLength => write!(f, "The number of weights does not match the population"),
            TotalWeightZero => write!(f, "Total of weights must be greater than zero"),
            TotalWeightFinite => write!(f, "Total of weights must be finite"),
            CountsLength => write!(f, "The number of counts does not match the population"),
            CountsNonNegative => write!(f, "Counts must be non-negative"),
            CountsIntegers => write!(f, "Counts must be integers"),
            GammaArgs => write!(f, "gammavariate: alpha and beta must be > 0.0"),
            BetaArgs => write!(f, "betavariate: alpha and beta must be > 0.0"),
        }
    }
}

impl std::error::Error for MathError {}
