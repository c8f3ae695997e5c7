//! `set`/`frozenset` storage: CPython 3.11's open-addressing table (linear probes then
//! perturbation, the same growth rule), so iteration order — what `print({3, 1, 2})` shows —
//! is CPython's, plus an index of the full slots by hash that answers lookups.
//!
//! As in `dict.rs`, equality that needs Python is left to the caller: `probe` and `find`
//! report candidate slots they cannot decide, and the caller asks again with `assume_unequal`
//! once it has compared them.

use super::dict::table_hash;
use super::value::Value;
use crate::gc::Marker;
use hashbrown::HashTable;

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
/// passes but an insertion may reuse), or full. So a byte's high bit says full and, below it,
/// its low bit says dummy.
const EMPTY: u8 = 0;
const DUMMY: u8 = 1;
const FULL: u8 = 0x80;
/// An insertion's probe reads control bytes eight at a time, as one word.
const RUN: usize = 8;
/// `ctrl` runs this far past the table (all empty, never in a probe's window), so that a run
/// can start at any slot of a window, which is at most `LINEAR_PROBES + 1` long.
const PAD: usize = LINEAR_PROBES + 1 + RUN;

/// The high bit of every byte.
const HIGH: u64 = u64::MAX / 0xff * 0x80;

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

/// CPython's table is a control byte per slot and an entry array; where an entry goes is
/// CPython's probe (the last dummy passed before the first empty slot), which an insertion
/// reads eight control bytes at a time. A lookup, which CPython also answers by probing, goes
/// to `index` instead: under add/remove churn (nqueens) removes leave runs of dummies that
/// insertions at the last dummy keep moving along, and a probe passed ten slots on average.
pub struct Set {
    ctrl: Vec<u8>,
    /// (hash, key) of the slot with the same index, meaningful only where it is full.
    entries: Vec<(i64, Value)>,
    /// The full slots, by `table_hash` of their hash.
    index: HashTable<usize>,
    /// Whether a key whose equality may need `__eq__` was ever stored (`may_need_eq`): then
    /// lookups probe in CPython's order, so that `__eq__` is called on the same keys in the
    /// same order as CPython (the index could find an equal key first).
    opaque: bool,
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
            index: HashTable::new(),
            opaque: false,
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
        match self.find(hash, key, assume_unequal) {
            SetProbe::Missing => SetProbe::Absent(self.insertion_slot(hash)),
            found => found,
        }
    }

    /// Where `key` is, for lookups and removals: `probe` without the insertion slot.
    pub fn find(&self, hash: i64, key: Value, assume_unequal: bool) -> SetProbe {
        if self.opaque {
            return self.find_in_order(hash, key, assume_unequal);
        }
        // With no stored key that needs `__eq__`, an undecided comparison means that `key`
        // needs it, and then no stored key can be found equal without asking.
        let mut undecided = false;
        let hit = self.index.find(table_hash(hash), |&j| {
            let (h, k) = self.entries[j];
            h == hash
                && super::compare::fast_eq(k, key).unwrap_or_else(|| {
                    undecided = true;
                    false
                })
        });
        match hit {
            Some(&j) => SetProbe::Found(j),
            None if undecided && !assume_unequal => self.find_in_order(hash, key, false),
            None => SetProbe::Missing,
        }
    }

    /// `find` by CPython's probe, slot by slot, where `__eq__` may be needed: the keys only it
    /// can compare up to the first one found equal without it are asked about, in CPython's
    /// order (none if `assume_unequal`: the caller found them unequal).
    #[cold]
    #[inline(never)]
    fn find_in_order(&self, hash: i64, key: Value, assume_unequal: bool) -> SetProbe {
        let mut ask = Vec::new();
        for j in self.probe_slots(hash) {
            let (h, k) = self.entries[j];
            if self.ctrl[j] != FULL || h != hash {
                continue;
            }
            match super::compare::fast_eq(k, key) {
                Some(true) if ask.is_empty() => return SetProbe::Found(j),
                Some(true) => break,
                Some(false) => {}
                None if assume_unequal => {}
                None => ask.push(j),
            }
        }
        if ask.is_empty() {
            SetProbe::Missing
        } else {
            SetProbe::Ask(ask)
        }
    }

    /// The slots CPython's probe for `hash` passes, up to its first empty slot (not included).
    fn probe_slots(&self, hash: i64) -> impl Iterator<Item = usize> + '_ {
        let mask = self.entries.len() - 1;
        let (mut i, mut perturb) = (hash as u64 as usize & mask, hash as u64);
        let mut k = 0;
        std::iter::from_fn(move || {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            if k > probes {
                i = next_probe(i, &mut perturb, mask);
                k = 0;
            }
            k += 1;
            Some(i + k - 1)
        })
        .take_while(|&j| self.ctrl[j] != EMPTY)
    }

    /// Where CPython 3.11 inserts a key with this hash that is not in the set: the last dummy
    /// its probe passes before the first empty slot, or that empty slot.
    fn insertion_slot(&self, hash: i64) -> usize {
        let mask = self.entries.len() - 1;
        let mut i = hash as u64 as usize & mask;
        let mut perturb = hash as u64;
        let mut free = None;
        loop {
            // CPython probes slots `i..=i + LINEAR_PROBES` when they do not wrap, else slot `i`.
            // The second run is read only when the probe goes on past the first.
            let end = if i + LINEAR_PROBES <= mask {
                self.insertion_run(i, RUN, &mut free)
                    .or_else(|| self.insertion_run(i + RUN, LINEAR_PROBES + 1 - RUN, &mut free))
            } else {
                self.insertion_run(i, 1, &mut free)
            };
            if let Some(slot) = end {
                return slot;
            }
            i = next_probe(i, &mut perturb, mask);
        }
    }

    /// `insertion_slot` over slots `at..at + n` (`n` at most `RUN`): the slot if the probe
    /// ends in them, else none, with `free` the last dummy passed so far.
    #[inline(always)]
    fn insertion_run(&self, at: usize, n: usize, free: &mut Option<usize>) -> Option<usize> {
        let mut b = [EMPTY; RUN];
        b.copy_from_slice(&self.ctrl[at..at + RUN]);
        let g = u64::from_le_bytes(b);
        let run = HIGH >> (8 * (RUN - n));
        let empty = empty_bytes(g) & run;
        // The slots before the first empty one (all `n` if none): those a slot-by-slot probe
        // passes.
        let passed = empty.wrapping_sub(1) & !empty & run;
        let dummies = dummy_bytes(g) & passed;
        if dummies != 0 {
            *free = Some(at + (63 - dummies.leading_zeros() as usize) / 8);
        }
        (empty != 0).then(|| free.unwrap_or(at + empty.trailing_zeros() as usize / 8))
    }

    /// Inserts at the slot `probe` returned as `Absent`.
    pub fn insert_at(&mut self, slot: usize, hash: i64, key: Value) {
        if self.ctrl[slot] == EMPTY {
            self.fill += 1;
        }
        self.place(slot, hash, key);
        self.used += 1;
        if self.fill * 5 >= (self.entries.len() - 1) * 3 {
            self.resize(if self.used > 50000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
    }

    /// Fills `slot` and indexes it.
    fn place(&mut self, slot: usize, hash: i64, key: Value) {
        self.opaque |= super::compare::may_need_eq(key);
        self.ctrl[slot] = FULL;
        self.entries[slot] = (hash, key);
        let entries = &self.entries;
        self.index
            .insert_unique(table_hash(hash), slot, |&j| table_hash(entries[j].0));
    }

    pub fn remove_at(&mut self, slot: usize) {
        if self.ctrl[slot] != FULL {
            return;
        }
        self.ctrl[slot] = DUMMY;
        self.used -= 1;
        if let Ok(e) = self
            .index
            .find_entry(table_hash(self.entries[slot].0), |&j| j == slot)
        {
            e.remove();
        }
    }

    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(self, Set::with_size(size));
        let entries = &self.entries;
        self.index.reserve(old.used, |&j| table_hash(entries[j].0));
        for (hash, key) in old.iter() {
            let slot = self.insertion_slot(hash);
            self.place(slot, hash, key);
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
            .filter_map(|(&c, &e)| (c == FULL).then_some(e))
    }

    /// The entry at a table position at or after `pos`, and the next position, for iterators.
    pub fn next_from(&self, pos: usize) -> Option<(usize, Value)> {
        let ahead = self.ctrl[..self.entries.len()].get(pos..)?;
        let d = ahead.iter().position(|&c| c == FULL)?;
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
            .find(|&j| self.ctrl[j] == FULL)?;
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
