//! The heap: a precise, non-moving, tracing mark-sweep collector, and the only home of `unsafe`
//! in the VM.
//!
//! Invariants the rest of pylift relies on:
//! - Every heap object is a `GcBox` in a used slot of a slab (never freed); an `ObjRef` is a
//!   pointer to one. Objects never move.
//! - Allocation never collects. A collection runs only when the interpreter calls
//!   `collect` at a safepoint, with every live `Value` reachable from the roots it marks (the
//!   register stack, frames, globals, interned strings, builtins, the in-flight exception and the
//!   root stack that Rust code uses while it calls back into Python).
//! - So an `ObjRef` held by Rust code stays valid until the next safepoint at which it is not
//!   reachable from a root; dereferencing it (`Deref`) is sound under that rule.
//! - In stress mode of debug builds, unreachable objects are not freed but poisoned (see
//!   `collect`), so a missing root fails fast instead of corrupting memory later.
//! - Marking uses an explicit worklist, never recursion, so deep structures cannot overflow the
//!   Rust stack.

use crate::runtime::object::Object;
use crate::runtime::value::Value;
use std::cell::{Cell, RefCell};
use std::ptr::NonNull;

pub mod roots;
pub mod system_alloc;
pub mod text;

/// A heap cell: the object. Its state bits are in its slab's header, not beside it: a state
/// byte took a whole word in every box (80 bytes instead of 72).
pub struct GcBox {
    obj: Object,
}

/// A slab's size and alignment: a box's slab header is found by masking its address.
const SLAB_BYTES: usize = 1 << 16;
const BOX_SIZE: usize = std::mem::size_of::<GcBox>();
const WORDS: usize = (SLAB_BYTES / BOX_SIZE).div_ceil(64);

/// The start of a slab: one bit per slot in each map; the slots follow.
struct SlabHeader {
    /// Slots holding an object, reachable or not yet collected.
    used: [Cell<u64>; WORDS],
    /// Slots the collection under way found reachable.
    marked: [Cell<u64>; WORDS],
    /// Stress mode of debug builds: slots holding an unreachable object's tombstone, kept and
    /// never reused.
    poisoned: [Cell<u64>; WORDS],
}

const HEADER: usize = std::mem::size_of::<SlabHeader>().next_multiple_of(8);
const SLAB_BOXES: usize = (SLAB_BYTES - HEADER) / BOX_SIZE;
const _: () = assert!(SLAB_BOXES <= WORDS * 64 && std::mem::align_of::<GcBox>() <= 8);

/// The header of `p`'s slab, and the word and bit of `p`'s slot in its maps.
#[inline]
fn slot_bits(p: *const GcBox) -> (&'static SlabHeader, usize, u64) {
    let addr = p as usize;
    let base = addr & !(SLAB_BYTES - 1);
    let i = (addr - base - HEADER) / BOX_SIZE;
    // SAFETY: every slot is in a slab, which starts `SLAB_BYTES`-aligned with its header
    // (written by `grow`) and is never freed.
    let header = unsafe { &*(base as *const SlabHeader) };
    (header, i / 64, 1 << (i % 64))
}

/// A reference to a heap object. `Copy`; valid as long as the object is reachable from a root
/// at every safepoint it lives across.
#[derive(Clone, Copy)]
pub struct ObjRef(NonNull<GcBox>);

impl ObjRef {
    #[inline]
    pub fn ptr_eq(self, other: ObjRef) -> bool {
        self.0 == other.0
    }

    /// The address, used as `id()` and for identity hashing.
    #[inline]
    pub fn addr(self) -> usize {
        self.0.as_ptr() as usize
    }

    /// The object at `addr`, an address `addr` gave (compiled code holds objects by address).
    ///
    /// # Safety
    /// The object must still be alive (reachable from a root), so that its box was not reused.
    pub unsafe fn from_addr(addr: usize) -> Option<ObjRef> {
        NonNull::new(addr as *mut GcBox).map(ObjRef)
    }
}

