//! Float text: CPython's `repr` (shortest round-trip digits, fixed notation for decimal exponents
//! in [-4, 16), otherwise `1e+16` style) and parsing as `float()` accepts it.

/// Shortest round-trip decimal digits and the decimal point position: `v = 0.d1d2... * 10**pos`.
fn shortest_digits(v: f64) -> (String, i32) {
    let e = format!("{:e}", v.abs());
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    (digits, exp + 1)
}

pub fn repr(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if v == 0.0 {
        return if v.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let (digits, pos) = shortest_digits(v);
    let sign = if v < 0.0 { "-" } else { "" };
    let body = if pos <= -4 || pos > 16 {
        let exp = pos - 1;
        let mant = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        let es = if exp < 0 { '-' } else { '+' };
        format!("{mant}e{es}{:02}", exp.abs())
    } else if pos <= 0 {
        format!("0.{}{digits}", "0".repeat((-pos) as usize))
    } else if pos as usize >= digits.len() {
        format!("{digits}{}.0", "0".repeat(pos as usize - digits.len()))
    } else {
        format!("{}.{}", &digits[..pos as usize], &digits[pos as usize..])
    };
    format!("{sign}{body}")
}

/// Parses a float literal as `float(str)` does (surrounding whitespace, underscores between
/// digits, `inf`/`nan` in any case). `None` if invalid.
pub fn parse(s: &str) -> Option<f64> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let (sign, rest) = match lower.strip_prefix('-') {
        Some(r) => (-1.0, r),
        None => (1.0, lower.strip_prefix('+').unwrap_or(&lower)),
    };
    match rest {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    if rest.is_empty() || rest.starts_with('_') || rest.ends_with('_') || rest.contains("__") {
        return None;
    }
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-' | '_'))
    {
        return None;
    }
    let cleaned: String = rest.chars().filter(|&c| c != '_').collect();
    cleaned.parse::<f64>().ok().map(|v| sign * v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        for (v, s) in [
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (0.1, "0.1"),
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (1.5e300, "1.5e+300"),
            (123.456, "123.456"),
            (0.1 + 0.2, "0.30000000000000004"),
            (f64::INFINITY, "inf"),
        ] {
            assert_eq!(repr(v), s);
        }
    }
}
