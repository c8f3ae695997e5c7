//! `set`/`frozenset` storage: CPython 3.11's open-addressing table (linear probes then
//! perturbation, the same growth rule), so iteration order — what `print({3, 1, 2})` shows —
//! is CPython's.
//!
//! As in `dict.rs`, equality that needs Python is left to the caller: `probe` reports candidate
//! slots it cannot decide, and the caller probes again with `assume_unequal` once it has asked.

use super::value::Value;
use crate::gc::Marker;
use std::ops::ControlFlow;

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
/// passes but an insertion may reuse), or full with seven bits of the entry's hash. So a byte's
/// high bit says full and, below it, its low bit says dummy.
const EMPTY: u8 = 0;
const DUMMY: u8 = 1;
const FULL: u8 = 0x80;
/// A probe reads control bytes eight at a time, as one word.
const RUN: usize = 8;
/// `ctrl` runs this far past the table (all empty, never in a probe's window), so that a run
/// can start at any slot of a window, which is at most `LINEAR_PROBES + 1` long.
const PAD: usize = LINEAR_PROBES + 1 + RUN;

/// The control byte of a full slot holding an entry with this hash.
#[inline]
fn tag(hash: i64) -> u8 {
    FULL | (hash as u8 & 0x7f)
}

/// The high bit of every byte.
const HIGH: u64 = u64::MAX / 0xff * 0x80;

/// The high bit of each byte of `g` that equals `b` (exact: no carry crosses a byte).
#[inline]
fn bytes_eq(g: u64, b: u8) -> u64 {
    const LO7: u64 = u64::MAX / 0xff * 0x7f;
    let x = g ^ (u64::MAX / 0xff * b as u64);
    !(((x & LO7) + LO7) | x | LO7)
}

/// The high bit of each byte of `g` that is empty.
#[inline]
fn empty_bytes(g: u64) -> u64 {
    !(g | g << 7) & HIGH
}

/// The high bit of each byte of `g` that is a dummy (its low bit, moved up, without its own
/// high bit).
#[inline]
fn dummy_bytes(g: u64) -> u64 {
    g << 7 & !g & HIGH
}

/// The table is a control byte per slot and an entry array: a probe reads the control bytes of
/// its window of up to ten slots as a word of eight and then one of two, and finds the empty,
/// dummy and matching slots in each with a few word operations, reading an entry only where the
/// byte matches the key's hash.
/// With one array of `enum { Empty, Dummy, Full(hash, key) }` slots, each slot passed was a
/// three-way branch on its state, mispredicted wherever dummies and entries alternate, as they
/// do under add/remove churn: nqueens spent a third of its time in `probe`.
pub struct Set {
    ctrl: Vec<u8>,
    /// (hash, key) of the slot with the same index, meaningful only where it is full.
    entries: Vec<(i64, Value)>,
    fill: usize,
    used: usize,
    /// Where `pop` starts looking (CPython's `finger`), so that popping repeatedly does not
    /// rescan the dummies it left; kept through resizes and `clear`, as CPython keeps it.
    finger: usize,
}

pub enum SetProbe {
    Found(usize),
    /// Not present; the slot where it would be inserted (`probe`).
    Absent(usize),
    /// Not present (`find`, which does not look for the insertion slot).
    Missing,
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
            ctrl: vec![EMPTY; size + PAD],
            entries: vec![(0, Value::None); size],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Where `key` is, or the slot where it would be inserted.
    pub fn probe(&self, hash: i64, key: Value, assume_unequal: bool) -> SetProbe {
        self.probe_with::<true>(hash, key, assume_unequal)
    }

    /// Where `key` is, for lookups and removals: `probe` without tracking the dummies passed
    /// for an insertion slot.
    pub fn find(&self, hash: i64, key: Value, assume_unequal: bool) -> SetProbe {
        self.probe_with::<false>(hash, key, assume_unequal)
    }

    #[inline(always)]
    fn probe_with<const INSERT: bool>(
        &self,
        hash: i64,
        key: Value,
        assume_unequal: bool,
    ) -> SetProbe {
        match self.search::<INSERT>(hash, key, |_| assume_unequal) {
            Some(found) => found,
            None => self.probe_asking::<INSERT>(hash, key),
        }
    }

    /// `probe` once a key that only `__eq__` can tell apart has been met: the rest of the
    /// probe collects all such keys, so that the hot path never builds the list.
    #[cold]
    #[inline(never)]
    fn probe_asking<const INSERT: bool>(&self, hash: i64, key: Value) -> SetProbe {
        let mut ask = Vec::new();
        let found = self.search::<INSERT>(hash, key, |j| {
            ask.push(j);
            true
        });
        match found {
            Some(SetProbe::Absent(_) | SetProbe::Missing) if !ask.is_empty() => SetProbe::Ask(ask),
            Some(found) => found,
            None => unreachable!("the search goes on past every undecided key"),
        }
    }

