//! The insertion-ordered dict: a compact entries vector (tombstones on delete, compacted when
//! they dominate) plus a `hashbrown::HashTable` of entry indices keyed by the precomputed hash.
//!
//! Key equality may need Python (`__eq__`), which may mutate the dict, so lookups are split:
//! `probe` answers from what it can decide without calling Python (identity, str, numbers,
//! tuples of those) and otherwise returns the candidate indices for the VM to compare
//! (`vm::ops::dict`) with no borrow held.

use super::value::Value;
use crate::gc::Marker;
use hashbrown::HashTable;

#[derive(Clone, Copy)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Default)]
pub struct Dict {
    entries: Vec<Option<Entry>>,
    index: HashTable<usize>,
    len: usize,
    /// Renewed (from one process-wide counter, so no two states of any dicts share a number)
    /// whenever the set of keys or their positions change, not on a value update: an inline
    /// cache can remember "this key is at entry i" or "this key is absent".
    version: u64,
}

fn next_version() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The index table's hash of a Python hash. The table filters candidates by the top 7 bits
/// and Python hashes of small ints are the ints themselves (top bits all zero), so without the
/// multiply an int-keyed lookup compares its key with every entry of its probe group. An odd
/// multiplier keeps distinct low bits distinct, where the table picks the bucket.
#[inline]
pub(super) fn table_hash(hash: i64) -> u64 {
    (hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

pub enum Probe {
    Found(usize),
    Absent,
    /// Entries with the same hash whose keys need a Python `__eq__` to compare.
    Ask(Vec<usize>),
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn probe(&self, hash: i64, key: Value) -> Probe {
        let mut undecided = false;
        let hit =
            self.index
                .find(table_hash(hash), |&i| match &self.entries[i] {
                    Some(e) if e.hash == hash => super::compare::fast_eq(e.key, key)
                        .unwrap_or_else(|| {
                            undecided = true;
                            false
                        }),
                    _ => false,
                });
        match hit {
            Some(&i) => Probe::Found(i),
            None if undecided => self.probe_asking(hash, key),
            None => Probe::Absent,
        }
    }

    /// `probe` once a key only `__eq__` can compare has been met: all such keys, so that the
    /// hot path never builds the list.
    #[cold]
    #[inline(never)]
    fn probe_asking(&self, hash: i64, key: Value) -> Probe {
        let ask: Vec<usize> = self
            .index
            .iter_hash(table_hash(hash))
            .copied()
            .filter(|&i| {
                matches!(&self.entries[i], Some(e) if e.hash == hash
                    && super::compare::fast_eq(e.key, key).is_none())
            })
            .collect();
        Probe::Ask(ask)
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    /// The entry index of a key whose equality never needs Python.
    pub fn find_fast(&self, hash: i64, key: Value) -> Option<usize> {
        match self.probe(hash, key) {
            Probe::Found(i) => Some(i),
            _ => None,
        }
    }

    /// The value at entry `i` if that entry's key is `key` itself: an inline cache's check.
    #[inline]
    pub fn value_at_if_key(&self, i: usize, key: crate::gc::ObjRef) -> Option<Value> {
        match self.entries.get(i) {
            Some(Some(e)) if matches!(e.key, Value::Object(k) if k.ptr_eq(key)) => Some(e.value),
            _ => None,
        }
    }

    /// Lookup for keys whose equality never needs Python (str, int, ...).
    pub fn get_fast(&self, hash: i64, key: Value) -> Option<Value> {
        match self.probe(hash, key) {
            Probe::Found(i) => self.entries[i].map(|e| e.value),
            _ => None,
        }
    }

    pub fn entry(&self, i: usize) -> Option<Entry> {
        self.entries.get(i).copied().flatten()
    }

    pub fn set_value(&mut self, i: usize, v: Value) {
        if let Some(e) = &mut self.entries[i] {
            e.value = v;
        }
    }

    /// Appends a key known to be absent.
    pub fn push(&mut self, hash: i64, key: Value, value: Value) {
        if self.entries.len() > 16 && self.entries.len() > 2 * self.len {
            self.compact();
        }
        let i = self.entries.len();
        self.version = next_version();
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.index.insert_unique(table_hash(hash), i, |&j| {
            entries[j].map_or(0, |e| table_hash(e.hash))
        });
        self.len += 1;
    }

    pub fn remove_at(&mut self, i: usize) -> Option<Entry> {
        let e = self.entries.get_mut(i)?.take()?;
        self.version = next_version();
        if let Ok(slot) = self.index.find_entry(table_hash(e.hash), |&j| j == i) {
            slot.remove();
        }
        self.len -= 1;
        Some(e)
    }

    fn compact(&mut self) {
        self.version = next_version();
        let live: Vec<Entry> = self.entries.drain(..).flatten().collect();
        let mut index = HashTable::with_capacity(live.len());
        for (i, e) in live.iter().enumerate() {
            index.insert_unique(table_hash(e.hash), i, |&j: &usize| table_hash(live[j].hash));
        }
        self.index = index;
        self.entries = live.into_iter().map(Some).collect();
    }

    pub fn clear(&mut self) {
        self.version = next_version();
        self.entries.clear();
        self.index.clear();
        self.len = 0;
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = Entry> + '_ {
        self.entries.iter().flatten().copied()
    }

    /// Number of entry slots (live or dead); iteration by position uses it.
    pub fn capacity_index(&self) -> usize {
        self.entries.len()
    }

    /// Addresses of the entry vector itself, of its buffer and of the key version: compiled
    /// code's global loads read them at offsets measured once (`tier_up::helpers::dict_layout`).
    pub fn field_addrs(&self) -> (usize, usize, usize) {
        (
            &self.entries as *const Vec<Option<Entry>> as usize,
            self.entries.as_ptr() as usize,
            &self.version as *const u64 as usize,
        )
    }

    pub fn trace(&self, m: &mut Marker) {
        for e in self.entries.iter().flatten() {
            m.item(e.key);
            m.item(e.value);
        }
    }
}
