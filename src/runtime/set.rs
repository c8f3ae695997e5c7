//! `set`/`frozenset` storage: CPython 3.11's open-addressing table (linear probes then
//! perturbation, the same growth rule), so iteration order — what `print({3, 1, 2})` shows —
//! is CPython's.
//!
//! As in `dict.rs`, equality that needs Python is left to the caller: `probe` reports candidate
//! slots it cannot decide, and the caller probes again with `assume_unequal` once it has asked.

use super::value::Value;
use crate::gc::Marker;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// The slot CPython 3.11's set probe visits after `i` (`set_lookkey`'s perturbed recurrence),
/// shifting `perturb` as it does.
#[inline]
fn next_probe(i: usize, perturb: &mut u64, mask: usize) -> usize {
    *perturb >>= PERTURB_SHIFT;
    (i.wrapping_mul(5)
        .wrapping_add(1)
        .wrapping_add(*perturb as usize))
        & mask
}

/// A slot's state, one byte each in `Set::ctrl`: empty, dummy (a removed entry, which a probe
/// passes but an insertion may reuse), or full with seven bits of the entry's hash.
const EMPTY: u8 = 0;
const DUMMY: u8 = 1;
const FULL: u8 = 0x80;
/// `ctrl` runs this far past the table (all empty, never in a probe's window), so that the
/// window of any slot can be read as one `u128`.
const GROUP: usize = 16;
const _: () = assert!(LINEAR_PROBES < GROUP);

/// The control byte of a full slot holding an entry with this hash.
#[inline]
fn tag(hash: i64) -> u8 {
    FULL | (hash as u8 & 0x7f)
}

/// The high bit of every byte.
const HIGH: u128 = u128::MAX / 0xff * 0x80;

/// The high bit of each byte of `g` that equals `b` (exact: no carry crosses a byte).
#[inline]
fn bytes_eq(g: u128, b: u8) -> u128 {
    const LO7: u128 = u128::MAX / 0xff * 0x7f;
    let x = g ^ (u128::MAX / 0xff * b as u128);
    !(((x & LO7) + LO7) | x | LO7)
}

/// The table is a control byte per slot and an entry array: a probe reads the control bytes of
/// its window of up to ten slots as one `u128` and finds the empty, dummy and matching slots in
/// it with a few word operations, reading an entry only where the byte matches the key's hash.
/// With one array of `enum { Empty, Dummy, Full(hash, key) }` slots, each slot passed was a
/// three-way branch on its state, mispredicted wherever dummies and entries alternate, as they
/// do under add/remove churn: nqueens spent a third of its time in `probe`.
pub struct Set {
    ctrl: Vec<u8>,
    /// (hash, key) of the slot with the same index, meaningful only where it is full.
    entries: Vec<(i64, Value)>,
    fill: usize,
    used: usize,
}

pub enum SetProbe {
    Found(usize),
    /// Not present; the slot where it would be inserted.
    Absent(usize),
    Ask(Vec<usize>),
}

impl Default for Set {
    fn default() -> Self {
        Set::new()
    }
}

impl Set {
    pub fn new() -> Set {
        Set::with_size(MIN_SIZE)
    }