impl PartialEq for ObjRef {
    fn eq(&self, other: &ObjRef) -> bool {
        self.0 == other.0
    }
}
impl Eq for ObjRef {}

impl std::fmt::Debug for ObjRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ObjRef({:#x})", self.addr())
    }
}

impl ObjRef {
    /// The object. The reference may be kept until the next safepoint at which the object is
    /// unreachable from the roots (the module invariant), not beyond.
    #[inline]
    pub fn get<'a>(self) -> &'a Object {
        // SAFETY: the box was leaked by `alloc` and is freed only by `collect`, which frees only
        // objects unreachable from the roots at a safepoint; by the module invariant no Rust
        // code dereferences such a reference after that safepoint.
        unsafe { &(*self.0.as_ptr()).obj }
    }
}

impl std::ops::Deref for ObjRef {
    type Target = Object;
    #[inline]
    fn deref(&self) -> &Object {
        self.get()
    }
}

/// Sets `o`'s mark bit; false if it was set already.
#[inline]
fn set_mark(o: ObjRef) -> bool {
    // SAFETY: `o` is reachable from a root, so its box is live (see `Deref`).
    let (header, w, bit) = slot_bits(o.0.as_ptr());
    // A root that refers to a freed slot (a register left above the top across a collection,
    // see `Vm::collect`) would make the slot used again: caught here in debug builds.
    debug_assert!(header.used[w].get() & bit != 0, "marking a free slot");
    let marked = &header.marked[w];
    let was = marked.get();
    marked.set(was | bit);
    was & bit == 0
}

/// Marks objects reachable from what it is given, using an explicit worklist.
pub struct Marker {
    work: Vec<ObjRef>,
    /// The `extra_size` of every object marked so far, counted as each is traced (or, for a
    /// leaf, marked), so that the sweep never reads a live object.
    extra: usize,
    /// The class of the last leaf `item` marked.
    leaf_cls: ObjRef,
}

impl Marker {
    #[inline]
    pub fn obj(&mut self, o: ObjRef) {
        if set_mark(o) {
            self.work.push(o);
        }
    }

    #[inline]
    pub fn value(&mut self, v: Value) {
        if let Value::Object(o) = v {
            self.obj(o);
        }
    }

    /// A sequence's items (a list's, a tuple's): see `item`.
    pub fn values(&mut self, vs: &[Value]) {
        for &v in vs {
            self.item(v);
        }
    }

    /// An item of a container (a sequence's, a dict's, a set's): a leaf references nothing but
    /// its class, so it is done here and never queued (a list of 500,000 strs grew the worklist
    /// to 4 MiB, and every str key of a dict cost a push, a pop and a call of `trace`). A class
    /// is not a leaf, so this goes no deeper. Single references (`obj`) skip the test: it made
    /// `obj` too large to inline, 10% more instructions in stress mode.
    #[inline(always)]
    pub fn item(&mut self, v: Value) {
        let Value::Object(o) = v else { return };
        if !set_mark(o) {
            return;
        }
        match o.leaf_size() {
            Some(extra) => {
                self.extra += extra;
                // Leaves come in runs of one class (a dict's str keys), marked once.
                let cls = o.cls.get();
                if !cls.ptr_eq(self.leaf_cls) {
                    self.leaf_cls = cls;
                    self.obj(cls);
                }
            }
            None => self.work.push(o),
        }
    }
}

