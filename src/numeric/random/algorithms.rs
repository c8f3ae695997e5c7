//! The algorithms of Lib/random.py (3.11) as methods of [`Random`], drawing in exactly
//! CPython's order. Sequence-valued functions work on lengths and return indices, so the
//! caller indexes its own sequence (and raises its own `IndexError`, as CPython does for
//! `choices([], k=1)`).

use super::Random;
use crate::numeric::error::MathError;
use crate::numeric::intmath::log_int;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::f64::consts::{E, PI};

const TWOPI: f64 = 2.0 * PI;

/// Python's `x ** y` for the non-negative bases these algorithms produce.
fn py_pow(x: f64, y: f64) -> Result<f64, MathError> {
    if y == 0.0 || x == 1.0 {
        return Ok(1.0);
    }
    if x == 0.0 && y < 0.0 {
        return Err(MathError::ZeroToNegativePower);
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(MathError::PowOverflow);
    }
    Ok(r)
}

fn py_div(x: f64, y: f64) -> Result<f64, MathError> {
    if y == 0.0 {
        return Err(MathError::FloatDivisionByZero);
    }
    Ok(x / y)
}

/// Python's float `%` (the result takes the divisor's sign).
fn py_mod(x: f64, y: f64) -> f64 {
    let m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m + y
        } else {
            m
        }
    } else {
        0.0f64.copysign(y)
    }
}

