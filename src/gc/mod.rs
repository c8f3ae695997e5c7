//! The heap: a precise, non-moving, tracing mark-sweep collector, and the only home of `unsafe`
//! in the VM.
//!
//! Invariants the rest of pylift relies on:
//! - Every heap object is a `GcBox` in a slot of a slab (leaked, never freed) whose state is
//!   not `FREE`; an `ObjRef` is a pointer to one. Objects never move.
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

/// A heap cell: its state and the object. A `FREE` slot holds no object: its `obj` bytes hold
/// the next free slot instead (see `Heap::free`).
pub struct GcBox {
    state: Cell<u8>,
    obj: Object,
}

/// Slot states. An object is `WHITE` outside a collection and `BLACK` once marked.
const WHITE: u8 = 0;
const BLACK: u8 = 1;
const FREE: u8 = 2;
/// Stress mode of debug builds: an unreachable object's tombstone, kept and never reused.
const POISONED: u8 = 3;

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

/// Marks objects reachable from what it is given, using an explicit worklist.
pub struct Marker {
    work: Vec<ObjRef>,
}

impl Marker {
    #[inline]
    pub fn obj(&mut self, o: ObjRef) {
        // SAFETY: `o` is reachable from a root, so its box is live (see `Deref`).
        let b = unsafe { o.0.as_ref() };
        if b.state.get() == WHITE {
            b.state.set(BLACK);
            self.work.push(o);
        }
    }

    #[inline]
    pub fn value(&mut self, v: Value) {
        if let Value::Object(o) = v {
            self.obj(o);
        }
    }

    pub fn values(&mut self, vs: &[Value]) {
        for &v in vs {
            self.value(v);
        }
    }
}

/// Collector state: the slabs every object lives in, and the allocation accounting that decides
/// when to collect.
pub struct Heap {
    /// The first slot of every slab, each `SLAB_BOXES` slots long. The sweep walks them, so the
    /// heap keeps no per-object list: a vector of every object's address, and another of every
    /// free slot's, cost up to 24 bytes an object beside its 80 (word_freq's peak held 8 MiB of
    /// them for a million slots).
    slabs: Vec<NonNull<GcBox>>,
    /// Objects in the slabs (neither free nor poisoned).
    objects: usize,
    allocated_since: usize,
    threshold: usize,
    enabled: bool,
    stress: bool,
    collections: u64,
    /// Safepoints passed since the last collection (stress mode's pacing).
    safepoints: usize,
    /// Stress mode in debug builds: unreachable objects are poisoned and kept, not freed.
    poison: bool,
    /// The first `FREE` slot, each linking to the next through its `obj` bytes, in address order
    /// (rebuilt by every sweep), null when none is left. Every heap object has the same size, so
    /// boxes come from slabs of `SLAB_BOXES` and a free list replaces a malloc/free pair per
    /// object (a fifth of the time of allocation-heavy programs went to glibc's allocator,
    /// mostly its slow path). Slabs are never returned: the box memory a run holds is its peak
    /// count of objects, live or awaiting collection.
    free: *mut GcBox,
}

const MIN_THRESHOLD: usize = 4 << 20;
const SLAB_BOXES: usize = 256;
const BOX_SIZE: usize = std::mem::size_of::<GcBox>();
// Every heap object pays the box size: a `Kind` variant that would grow it must be boxed.
const _: () = assert!(BOX_SIZE <= 80, "GcBox grew");

thread_local! {
    /// Set when a safepoint may have to collect (the allocation budget is spent, or stress
    /// mode): the common safepoint then costs one flag test instead of borrowing the heap.
    static MAY_COLLECT: Cell<bool> = const { Cell::new(false) };
    static HEAP: RefCell<Heap> = RefCell::new(Heap {
        slabs: Vec::new(),
        objects: 0,
        allocated_since: 0,
        threshold: MIN_THRESHOLD,
        enabled: true,
        stress: std::env::var("PYLIFT_GC_STRESS").is_ok_and(|v| !v.is_empty() && v != "0"),
        collections: 0,
        safepoints: 0,
        poison: cfg!(debug_assertions)
            && std::env::var("PYLIFT_GC_STRESS").is_ok_and(|v| !v.is_empty() && v != "0"),
        free: std::ptr::null_mut(),
    });
}

/// Marks `slot` free and links it in front of `next`.
///
/// # Safety
/// `slot` is a slot of a slab that holds no object (never written, or its object dropped).
unsafe fn link_free(slot: *mut GcBox, next: *mut GcBox) {
    // SAFETY (for the caller's invariant): writing through raw field pointers never reads or
    // drops the slot's old bytes; `obj` is 8-aligned and larger than a pointer.
    unsafe {
        std::ptr::addr_of_mut!((*slot).state).write(Cell::new(FREE));
        std::ptr::addr_of_mut!((*slot).obj)
            .cast::<*mut GcBox>()
            .write(next);
    }
}