/// Collector state: the slabs every object lives in, and the allocation accounting that decides
/// when to collect.
pub struct Heap {
    /// Every slab, each `SLAB_BOXES` slots long. The sweep walks them, so the heap keeps no
    /// per-object list: a vector of every object's address, and another of every free slot's,
    /// cost up to 24 bytes an object beside its 80 (word_freq's peak held 8 MiB of them for a
    /// million slots).
    slabs: Vec<NonNull<SlabHeader>>,
    /// Objects in the slabs (neither free nor poisoned).
    objects: usize,
    allocated_since: usize,
    /// Bytes the last sweep found alive (boxes and their `extra_size`).
    live: usize,
    threshold: usize,
    enabled: bool,
    stress: bool,
    collections: u64,
    /// Safepoints passed since the last collection (stress mode's pacing).
    safepoints: usize,
    /// Stress mode in debug builds: unreachable objects are poisoned and kept, not freed.
    poison: bool,
    /// Where allocation takes its next slot: every heap object has the same size, so boxes come
    /// from slabs of `SLAB_BOXES`, found free in the `used` maps, instead of a malloc/free pair
    /// per object (a fifth of the time of allocation-heavy programs went to glibc's allocator,
    /// mostly its slow path). Slabs are never returned: the box memory a run holds is its peak
    /// count of objects, live or awaiting collection.
    cursor: Cursor,
}

/// A position in the slabs' `used` maps: slab `slab`, word `word`, whose free slots not yet
/// handed out are the bits of `avail`. A sweep starts it again at the first slab; allocation
/// moves it forward, so the sweep never touches a free slot.
struct Cursor {
    slab: usize,
    word: usize,
    avail: u64,
    /// That word of the `used` map, and the slot its bit 0 stands for.
    used: &'static Cell<u64>,
    slots: *mut GcBox,
}

impl Cursor {
    /// At word `word` of slab `slab` (which exists), with its free slots available.
    fn at(slabs: &[NonNull<SlabHeader>], slab: usize, word: usize) -> Cursor {
        // SAFETY: a slab's header lives as long as the heap, which lives as long as the thread
        // and is only reached through it.
        let header: &'static SlabHeader = unsafe { slabs[slab].as_ref() };
        let used = &header.used[word];
        Cursor {
            slab,
            word,
            avail: !used.get() & valid_bits(word),
            used,
            slots: first_slot(slabs[slab]).wrapping_add(word * 64),
        }
    }
}

/// Allocation before the first collection, and after each as far as free slots hold it.
const MIN_THRESHOLD: usize = 4 << 20;
/// Allocation between collections however full the slabs are: 1 MiB had dict_str (a heap of
/// about 5 MiB) collect three times as often as with a 4 MiB floor, 5% more instructions.
const MIN_GROWTH: usize = 2 << 20;
/// Allocation since the last collection below which full slabs grow without collecting first,
/// so that a small heap whose slabs are all live is not collected at every new slab.
const MIN_FULL_COLLECT: usize = 1 << 20;
/// The live heap beyond which full slabs grow by the whole budget (see `collect_before_growing`).
const MAX_FULL_COLLECT: usize = 16 << 20;
// Every heap object pays the box size: a `Kind` variant that would grow it must be boxed.
const _: () = assert!(BOX_SIZE <= 64, "GcBox grew");

thread_local! {
    /// Set when a safepoint may have to collect (the allocation budget is spent, or stress
    /// mode): the common safepoint then costs one flag test instead of borrowing the heap.
    static MAY_COLLECT: Cell<bool> = const { Cell::new(false) };
    static HEAP: RefCell<Heap> = RefCell::new(Heap {
        slabs: Vec::new(),
        objects: 0,
        allocated_since: 0,
        live: 0,
        threshold: MIN_THRESHOLD,
        enabled: true,
        stress: std::env::var("PYLIFT_GC_STRESS").is_ok_and(|v| !v.is_empty() && v != "0"),
        collections: 0,
        safepoints: 0,
        poison: cfg!(debug_assertions)
            && std::env::var("PYLIFT_GC_STRESS").is_ok_and(|v| !v.is_empty() && v != "0"),
        // No slab yet: the first allocation adds one. `used` is never written while `avail`
        // is empty.
        cursor: Cursor {
            slab: 0,
            word: 0,
            avail: 0,
            used: Box::leak(Box::new(Cell::new(0))),
            slots: std::ptr::null_mut(),
        },
    });
}

