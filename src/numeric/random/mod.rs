//! `random`: CPython's Mersenne Twister (`_randommodule.c`) with its seeding, and the
//! Python-level algorithms of Lib/random.py 3.11 (in [`algorithms`]) over it, so that a seeded
//! generator produces CPython's sequences number for number.
//!
//! Invariants: `index` is in `0..=N`; `N` means the state must be regenerated before the next
//! draw. Everything that draws goes through [`Random::genrand_u32`].

pub mod algorithms;
pub mod sha512;

use super::error::MathError;
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{ToPrimitive, Zero};

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;
/// `getrandbits` refuses more bits than this (CPython would raise `MemoryError` on allocation).
pub const MAX_RANDBITS: u64 = 1 << 32;

/// What `random.seed(a)` was given, after Lib/random.py's conversions.
#[derive(Clone, Copy, Debug)]
pub enum Seed<'a> {
    /// An int (its absolute value seeds the generator).
    Int(&'a BigInt),
    /// A str (its UTF-8 encoding), bytes or bytearray: seeds from `a + sha512(a).digest()`.
    Bytes(&'a [u8]),
    /// Any other hashable (a float): CPython seeds from `hash(a)` taken as an unsigned size_t.
    Hash(i64),
    /// `None`: operating-system entropy.
    Entropy,
}

#[derive(Clone)]
pub struct Random {
    mt: [u32; N],
    index: usize,
    /// The second normal deviate cached by `gauss()` (Lib/random.py's `gauss_next`).
    pub gauss_next: Option<f64>,
}

impl std::fmt::Debug for Random {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Random {{ index: {} }}", self.index)
    }
}

impl Random {
    pub fn new(seed: Seed<'_>) -> Random {
        let mut r = Random {
            mt: [0; N],
            index: N + 1,
            gauss_next: None,
        };
        r.seed(seed);
        r
    }

    /// `random.seed(a)` (version 2).
    pub fn seed(&mut self, seed: Seed<'_>) {
        self.gauss_next = None;
        match seed {
            Seed::Int(n) => self.init_by_array(&words_of(n.magnitude())),
            Seed::Bytes(b) => {
                let mut all = b.to_vec();
                all.extend_from_slice(&sha512::sha512(b));
                self.init_by_array(&words_of(&BigUint::from_bytes_be(&all)));
            }
            Seed::Hash(h) => self.init_by_array(&words_of(&BigUint::from(h as u64))),
            Seed::Entropy => self.init_by_array(&entropy_words()),
        }
    }

    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        let len = key.len().max(1);
        for _ in 0..N.max(len) {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
        }
        self.mt[0] = 0x8000_0000;
        self.index = N;
    }

    fn twist(&mut self) {
        let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
        for kk in 0..N {
            let y = (self.mt[kk] & UPPER_MASK) | (self.mt[(kk + 1) % N] & LOWER_MASK);
            self.mt[kk] = self.mt[(kk + M) % N] ^ (y >> 1) ^ mag(y);
        }
        self.index = 0;
    }

    /// The next 32 random bits (`genrand_uint32`).
    pub fn genrand_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: a float in [0, 1) with 53 random bits from two draws.
    pub fn random(&mut self) -> f64 {
        let a = (self.genrand_u32() >> 5) as f64;
        let b = (self.genrand_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k <= 64`.
    pub fn getrandbits_u64(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => (self.genrand_u32() >> (32 - k)) as u64,
            _ => {
                let low = self.genrand_u32() as u64;
                let high = (self.genrand_u32() >> (64 - k.min(64))) as u64;
                low | (high << 32)
            }
        }
    }

    /// `getrandbits(k)`.
    pub fn getrandbits(&mut self, k: &BigInt) -> Result<BigInt, MathError> {
        if k.sign() == Sign::Minus {
            return Err(MathError::NegativeBits);
        }
        let k = k
            .to_u64()
            .filter(|&k| k <= MAX_RANDBITS)
            .ok_or(MathError::OutOfMemory)?;
        if k <= 64 {
            return Ok(BigInt::from(self.getrandbits_u64(k as u32)));
        }
        let words = (k - 1) / 32 + 1;
        let mut digits = Vec::with_capacity(words as usize);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.genrand_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            digits.push(r);
            left = left.saturating_sub(32);
        }
        Ok(BigInt::from(BigUint::new(digits)))
    }

    /// `_randbelow(n)` for `0 < n < 2**64`: rejection sampling on `n.bit_length()` bits.
    pub fn randbelow_u64(&mut self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits_u64(k);
            if r < n {
                return r;
            }
        }
    }

    /// `_randbelow(n)` for any `n > 0`.
    pub fn randbelow(&mut self, n: &BigInt) -> Result<BigInt, MathError> {
        if let Some(small) = n.to_u64() {
            return Ok(BigInt::from(self.randbelow_u64(small.max(1))));
        }
        let k = BigInt::from(n.bits());
        loop {
            let r = self.getrandbits(&k)?;
            if &r < n {
                return Ok(r);
            }
        }
    }

    /// `getstate()[1]`: the 624 state words and the position, as CPython exposes them.
    pub fn state(&self) -> ([u32; N], usize) {
        (self.mt, self.index)
    }

    /// `setstate()` from [`Random::state`]'s output; `index` is clamped to `0..=624`.
    pub fn set_state(&mut self, mt: [u32; N], index: usize) {
        self.mt = mt;
        self.index = index.min(N);
    }
}

/// 32-bit words of `n`, least significant first; zero is one zero word.
fn words_of(n: &BigUint) -> Vec<u32> {
    if n.is_zero() {
        return vec![0];
    }
    n.to_u32_digits()
}

/// CPython reads `N` words from the OS; without `/dev/urandom`, time and process id stand in.
fn entropy_words() -> Vec<u32> {
    use std::io::Read;
    let mut buf = vec![0u8; N * 4];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .is_ok();
    if ok {
        return buf
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    vec![
        now as u32,
        (now >> 32) as u32,
        (now >> 64) as u32,
        std::process::id(),
    ]
}
