//! The process's allocator for everything that is not a `GcBox` slab: mimalloc, called without
//! the alignment layer the `mimalloc` crate puts on every request (it calls
//! `mi_malloc_aligned` even for byte buffers, a measurable cost on string-heavy programs).
//!
//! mimalloc reserves address space with `MAP_NORESERVE`, which skips the kernel's check that
//! refuses a single mapping larger than RAM plus swap. That check is what turns
//! `list(range(10**12))` into a `MemoryError` under CPython (and glibc's malloc); without it the
//! allocation succeeds and the process is killed when the pages are touched. So requests of
//! that size are refused here, and the caller raises `MemoryError`.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Below this no request can exceed the machine's memory, so none is checked.
const CHECK_FROM: usize = 1 << 30;

/// RAM plus swap in bytes, read once (0: not read yet).
static MACHINE_MEMORY: AtomicUsize = AtomicUsize::new(0);

fn machine_memory() -> usize {
    match MACHINE_MEMORY.load(Ordering::Relaxed) {
        0 => {
            // SAFETY: `sysinfo` only writes the struct it is given, which is a valid, zeroed
            // `libc::sysinfo` on this stack frame; it allocates nothing.
            let total = unsafe {
                let mut info: libc::sysinfo = std::mem::zeroed();
                if libc::sysinfo(&mut info) == 0 {
                    (info.totalram as usize)
                        .saturating_add(info.totalswap as usize)
                        .saturating_mul(info.mem_unit as usize)
                } else {
                    usize::MAX
                }
            };
            MACHINE_MEMORY.store(total.max(1), Ordering::Relaxed);
            total
        }
        n => n,
    }
}

#[inline]
fn too_large(size: usize) -> bool {
    size >= CHECK_FROM && size > machine_memory()
}

/// Hands memory that is free but still held back to the system: a compilation frees megabytes
/// of short-lived blocks at once, and mimalloc otherwise kept most of them resident.
pub fn release_free_memory() {
    // SAFETY: `mi_collect` only frees and decommits memory mimalloc owns and no live block
    // uses; it may be called at any time on the thread whose heap it collects.
    unsafe { mi::mi_collect(true) }
}

/// mimalloc aligns every block to at least a machine word; stricter requests take the aligned
/// entry points.
const WORD: usize = std::mem::size_of::<usize>();

pub struct Mimalloc;

// SAFETY: each method forwards to the mimalloc entry point with the same contract (a block of at
// least `size` bytes aligned to `layout.align()`, or null; a refused request is null too, and a
// refused `realloc` leaves the old block alone, as `GlobalAlloc` requires); blocks are freed and
// resized only by mimalloc, which accepts any block it returned whichever entry point made it.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if too_large(layout.size()) {
            return std::ptr::null_mut();
        }
        if layout.align() <= WORD {
            mi::mi_malloc(layout.size()) as *mut u8
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if too_large(layout.size()) {
            return std::ptr::null_mut();
        }
        if layout.align() <= WORD {
            mi::mi_zalloc(layout.size()) as *mut u8
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr as *mut c_void);
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if too_large(new_size) {
            return std::ptr::null_mut();
        }
        if layout.align() <= WORD {
            mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
        }
    }
}