/// The bits of word `w` of a slab's maps that stand for slots.
fn valid_bits(w: usize) -> u64 {
    match SLAB_BOXES.saturating_sub(w * 64) {
        n if n >= 64 => !0,
        n => (1u64 << n) - 1,
    }
}

/// The first slot of the slab at `header`.
fn first_slot(header: NonNull<SlabHeader>) -> *mut GcBox {
    header.as_ptr().cast::<u8>().wrapping_add(HEADER).cast()
}

impl Heap {
    /// Moves the cursor to the next word with a free slot, adding a slab when none has one.
    #[cold]
    fn advance(&mut self) {
        let (mut slab, mut word) = (self.cursor.slab, self.cursor.word);
        loop {
            if slab == self.slabs.len() {
                self.collect_before_growing();
                self.grow();
            }
            self.cursor = Cursor::at(&self.slabs, slab, word);
            if self.cursor.avail != 0 {
                return;
            }
            word += 1;
            if word == WORDS {
                word = 0;
                slab += 1;
            }
        }
    }

    /// Called when every slot is taken: asks the next safepoint to collect, if enough has been
    /// allocated since the last collection that it may be garbage, rather than let the heap
    /// grow by the rest of the allocation budget. A structure that dies all at once otherwise
    /// lived on beside that much new allocation: binary_trees' dead stretch tree beside the
    /// next tree's first 2 MiB, a fifth of its peak heap. In a phase where everything
    /// survives, this costs a collection per eighth of the live heap allocated, not a quarter:
    /// twice the marking, which a program building 200 MiB of tuples paid with 15-20% more
    /// time. So only heaps of up to `MAX_FULL_COLLECT` live bytes, whose marking is short.
    fn collect_before_growing(&mut self) {
        if self.collections > 0
            && self.live <= MAX_FULL_COLLECT
            && self.allocated_since >= (self.live / 8).max(MIN_FULL_COLLECT)
        {
            self.threshold = self.threshold.min(self.allocated_since);
            MAY_COLLECT.with(|c| c.set(true));
        }
    }

    /// Adds an empty slab at the end.
    fn grow(&mut self) {
        let layout =
            std::alloc::Layout::from_size_align(SLAB_BYTES, SLAB_BYTES).expect("a power of two");
        // SAFETY: the layout has a non-zero size.
        let base = unsafe { std::alloc::alloc(layout) };
        let Some(header) = NonNull::new(base.cast::<SlabHeader>()) else {
            std::alloc::handle_alloc_error(layout)
        };
        // SAFETY: the new block is `SLAB_BYTES` long and aligned, so the header fits at its
        // start (its slots, from `HEADER`, `SLAB_BOXES` of them, fit after it, all unused).
        unsafe {
            header.as_ptr().write(SlabHeader {
                used: [const { Cell::new(0) }; WORDS],
                marked: [const { Cell::new(0) }; WORDS],
                poisoned: [const { Cell::new(0) }; WORDS],
            });
        }
        self.slabs.push(header);
    }
}

/// Moves an object to the heap. Never collects.
pub fn alloc(obj: Object) -> ObjRef {
    let extra = obj.extra_size();
    let contents = GcBox { obj };
    HEAP.with(|h| {
        let mut h = h.borrow_mut();
        if h.cursor.avail == 0 {
            h.advance();
        }
        let c = &mut h.cursor;
        let avail = c.avail;
        c.avail = avail & (avail - 1);
        c.used.set(c.used.get() | (avail & avail.wrapping_neg()));
        let slot = c.slots.wrapping_add(avail.trailing_zeros() as usize);
        // SAFETY: the slot is in its slab (`valid_bits`) and was unused in its map, so it holds
        // no object: writing a new box over it overwrites nothing live.
        unsafe { slot.write(contents) };
        let ptr = NonNull::new(slot).expect("a slot of a slab");
        h.objects += 1;
        h.allocated_since += BOX_SIZE + extra;
        if h.allocated_since > h.threshold || h.stress {
            MAY_COLLECT.with(|c| c.set(true));
        }
        ObjRef(ptr)
    })
}