    /// CPython's probe for `key`: where it is, or where it would be inserted (`Missing` unless
    /// `INSERT`). A stored key whose equality only `__eq__` can decide goes to `undecided`,
    /// which says whether to go on (taking the two as unequal) or to stop with `None`.
    #[inline(always)]
    fn search<const INSERT: bool>(
        &self,
        hash: i64,
        key: Value,
        mut undecided: impl FnMut(usize) -> bool,
    ) -> Option<SetProbe> {
        let mask = self.entries.len() - 1;
        let mut i = hash as u64 as usize & mask;
        let mut perturb = hash as u64;
        // CPython 3.11 inserts at the last dummy passed, not the first; `usize::MAX` is none.
        let mut free = usize::MAX;
        loop {
            // CPython probes slots `i..=i + LINEAR_PROBES` when they do not wrap, else slot `i`.
            // The second run is read only when the probe goes on past the first: about half
            // the windows under nqueens' churn.
            let end = if i + LINEAR_PROBES <= mask {
                match self.search_run::<INSERT>(i, RUN, hash, key, &mut free, &mut undecided) {
                    ControlFlow::Continue(()) => self.search_run::<INSERT>(
                        i + RUN,
                        LINEAR_PROBES + 1 - RUN,
                        hash,
                        key,
                        &mut free,
                        &mut undecided,
                    ),
                    end => end,
                }
            } else {
                self.search_run::<INSERT>(i, 1, hash, key, &mut free, &mut undecided)
            };
            if let ControlFlow::Break(found) = end {
                return found;
            }
            i = next_probe(i, &mut perturb, mask);
        }
    }

    /// `search` over slots `at..at + n` (`n` at most `RUN`): breaks with the search's answer if
    /// the probe ends in them, else goes on with `free` the last dummy passed so far.
    #[inline(always)]
    fn search_run<const INSERT: bool>(
        &self,
        at: usize,
        n: usize,
        hash: i64,
        key: Value,
        free: &mut usize,
        undecided: &mut impl FnMut(usize) -> bool,
    ) -> ControlFlow<Option<SetProbe>> {
        let mut b = [EMPTY; RUN];
        b.copy_from_slice(&self.ctrl[at..at + RUN]);
        let g = u64::from_le_bytes(b);
        let run = HIGH >> (8 * (RUN - n));
        let empty = empty_bytes(g) & run;
        // The slots before the first empty one (all `n` if none): those a slot-by-slot probe
        // passes.
        let passed = empty.wrapping_sub(1) & !empty & run;
        let mut matches = bytes_eq(g, tag(hash)) & passed;
        while matches != 0 {
            let j = at + matches.trailing_zeros() as usize / 8;
            matches &= matches - 1;
            let (h, k) = self.entries[j];
            if h == hash {
                match super::compare::fast_eq(k, key) {
                    Some(true) => return ControlFlow::Break(Some(SetProbe::Found(j))),
                    Some(false) => {}
                    None if undecided(j) => {}
                    None => return ControlFlow::Break(None),
                }
            }
        }
        if !INSERT {
            return match empty {
                0 => ControlFlow::Continue(()),
                _ => ControlFlow::Break(Some(SetProbe::Missing)),
            };
        }
        let dummies = dummy_bytes(g) & passed;
        if dummies != 0 {
            *free = at + (63 - dummies.leading_zeros() as usize) / 8;
        }
        match (empty, *free) {
            (0, _) => ControlFlow::Continue(()),
            (_, usize::MAX) => ControlFlow::Break(Some(SetProbe::Absent(
                at + empty.trailing_zeros() as usize / 8,
            ))),
            (_, free) => ControlFlow::Break(Some(SetProbe::Absent(free))),
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
        self.finger = old.finger;
    }

    pub fn clear(&mut self) {
        *self = Set {
            finger: self.finger,
            ..Set::new()
        };
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

    /// Removes and returns an arbitrary element: CPython's, the first in table order from the
    /// slot after the one the last `pop` took (wrapping around).
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let size = self.entries.len();
        let start = self.finger & (size - 1);
        let pos = (start..size)
            .chain(0..start)
            .find(|&j| self.ctrl[j] >= FULL)?;
        self.remove_at(pos);
        self.finger = pos + 1;
        Some(self.entries[pos].1)
    }

    pub fn trace(&self, m: &mut Marker) {
        for (_, k) in self.iter() {
            m.item(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CPython 3.11's `set_add_entry`, one slot at a time: where `key` (an int, its own hash)
    /// is, or the slot it would be inserted at.
    fn probe_slotwise(s: &Set, key: i64) -> Result<usize, usize> {
        let mask = s.entries.len() - 1;
        let mut i = key as u64 as usize & mask;
        let mut perturb = key as u64;
        let mut free = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match s.ctrl[j] {
                    EMPTY => return Err(free.unwrap_or(j)),
                    DUMMY => free = Some(j),
                    _ if matches!(s.entries[j], (h, Value::Int(k)) if h == key && k == key) => {
                        return Ok(j)
                    }
                    _ => {}
                }
            }
            i = next_probe(i, &mut perturb, mask);
        }
    }

    #[test]
    fn probes_match_cpythons_slot_by_slot_loop() {
        let mut x = 0x2545_f491u32;
        let mut s = Set::new();
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            // Keys from a narrow range, some negative (hashes wrap to the table's end), so
            // that adds and removes of the same keys leave runs of dummies.
            let key = (x % 61) as i64 - 20;
            let want = probe_slotwise(&s, key);
            let (probe, find) = (
                s.probe(key, Value::Int(key), false),
                s.find(key, Value::Int(key), false),
            );
            match (want, probe, find) {
                (Ok(j), SetProbe::Found(p), SetProbe::Found(f)) if j == p && j == f => {
                    if x & 0x100 != 0 {
                        s.remove_at(j);
                    }
                }
                (Err(j), SetProbe::Absent(p), SetProbe::Missing) if j == p => {
                    s.insert_at(j, key, Value::Int(key));
                }
                _ => panic!("key {key}: probes disagree with the slot-by-slot loop"),
            }
        }
    }
}