impl Heap {
    /// Adds a slab, its slots in front of the free list in address order.
    #[cold]
    fn grow(&mut self) {
        let slab: &'static mut [std::mem::MaybeUninit<GcBox>] =
            Box::leak(Box::new_uninit_slice(SLAB_BOXES));
        let first = slab.as_mut_ptr().cast::<GcBox>();
        for i in (0..SLAB_BOXES).rev() {
            // SAFETY: slot `i` of the new slab is in bounds and was never written.
            unsafe { link_free(first.add(i), self.free) };
            self.free = first.wrapping_add(i);
        }
        self.slabs
            .push(NonNull::new(first).expect("a leaked box is not null"));
    }
}

/// Moves an object to the heap. Never collects.
pub fn alloc(obj: Object) -> ObjRef {
    let extra = obj.extra_size();
    let contents = GcBox {
        state: Cell::new(WHITE),
        obj,
    };
    HEAP.with(|h| {
        let mut h = h.borrow_mut();
        if h.free.is_null() {
            h.grow();
        }
        let slot = h.free;
        // SAFETY: the free list holds only `FREE` slots of slabs, each linked by `link_free`, so
        // the slot's `obj` bytes hold the next free slot and no object: reading that link and
        // then writing a new box over the slot is sound and overwrites nothing live.
        unsafe {
            h.free = std::ptr::addr_of!((*slot).obj).cast::<*mut GcBox>().read();
            slot.write(contents);
        }
        let ptr = NonNull::new(slot).expect("the free list holds no null");
        h.objects += 1;
        h.allocated_since += BOX_SIZE + extra;
        if h.allocated_since > h.threshold || h.stress {
            MAY_COLLECT.with(|c| c.set(true));
        }
        ObjRef(ptr)
    })
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
    };
    mark_roots(&mut m);
    roots::mark_root_stack(&mut m);
    while let Some(o) = m.work.pop() {
        o.trace(&mut m);
    }
    HEAP.with(|h| {
        let mut h = h.borrow_mut();
        let h = &mut *h;
        let poison = h.poison;
        let mut freed = 0;
        let mut live = 0;
        // Backwards, so that the rebuilt free list runs in address order.
        let mut free: *mut GcBox = std::ptr::null_mut();
        for &first in h.slabs.iter().rev() {
            for i in (0..SLAB_BOXES).rev() {
                let p = first.as_ptr().wrapping_add(i);
                // SAFETY: `p` is a slot of a slab (in bounds); its state is always initialised
                // (by `link_free` or by `alloc`'s write), so reading it through a raw field
                // pointer is sound even when the slot holds no object.
                let state = unsafe { std::ptr::addr_of!((*p).state).read().get() };
                match state {
                    BLACK => {
                        // SAFETY: a `BLACK` slot holds a live object.
                        let b = unsafe { &*p };
                        b.state.set(WHITE);
                        live += BOX_SIZE + b.obj.extra_size();
                    }
                    WHITE => {
                        freed += 1;
                        crate::runtime::class::forget_dead(ObjRef(
                            NonNull::new(p).expect("in a slab"),
                        ));
                        if poison {
                            // SAFETY: the object is unreachable from every root and no Rust
                            // reference to it is live (we are inside a collection); replacing it
                            // drops its contents and leaves a tombstone whose class is itself,
                            // not a type, so any later use through a missed root panics in
                            // `type_obj` instead of reading freed memory. The slot is never
                            // reused.
                            unsafe {
                                (*p).obj = Object::new(
                                    ObjRef(NonNull::new(p).expect("in a slab")),
                                    crate::runtime::object::Kind::Instance,
                                );
                                (*p).state.set(POISONED);
                            }
                        } else {
                            // SAFETY: the object is unreachable from every root, so no `ObjRef`
                            // to it will be dereferenced again; its state changes to `FREE`
                            // here, so its contents are dropped exactly once, and from now on
                            // the slot is only reachable through the free list.
                            unsafe {
                                std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).obj));
                                link_free(p, free);
                            }
                            free = p;
                        }
                    }
                    FREE => {
                        // SAFETY: a `FREE` slot holds no object.
                        unsafe { link_free(p, free) };
                        free = p;
                    }
                    _ => {}
                }
            }
        }
        h.free = free;
        h.objects -= freed;
        // Peak memory is about the live heap plus this much garbage. A quarter of the live heap
        // (half before) cut word_freq's peak RSS by 13 MiB for 0.7% more instructions; the
        // sweep walks slabs, not per-object vectors, so collecting more often costs little.
        h.threshold = MIN_THRESHOLD.max(live / 4);
        h.allocated_since = 0;
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
        assert!(
            again.windows(2).all(|w| w[0] < w[1]),
            "not in address order"
        );
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