/// An array of `N` `Value::None`s, zero-filled by the allocator: a large one is fresh pages the
/// OS fills on first touch, so the register stack costs only the memory a program reaches.
pub fn zeroed_values<const N: usize>() -> Box<[Value; N]> {
    const { assert!(pylift_jit::abi::TAG_NONE == 0 && N > 0) };
    let layout = std::alloc::Layout::new::<[Value; N]>();
    // SAFETY: the layout has a non-zero size (asserted above).
    let p = unsafe { std::alloc::alloc_zeroed(layout) }.cast::<[Value; N]>();
    if p.is_null() {
        std::alloc::handle_alloc_error(layout)
    }
    // SAFETY: `p` is a fresh allocation with the array's layout, and its all-zero bytes are `N`
    // valid `Value::None`s (a zero tag word, asserted above, and no payload); the box owns it and frees it with that layout.
    unsafe { Box::from_raw(p) }
}

/// Allocates an object that is its own class (`type`).
pub fn alloc_self_typed(kind: crate::runtime::object::Kind) -> ObjRef {
    let o = alloc(Object::new(ObjRef(NonNull::dangling()), kind));
    o.cls.set(o);
    o
}

/// Objects per extra safepoint between stress collections: a stress run collects at every
/// safepoint while the heap is small (every test program's usual size) and every
/// `live / STRESS_PACE` safepoints beyond, so a program that builds a large structure still
/// finishes in stress mode.
const STRESS_PACE: usize = 2048;

/// The address of the flag that says a safepoint may have to collect, as a byte: compiled code
/// tests it at direct calls and back-edges, so that code running without frames of its own
/// (`tier_up`'s direct calls) leaves for a safepoint when the allocation budget is spent.
pub fn may_collect_addr() -> usize {
    MAY_COLLECT.with(|c| c.as_ptr() as usize)
}

/// True when a safepoint should collect now.
#[inline]
pub fn should_collect() -> bool {
    if !MAY_COLLECT.with(|c| c.get()) {
        return false;
    }
    HEAP.with(|h| {
        let mut h = h.borrow_mut();
        if !h.enabled {
            return false;
        }
        if h.stress {
            h.safepoints += 1;
            return h.safepoints > h.objects / STRESS_PACE;
        }
        h.allocated_since > h.threshold
    })
}

