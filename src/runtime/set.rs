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

#[derive(Clone, Copy)]
enum Slot {
    Empty,
    Dummy,
    Full(i64, Value),
}

pub struct Set {
    table: Vec<Slot>,
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
        Set {
            table: vec![Slot::Empty; MIN_SIZE],
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

    pub fn probe(&self, hash: i64, key: Value, assume_unequal: bool) -> SetProbe {
        let table = &self.table[..];
        let mask = table.len() - 1;
        let mut i = hash as u64 as usize & mask;
        let mut perturb = hash as u64;
        let mut free = None;
        let mut ask = Vec::new();
        loop {
            let last = if i + LINEAR_PROBES <= mask {
                i + LINEAR_PROBES
            } else {
                i
            };
            // Iterating the sub-slice, not indexing, leaves no bounds check in the loop.
            for (d, slot) in table[i..=last].iter().enumerate() {
                let j = i + d;
                match *slot {
                    Slot::Empty => {
                        if !ask.is_empty() {
                            return SetProbe::Ask(ask);
                        }
                        return SetProbe::Absent(free.unwrap_or(j));
                    }
                    // CPython 3.11 inserts at the last dummy passed, not the first.
                    Slot::Dummy => free = Some(j),
                    Slot::Full(h, k) if h == hash => match super::compare::fast_eq(k, key) {
                        Some(true) => return SetProbe::Found(j),
                        Some(false) => {}
                        None if assume_unequal => {}
                        None => ask.push(j),
                    },
                    Slot::Full(..) => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// Inserts at the slot `probe` returned as `Absent`.
    pub fn insert_at(&mut self, slot: usize, hash: i64, key: Value) {
        if matches!(self.table[slot], Slot::Empty) {
            self.fill += 1;
        }
        self.table[slot] = Slot::Full(hash, key);
        self.used += 1;
        if self.fill * 5 >= (self.table.len() - 1) * 3 {
            self.resize(if self.used > 50000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
    }

    pub fn remove_at(&mut self, slot: usize) {
        if let Slot::Full(..) = self.table[slot] {
            self.table[slot] = Slot::Dummy;
            self.used -= 1;
        }
    }

    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; size]);
        let mask = size - 1;
        for s in old {
            if let Slot::Full(hash, key) = s {
                let mut i = hash as u64 as usize & mask;
                let mut perturb = hash as u64;
                'find: loop {
                    let probes = if i + LINEAR_PROBES <= mask {
                        LINEAR_PROBES
                    } else {
                        0
                    };
                    for j in i..=i + probes {
                        if matches!(self.table[j], Slot::Empty) {
                            self.table[j] = Slot::Full(hash, key);
                            break 'find;
                        }
                    }
                    perturb >>= PERTURB_SHIFT;
                    i = (i
                        .wrapping_mul(5)
                        .wrapping_add(1)
                        .wrapping_add(perturb as usize))
                        & mask;
                }
            }
        }
        self.fill = self.used;
    }

    pub fn clear(&mut self) {
        *self = Set::new();
    }

    /// (hash, key) of live entries in table order.
    pub fn iter(&self) -> impl Iterator<Item = (i64, Value)> + '_ {
        self.table.iter().filter_map(|s| match *s {
            Slot::Full(h, k) => Some((h, k)),
            _ => None,
        })
    }

    /// The entry at a table position at or after `pos`, and the next position, for iterators.
    pub fn next_from(&self, mut pos: usize) -> Option<(usize, Value)> {
        while pos < self.table.len() {
            if let Slot::Full(_, k) = self.table[pos] {
                return Some((pos + 1, k));
            }
            pos += 1;
        }
        None
    }

    /// Removes and returns an arbitrary element (the first in table order).
    pub fn pop(&mut self) -> Option<Value> {
        let pos = self
            .table
            .iter()
            .position(|s| matches!(s, Slot::Full(..)))?;
        let Slot::Full(_, k) = self.table[pos] else {
            return None;
        };
        self.remove_at(pos);
        Some(k)
    }

    pub fn trace(&self, m: &mut Marker) {
        for (_, k) in self.iter() {
            m.item(k);
        }
    }
}