/// `bisect.bisect_right(a, x, lo, hi)`.
fn bisect_right(a: &[f64], x: f64, mut lo: usize, mut hi: usize) -> usize {
    while lo < hi {
        let mid = (lo + hi) / 2;
        if x < a[mid] {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// Weights for [`Random::choices`].
#[derive(Clone, Copy, Debug)]
pub enum Weights<'a> {
    None,
    Relative(&'a [f64]),
    Cumulative(&'a [f64]),
}

impl Random {
    /// `randrange(start)`, `randrange(start, stop)` or `randrange(start, stop, step)` on ints.
    pub fn randrange(
        &mut self,
        start: &BigInt,
        stop: Option<&BigInt>,
        step: Option<&BigInt>,
    ) -> Result<BigInt, MathError> {
        let Some(stop) = stop else {
            if step.is_some() {
                return Err(MathError::MissingStop);
            }
            if start.is_positive() {
                return self.randbelow(start);
            }
            return Err(MathError::EmptyRange);
        };
        let width = stop - start;
        let one = BigInt::one();
        let step = step.unwrap_or(&one);
        if step.is_one() {
            if width.is_positive() {
                return Ok(start + self.randbelow(&width)?);
            }
            return Err(MathError::EmptyRangeUnit {
                start: start.to_string(),
                stop: stop.to_string(),
                width: width.to_string(),
            });
        }
        let n = match step.sign() {
            Sign::Plus => (&width + step - 1u8).div_floor(step),
            Sign::Minus => (&width + step + 1u8).div_floor(step),
            Sign::NoSign => return Err(MathError::ZeroStep),
        };
        if !n.is_positive() {
            return Err(MathError::EmptyRange);
        }
        Ok(start + step * self.randbelow(&n)?)
    }

    /// `randint(a, b)`.
    pub fn randint(&mut self, a: &BigInt, b: &BigInt) -> Result<BigInt, MathError> {
        self.randrange(a, Some(&(b + 1)), None)
    }

    /// `choice(seq)` for a sequence of length `n`: the index to take.
    pub fn choice(&mut self, n: usize) -> Result<usize, MathError> {
        if n == 0 {
            return Err(MathError::EmptySequence);
        }
        Ok(self.randbelow_u64(n as u64) as usize)
    }

    /// `shuffle(x)` in place.
    pub fn shuffle<T>(&mut self, x: &mut [T]) {
        for i in (1..x.len()).rev() {
            let j = self.randbelow_u64(i as u64 + 1) as usize;
            x.swap(i, j);
        }
    }

    /// `sample(population, k)` for a population of length `n`: the indices chosen, in order,
    /// by CPython's pool-based or set-based selection (whichever it would use).
    pub fn sample(&mut self, n: usize, k: &BigInt) -> Result<Vec<usize>, MathError> {
        let k = k
            .to_usize()
            .filter(|&k| k <= n)
            .ok_or(MathError::SampleLarger)?;
        let mut setsize: u64 = 21;
        if k > 5 {
            let exp = (log_int(&(BigInt::from(k) * 3u8))? / 4f64.ln()).ceil();
            setsize = setsize.saturating_add(4u64.saturating_pow(exp as u32));
        }
        let mut result = Vec::with_capacity(k);
        if n as u64 <= setsize {
            // The pool: non-selected indices stay in pool[..n - i].
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = self.randbelow_u64((n - i) as u64) as usize;
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = std::collections::HashSet::with_capacity(k);
            for _ in 0..k {
                let mut j = self.randbelow_u64(n as u64) as usize;
                while selected.contains(&j) {
                    j = self.randbelow_u64(n as u64) as usize;
                }
                selected.insert(j);
                result.push(j);
            }
        }
        Ok(result)
    }

    /// `sample(population, k, counts=counts)` for a population of length `n`: indices into
    /// the population. (Non-int counts are the caller's `TypeError`, `MathError::CountsIntegers`.)
    pub fn sample_counts(
        &mut self,
        n: usize,
        counts: &[BigInt],
        k: &BigInt,
    ) -> Result<Vec<usize>, MathError> {
        if counts.len() != n {
            return Err(MathError::CountsLength);
        }
        let mut cum: Vec<BigInt> = Vec::with_capacity(counts.len());
        let mut total = BigInt::zero();
        for c in counts {
            total += c;
            cum.push(total.clone());
        }
        let Some(total) = cum.pop() else {
            return Err(MathError::CountsTotal);
        };
        if !total.is_positive() {
            return Err(MathError::CountsTotal);
        }
        // CPython samples from range(total), whose length must fit a C ssize_t.
        let total = total.to_i64().ok_or(MathError::SsizeOverflow)? as usize;
        let picks = self.sample(total, k)?;
        Ok(picks
            .into_iter()
            .map(|s| {
                let s = BigInt::from(s);
                cum.partition_point(|c| *c <= s)
            })
            .collect())
    }

    /// `choices(population, weights, cum_weights=, k=)` for a population of length `n`.
    pub fn choices(
        &mut self,
        n: usize,
        weights: Weights<'_>,
        k: usize,
    ) -> Result<Vec<usize>, MathError> {
        let cum: Vec<f64> = match weights {
            Weights::None => {
                let nf = n as f64;
                return Ok((0..k)
                    .map(|_| (self.random() * nf).floor() as usize)
                    .collect());
            }
            Weights::Relative(w) => w
                .iter()
                .scan(0.0, |acc, &x| {
                    *acc += x;
                    Some(*acc)
                })
                .collect(),
            Weights::Cumulative(c) => c.to_vec(),
        };
        if cum.len() != n {
            return Err(MathError::WeightsLength);
        }
        let total = cum.last().copied().unwrap_or(0.0);
        if total <= 0.0 {
            return Err(MathError::TotalWeightZero);
        }
        if !total.is_finite() {
            return Err(MathError::TotalWeightFinite);
        }
        let hi = n - 1;
        Ok((0..k)
            .map(|_| bisect_right(&cum, self.random() * total, 0, hi))
            .collect())
    }

    /// `randbytes(n)`.
    pub fn randbytes(&mut self, n: usize) -> Result<Vec<u8>, MathError> {
        let nbits = (n as u64).checked_mul(8).ok_or(MathError::OutOfMemory)?;
        let bits = self.getrandbits(&BigInt::from(nbits))?;
        let mut bytes = bits.magnitude().to_bytes_le();
        bytes.resize(n, 0);
        Ok(bytes)
    }

    /// `uniform(a, b)`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `triangular(low, high, mode)`.
    pub fn triangular(&mut self, low: f64, high: f64, mode: Option<f64>) -> f64 {
        let mut u = self.random();
        let mut c = match mode {
            None => 0.5,
            Some(_) if high - low == 0.0 => return low,
            Some(m) => (m - low) / (high - low),
        };
        let (mut low, mut high) = (low, high);
        if u > c {
            u = 1.0 - u;
            c = 1.0 - c;
            std::mem::swap(&mut low, &mut high);
        }
        low + (high - low) * (u * c).sqrt()
    }

    /// `normalvariate(mu, sigma)` (Kinderman and Monahan).
    pub fn normalvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        let nv_magicconst = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
        loop {
            let u1 = self.random();
            let u2 = 1.0 - self.random();
            let z = nv_magicconst * (u1 - 0.5) / u2;
            let zz = z * z / 4.0;
            if zz <= -u2.ln() {
                return mu + z * sigma;
            }
        }
    }

    /// `gauss(mu, sigma)`, caching the second deviate.
    pub fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * TWOPI;
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// `lognormvariate(mu, sigma)`.
    pub fn lognormvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        self.normalvariate(mu, sigma).exp()
    }

    /// `expovariate(lambd)`.
    pub fn expovariate(&mut self, lambd: f64) -> Result<f64, MathError> {
        py_div(-(1.0 - self.random()).ln(), lambd)
    }

    /// `vonmisesvariate(mu, kappa)`.
    pub fn vonmisesvariate(&mut self, mu: f64, kappa: f64) -> f64 {
        if kappa <= 1e-6 {
            return TWOPI * self.random();
        }
        if kappa.is_nan() {
            // CPython's rejection loop never ends for a NaN kappa; we return NaN instead.
            return f64::NAN;
        }
        let s = 0.5 / kappa;
        let r = s + (1.0 + s * s).sqrt();
        let z = loop {
            let u1 = self.random();
            let z = (PI * u1).cos();
            let d = z / (r + z);
            let u2 = self.random();
            if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
                break z;
            }
        };
        let q = 1.0 / r;
        let f = (q + z) / (1.0 + q * z);
        let u3 = self.random();
        if u3 > 0.5 {
            py_mod(mu + f.acos(), TWOPI)
        } else {
            py_mod(mu - f.acos(), TWOPI)
        }
    }

    /// `gammavariate(alpha, beta)`.
    pub fn gammavariate(&mut self, alpha: f64, beta: f64) -> Result<f64, MathError> {
        if alpha <= 0.0 || beta <= 0.0 {
            return Err(MathError::GammaArgs);
        }
        if alpha > 1.0 {
            // R.C.H. Cheng, "The generation of Gamma variables with non-integral shape
            // parameters", Applied Statistics (1977) 26, No. 1, p71-74.
            let log4 = 4.0f64.ln();
            let sg_magicconst = 1.0 + 4.5f64.ln();
            let ainv = (2.0 * alpha - 1.0).sqrt();
            let bbb = alpha - log4;
            let ccc = alpha + ainv;
            if !ccc.is_finite() {
                // Every candidate is NaN and CPython's loop never ends; we return NaN instead.
                return Ok(f64::NAN);
            }
            loop {
                let u1 = self.random();
                if !(1e-7 < u1 && u1 < 0.9999999) {
                    continue;
                }
                let u2 = 1.0 - self.random();
                let v = (u1 / (1.0 - u1)).ln() / ainv;
                let x = alpha * v.exp();
                let z = u1 * u1 * u2;
                let r = bbb + ccc * v - x;
                if r + sg_magicconst - 4.5 * z >= 0.0 || r >= z.ln() {
                    return Ok(x * beta);
                }
            }
        } else if alpha.is_nan() {
            // As above: CPython would loop forever.
            Ok(f64::NAN)
        } else if alpha == 1.0 {
            Ok(-(1.0 - self.random()).ln() * beta)
        } else {
            // Algorithm GS of Statistical Computing (Kennedy & Gentle).
            loop {
                let u = self.random();
                let b = (E + alpha) / E;
                let p = b * u;
                let x = if p <= 1.0 {
                    py_pow(p, 1.0 / alpha)?
                } else {
                    -((b - p) / alpha).ln()
                };
                let u1 = self.random();
                if p > 1.0 {
                    if u1 <= py_pow(x, alpha - 1.0)? {
                        return Ok(x * beta);
                    }
                } else if u1 <= (-x).exp() {
                    return Ok(x * beta);
                }
            }
        }
    }

    /// `betavariate(alpha, beta)`.
    pub fn betavariate(&mut self, alpha: f64, beta: f64) -> Result<f64, MathError> {
        let y = self.gammavariate(alpha, 1.0)?;
        if y != 0.0 {
            return Ok(y / (y + self.gammavariate(beta, 1.0)?));
        }
        Ok(0.0)
    }

    /// `paretovariate(alpha)`.
    pub fn paretovariate(&mut self, alpha: f64) -> Result<f64, MathError> {
        let u = 1.0 - self.random();
        py_pow(u, py_div(-1.0, alpha)?)
    }

    /// `weibullvariate(alpha, beta)`.
    pub fn weibullvariate(&mut self, alpha: f64, beta: f64) -> Result<f64, MathError> {
        let u = 1.0 - self.random();
        Ok(alpha * py_pow(-u.ln(), py_div(1.0, beta)?)?)
    }
}