/// Runs a full collection. `mark_roots` must mark every root. Returns the number of objects freed.
pub fn collect(mark_roots: impl FnOnce(&mut Marker)) -> usize {
    let mut m = Marker {
        work: Vec::with_capacity(256),
        extra: 0,
        leaf_cls: ObjRef(NonNull::dangling()),
    };
    mark_roots(&mut m);
    roots::mark_root_stack(&mut m);
    while let Some(o) = m.work.pop() {
        m.extra += o.extra_size();
        o.trace(&mut m);
    }
    HEAP.with(|h| {
        let mut h = h.borrow_mut();
        let h = &mut *h;
        let poison = h.poison;
        let mut freed = 0;
        // Every marked object was counted by the marker: its box here, its extra size there.
        let mut live = m.extra;
        for &header in &h.slabs {
            let first = first_slot(header);
            // SAFETY: a slab's header lives as long as the heap.
            let header = unsafe { header.as_ref() };
            for w in 0..WORDS {
                let marked = header.marked[w].get();
                let mut poisoned = header.poisoned[w].get();
                let dead = header.used[w].get() & !marked & !poisoned;
                live += marked.count_ones() as usize * BOX_SIZE;
                let mut bits = dead;
                while bits != 0 {
                    let bit = bits & bits.wrapping_neg();
                    let p = first.wrapping_add(w * 64 + bits.trailing_zeros() as usize);
                    bits &= bits - 1;
                    freed += 1;
                    crate::runtime::class::forget_dead(ObjRef(NonNull::new(p).expect("in a slab")));
                    if poison {
                        // SAFETY: the object is unreachable from every root and no Rust
                        // reference to it is live (we are inside a collection); replacing it
                        // drops its contents and leaves a tombstone whose class is itself, not
                        // a type, so any later use through a missed root panics in `type_obj`
                        // instead of reading freed memory. The slot is never reused.
                        unsafe {
                            (*p).obj = Object::new(
                                ObjRef(NonNull::new(p).expect("in a slab")),
                                crate::runtime::object::Kind::Instance,
                            );
                        }
                        poisoned |= bit;
                    } else {
                        // SAFETY: the object is unreachable from every root, so no `ObjRef` to
                        // it will be dereferenced again and nothing borrows it; its attributes
                        // box is moved out (for reuse) before its slot's contents are dropped,
                        // and the slot is marked unused below, so they are dropped exactly once.
                        unsafe {
                            if let Some(a) = (*p).obj.attrs.take() {
                                crate::runtime::shape::recycle(a);
                            }
                            std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).obj));
                        }
                    }
                }
                header.used[w].set(marked | poisoned);
                header.marked[w].set(0);
                header.poisoned[w].set(poisoned);
            }
        }
        if !h.slabs.is_empty() {
            h.cursor = Cursor::at(&h.slabs, 0, 0);
        }
        h.objects -= freed;
        // Peak memory is about the live heap plus this much garbage. A quarter of the live heap
        // (half before) cut word_freq's peak RSS by 13 MiB for 0.7% more instructions; the
        // sweep walks slabs, not per-object vectors, so collecting more often costs little.
        // The floor that spares a small heap frequent collections is granted only as far as
        // the slabs' free slots hold it: beyond them it grew the heap by 4 MiB of garbage
        // (binary_trees' dead stretch tree lived on beside the next tree's first 4 MiB).
        let free = (h.slabs.len() * SLAB_BOXES - h.objects) * BOX_SIZE;
        h.threshold = (live / 4).max(MIN_GROWTH).max(free.min(MIN_THRESHOLD));
        h.allocated_since = 0;
        h.live = live;
        h.safepoints = 0;
        MAY_COLLECT.with(|c| c.set(h.stress));
        h.collections += 1;
        freed
    })
}

pub fn set_enabled(on: bool) {
    HEAP.with(|h| h.borrow_mut().enabled = on);
}

pub fn is_enabled() -> bool {
    HEAP.with(|h| h.borrow().enabled)
}

/// (objects allocated since the last collection approximated in boxes, collections, live objects)
pub fn counts() -> (usize, u64, usize) {
    HEAP.with(|h| {
        let h = h.borrow();
        (h.allocated_since / BOX_SIZE, h.collections, h.objects)
    })
}

/// Reads a register as its two words, one load each. A register is mostly written as two word
/// stores (a tag and a payload computed apart), and a 16-byte load of it (how a `Value` is
/// copied) cannot be forwarded from those two stores: it waits until they reach the cache.
/// On the interpreter's reads that wait cost nbody and spectral_norm about an eighth of their
/// time.
#[inline(always)]
pub fn load_value(slot: &Value) -> Value {
    let p = (slot as *const Value).cast::<std::mem::MaybeUninit<u64>>();
    // SAFETY: a `Value` is two words (asserted in `value.rs`) and `slot` is a live one; copying
    // them as `MaybeUninit` keeps every byte, initialised or not, so the result equals `*slot`.
    unsafe {
        std::mem::transmute::<[std::mem::MaybeUninit<u64>; 2], Value>([p.read(), p.add(1).read()])
    }
}

