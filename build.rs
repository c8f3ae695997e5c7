//! Links the `pylift` executable at a fixed address (not position-independent), as Debian links
//! CPython: the dynamic loader then has no relative relocations to apply at start (13 400 of
//! them, which also dirtied every page of `.data.rel.ro`). See docs/decisions.md.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
