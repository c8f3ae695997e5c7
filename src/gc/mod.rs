//! The heap: a precise, non-moving, tracing mark-sweep collector, and the only home of `unsafe`
//! in the VM.
//!
//! Invariants the rest of pylift relies on:
//! - Every heap object is a `GcBox` leaked from a `Box` and registered in `Heap::objects`; an
//!   `ObjRef` is a pointer to one. Objects never move.
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

/// A heap cell: the mark bit and the object.
pub struct GcBox {
    mark: Cell<bool>,
    obj: Object,
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
        if !b.mark.get() {
            b.mark.set(true);
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

/// Collector state: every object, and the allocation accounting that decides when to collect.
pub struct Heap {
    objects: Vec<NonNull<GcBox>>,
    allocated_since: usize,
    threshold: usize,
    enabled: bool,
    stress: bool,
    collections: u64,
    /// Safepoints passed since the last collection (stress mode's pacing).
    safepoints: usize,
    /// Stress mode in debug builds: unreachable objects are poisoned and kept, not freed.
    poison: bool,
    quarantine: Vec<NonNull<GcBox>>,
    /// Unused boxes: never-used slots of slabs, and boxes of collected objects with their
    /// contents dropped. Every heap object has the same size, so boxes come from slabs of
    /// `SLAB_BOXES` and a free list replaces a malloc/free pair per object (a fifth of the
    /// time of allocation-heavy programs went to glibc's allocator, mostly its slow path).
    /// Slabs are never returned: the box memory a run holds is its peak live count.
    free: Vec<NonNull<GcBox>>,
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
        objects: Vec::new(),
        allocated_since: 0,
        threshold: MIN_THRESHOLD,
        enabled: true,
        stress: std::env::var("PYLIFT_GC_STRESS").is_ok_and(|v| !v.is_empty() && v != "0"),
        collections: 0,
        safepoints: 0,
        poison: cfg!(debug_assertions)
            && std::env::var("PYLIFT_GC_STRESS").is_ok_and(|v| !v.is_empty() && v != "0"),
        quarantine: Vec::new(),
        free: Vec::new(),
    });
}

/// Moves an object to the heap. Never collects.
pub fn alloc(obj: Object) -> ObjRef {
    let extra = obj.extra_size();
    let contents = GcBox {
        mark: Cell::new(false),
        obj,
    };
    HEAP.with(|h| {
        let mut h = h.borrow_mut();
        if h.free.is_empty() {
            let slab: &'static mut [std::mem::MaybeUninit<GcBox>] =
                Box::leak(Box::new_uninit_slice(SLAB_BOXES));
            h.free.extend(
                slab.iter_mut()
                    .rev()
                    .map(|b| NonNull::from(b).cast::<GcBox>()),
            );
        }
        let ptr = h.free.pop().expect("a slab was just added");
        // SAFETY: every box on the free list is a properly aligned `GcBox`-sized slot of a
        // leaked slab that holds no live object (never written, or its contents dropped by
        // `collect`), so writing a new box into it is sound and overwrites nothing live.
        unsafe { ptr.as_ptr().write(contents) };
        h.objects.push(ptr);
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
            return h.safepoints > h.objects.len() / STRESS_PACE;
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
        let before = h.objects.len();
        let poison = h.poison;
        let mut dead = Vec::new();
        let mut live = 0;
        h.objects.retain(|&p| {
            // SAFETY: every pointer in `objects` is a live leaked box (freed only here).
            let b = unsafe { p.as_ref() };
            if b.mark.get() {
                b.mark.set(false);
                live += BOX_SIZE + b.obj.extra_size();
                true
            } else {
                crate::runtime::class::forget_dead(ObjRef(p));
                dead.push(p);
                false
            }
        });
        for p in dead {
            if poison {
                // SAFETY: the box is unreachable from every root and no Rust reference to its
                // object is live (we are inside a collection); replacing the object drops its
                // contents and leaves a tombstone whose class is itself, not a type, so any
                // later use through a missed root panics in `type_obj` instead of reading
                // freed memory. The box stays allocated in `quarantine`.
                unsafe {
                    (*p.as_ptr()).obj =
                        Object::new(ObjRef(p), crate::runtime::object::Kind::Instance);
                }
                h.quarantine.push(p);
            } else {
                // SAFETY: the box is unreachable from every root, so no `ObjRef` to it will be
                // dereferenced again; it was removed from `objects` above, so its contents are
                // dropped exactly once, and from now on the box is only reachable through
                // `free`, which never reads it before `alloc` writes a new box into it.
                unsafe { std::ptr::drop_in_place(p.as_ptr()) };
                h.free.push(p);
            }
        }
        let freed = before - h.objects.len();
        // Peak memory is about the live heap plus this much garbage; half the live heap cut
        // binary_trees' peak RSS by a quarter for about 1% more time (a quarter of it: a third,
        // for 2-5% more time).
        h.threshold = MIN_THRESHOLD.max(live / 2);
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
        (h.allocated_since / BOX_SIZE, h.collections, h.objects.len())
    })
}

#[cfg(test)]
mod tests {

    use crate::runtime::value::Value;
    use pylift_jit::abi;

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