/// Writes a register word by word, the counterpart of `load_value`: a value read as two words
/// and kept on the native stack meanwhile is spilled as two words, and a 16-byte copy of it
/// into the register would wait for them as a 16-byte read of the register would.
#[inline(always)]
pub fn store_value(slot: &mut Value, v: Value) {
    let words = (&raw const v).cast::<std::mem::MaybeUninit<u64>>();
    let p = (slot as *mut Value).cast::<std::mem::MaybeUninit<u64>>();
    // SAFETY: both are live `Value`s of two words (asserted in `value.rs`), `slot` writable;
    // copying the words as `MaybeUninit` keeps every byte, so `*slot` becomes equal to `v`.
    unsafe {
        p.write(words.read());
        p.add(1).write(words.add(1).read());
    }
}

/// Copies values word by word (`load_value`): registers just written, read by a block copy,
/// would wait for their stores to reach the cache.
#[inline(always)]
pub fn load_values(dst: &mut [Value], src: &[Value]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d = load_value(s);
    }
}

/// A vector of registers' values, copied word by word (`load_value`).
pub fn load_vec(src: &[Value]) -> Vec<Value> {
    src.iter().map(load_value).collect()
}

#[cfg(test)]
mod tests {

    use crate::runtime::types::types;
    use crate::runtime::value::Value;
    use pylift_jit::abi;

    fn slabs() -> usize {
        super::HEAP.with(|h| h.borrow().slabs.len())
    }

    /// The sweep frees exactly the unreachable objects, keeps the reachable ones intact, and
    /// the next allocations reuse the freed slots (in address order) before any new slab.
    #[test]
    fn a_sweep_frees_the_unreachable_and_reuses_their_slots() {
        let roots = |kept: Value| {
            move |m: &mut super::Marker| {
                types().mark_all(m);
                crate::runtime::str::mark_interned(m);
                m.value(kept);
            }
        };
        let tuple = |i| crate::runtime::alloc::tuple_of(&[Value::Int(i), Value::Int(-i)]);
        super::collect(roots(Value::None));
        let (_, _, base) = super::counts();
        let garbage: Vec<usize> = (0..3000)
            .map(|i| tuple(i).as_obj().expect("a tuple").addr())
            .collect();
        let kept = tuple(7);
        let grown = slabs();
        assert_eq!(super::collect(roots(kept)), 3000);
        assert_eq!(super::counts().2, base + 1);
        let mut again: Vec<usize> = (0..3000)
            .map(|i| tuple(i).as_obj().expect("a tuple").addr())
            .collect();
        assert_eq!(slabs(), grown, "freed slots were not reused");
        let descents = again.windows(2).filter(|w| w[0] > w[1]).count();
        assert!(descents < grown, "not in address order within each slab");
        again.sort_unstable();
        let mut garbage = garbage;
        garbage.sort_unstable();
        assert_eq!(again, garbage);
        let Some(crate::runtime::object::Kind::Tuple(items)) = kept.as_obj().map(|o| &o.get().kind)
        else {
            panic!("the kept tuple changed kind")
        };
        assert!(matches!(items[..], [Value::Int(7), Value::Int(-7)]));
    }

    #[test]
    fn value_layout_matches_the_jit_abi() {
        assert_eq!(std::mem::size_of::<Value>(), abi::VALUE_SIZE as usize);
        let v = Value::Int(0x1234_5678);
        let p = &v as *const Value as *const u8;
        // SAFETY: `v` is 16 initialised bytes at the offsets read here (tag byte, payload word).
        let (tag, payload) = unsafe {
            (
                *p.add(abi::TAG_OFFSET as usize),
                (p.add(abi::PAYLOAD_OFFSET as usize) as *const i64).read(),
            )
        };
        assert_eq!(tag, abi::TAG_INT);
        assert_eq!(payload, 0x1234_5678);
        let f = Value::Float(1.5);
        let p = &f as *const Value as *const u8;
        // SAFETY: as above.
        let (tag, payload) = unsafe {
            (
                *p.add(abi::TAG_OFFSET as usize),
                (p.add(abi::PAYLOAD_OFFSET as usize) as *const f64).read(),
            )
        };
        assert_eq!(tag, abi::TAG_FLOAT);
        assert_eq!(payload, 1.5);
    }
}