    fn with_size(size: usize) -> Set {
        Set {
            ctrl: vec![EMPTY; size + GROUP],
            entries: vec![(0, Value::None); size],
            fill: 0,
            used: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The control bytes of slots `i..i + GROUP`, slot `i` in the low byte.
    #[inline]
    fn group(&self, i: usize) -> u128 {
        let mut b = [EMPTY; GROUP];
        b.copy_from_slice(&self.ctrl[i..i + GROUP]);
        u128::from_le_bytes(b)
    }

    pub fn probe(&self, hash: i64, key: Value, assume_unequal: bool) -> SetProbe {
        let mask = self.entries.len() - 1;
        let want = tag(hash);
        let mut i = hash as u64 as usize & mask;
        let mut perturb = hash as u64;
        // CPython 3.11 inserts at the last dummy passed, not the first; `usize::MAX` is none.
        let mut free = usize::MAX;
        let mut ask = Vec::new();
        loop {
            // CPython probes slots `i..=i + LINEAR_PROBES` when they do not wrap, else slot `i`.
            let n = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES + 1
            } else {
                1
            };
            let g = self.group(i);
            let window = HIGH & ((1u128 << (8 * n)) - 1);
            let empty = bytes_eq(g, EMPTY) & window;
            // The slots before the first empty one: those a slot-by-slot probe passes.
            let passed = if empty == 0 {
                window
            } else {
                (empty & empty.wrapping_neg()) - 1
            };
            let mut matches = bytes_eq(g, want) & passed;
            while matches != 0 {
                let j = i + matches.trailing_zeros() as usize / 8;
                matches &= matches - 1;
                let Some(&(h, k)) = self.entries.get(j) else {
                    continue;
                };
                if h == hash {
                    match super::compare::fast_eq(k, key) {
                        Some(true) => return SetProbe::Found(j),
                        Some(false) => {}
                        None if assume_unequal => {}
                        None => ask.push(j),
                    }
                }
            }
            let dummies = bytes_eq(g, DUMMY) & passed;
            if dummies != 0 {
                free = i + (127 - dummies.leading_zeros() as usize) / 8;
            }
            if empty != 0 {
                if !ask.is_empty() {
                    return SetProbe::Ask(ask);
                }
                let first = i + empty.trailing_zeros() as usize / 8;
                return SetProbe::Absent(if free == usize::MAX { first } else { free });
            }
            i = next_probe(i, &mut perturb, mask);
        }
    }

    /// Inserts at the slot `probe` returned as `Absent`.
    pub fn insert_at(&mut self, slot: usize, hash: i64, key: Value) {
        if self.ctrl[slot] == EMPTY {
            self.fill += 1;
        }
        self.ctrl[slot] = tag(hash);
        self.entries[slot] = (hash, key);
        self.used += 1;
        if self.fill * 5 >= (self.entries.len() - 1) * 3 {
            self.resize(if self.used > 50000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
    }

    pub fn remove_at(&mut self, slot: usize) {
        if self.ctrl[slot] >= FULL {
            self.ctrl[slot] = DUMMY;
            self.used -= 1;
        }
    }

    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(self, Set::with_size(size));
        let mask = size - 1;
        for (hash, key) in old.iter() {
            let mut i = hash as u64 as usize & mask;
            let mut perturb = hash as u64;
            'find: loop {
                let probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                for j in i..=i + probes {
                    if self.ctrl[j] == EMPTY {
                        self.ctrl[j] = tag(hash);
                        self.entries[j] = (hash, key);
                        break 'find;
                    }
                }
                i = next_probe(i, &mut perturb, mask);
            }
        }
        self.used = old.used;
        self.fill = old.used;
    }

    pub fn clear(&mut self) {
        *self = Set::new();
    }

    /// (hash, key) of live entries in table order.
    pub fn iter(&self) -> impl Iterator<Item = (i64, Value)> + '_ {
        self.ctrl
            .iter()
            .zip(&self.entries)
            .filter_map(|(&c, &e)| (c >= FULL).then_some(e))
    }

    /// The entry at a table position at or after `pos`, and the next position, for iterators.
    pub fn next_from(&self, pos: usize) -> Option<(usize, Value)> {
        let ahead = self.ctrl[..self.entries.len()].get(pos..)?;
        let d = ahead.iter().position(|&c| c >= FULL)?;
        Some((pos + d + 1, self.entries[pos + d].1))
    }

    /// Removes and returns an arbitrary element (the first in table order).
    pub fn pop(&mut self) -> Option<Value> {
        let pos = self.ctrl[..self.entries.len()]
            .iter()
            .position(|&c| c >= FULL)?;
        self.remove_at(pos);
        Some(self.entries[pos].1)
    }

    pub fn trace(&self, m: &mut Marker) {
        for (_, k) in self.iter() {
            m.item(k);
        }
    }
}
