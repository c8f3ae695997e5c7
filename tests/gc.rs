//! The collector seen from Python: `gc.collect()` counts what it frees, cyclic garbage does not
//! accumulate (peak RSS stays bounded while a loop builds and drops a million cyclic pairs),
//! and the `gc` module's switches work.

use std::process::Command;

fn pylift() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pylift"))
}

fn run(code: &str) -> (String, String, i32) {
    let out = pylift().args(["-c", code]).output().expect("run pylift");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn collect_returns_the_number_of_freed_objects() {
    let (out, err, code) = run("import gc\n\
         class Node:\n    pass\n\
         gc.collect()\n\
         for i in range(100):\n    a = Node(); b = Node(); a.b = b; b.a = a\n\
         a = b = None\n\
         n = gc.collect()\n\
         print(n >= 200, gc.collect() < 200)\n");
    assert_eq!((out.as_str(), err.as_str(), code), ("True True\n", "", 0));
}

#[test]
fn enable_disable_isenabled_get_count() {
    let (out, err, code) = run("import gc\n\
         print(gc.isenabled())\n\
         gc.disable()\n\
         print(gc.isenabled())\n\
         gc.enable()\n\
         print(gc.isenabled(), len(gc.get_count()))\n");
    assert_eq!(
        (out.as_str(), err.as_str(), code),
        ("True\nFalse\nTrue 3\n", "", 0)
    );
}

#[test]
fn live_objects_survive_collections_in_stress_mode() {
    let out = pylift()
        .env("PYLIFT_GC_STRESS", "1")
        .args([
            "-c",
            "d = {}\n\
             for i in range(300):\n    d[str(i)] = [i, (i, str(i))]\n\
             print(sum(v[0] for v in d.values()), d['42'])\n",
        ])
        .output()
        .expect("run pylift");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "44850 [42, (42, '42')]\n"
    );
}

/// A base class does not keep its subclasses alive (CPython's `__subclasses__()` holds weak
/// references): 999 dropped classes are collected and leave `Base`'s list, in both modes and
/// under stress collection. Before, every class ever made lived as long as `object`, and with
/// it its methods' module. The expected output is python3's.
#[test]
fn dead_classes_leave_their_bases_subclasses() {
    let code = "import gc\n\
        class Base:\n    pass\n\
        def make(n):\n    class C(Base):\n        x = n\n    return C\n\
        def churn():\n    for i in range(1, 1000):\n        make(i)\n\
        def keep():\n    global kept\n    kept = make(0)\n\
        def names():\n    return [c.__name__ + str(c.x) for c in type.__subclasses__(Base)]\n\
        keep()\n\
        churn()\n\
        gc.collect()\n\
        print(names())\n\
        del kept\n\
        gc.collect()\n\
        print(names())\n";
    for (flags, stress) in [
        (&["--no-jit"][..], "0"),
        (&["--jit-threshold", "0"], "0"),
        (&[], "1"),
    ] {
        let out = pylift()
            .env("PYLIFT_GC_STRESS", stress)
            .args(flags)
            .args(["-c", code])
            .output()
            .expect("run pylift");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "['C0']\n[]\n",
            "{flags:?} stress={stress}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Peak RSS (kB) of a run, from `/usr/bin/time -v`; `None` where that tool is missing.
fn peak_rss_kb(script: &str) -> Option<(u64, String)> {
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_pylift"))
        .args(["-c", script])
        .output()
        .ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("Maximum resident set size"))?;
    let kb = line.rsplit(':').next()?.trim().parse().ok()?;
    Some((kb, String::from_utf8_lossy(&out.stdout).into_owned()))
}

#[test]
fn a_million_cyclic_pairs_stay_under_50_mb() {
    let script = "class Pair:\n    def __init__(self):\n        self.other = None\n\
                  for i in range(1000000):\n    a = Pair()\n    b = Pair()\n    a.other = b\n    b.other = a\n\
                  print('done')\n";
    let Some((kb, stdout)) = peak_rss_kb(script) else {
        eprintln!("skipped: /usr/bin/time is not available");
        return;
    };
    assert_eq!(stdout, "done\n");
    assert!(kb < 50 * 1024, "peak RSS {kb} kB is not below 50 MB");
}

/// Big ints count their digits toward the collection threshold: each number below is about
/// 12 kB, and 20 000 of them used to pile up as garbage (a gigabyte on pidigits).
#[test]
fn big_int_garbage_is_collected_by_its_size() {
    let script = "x = 7 ** 30000\nt = 0\nfor i in range(20000):\n    y = x + i\n    t += y & 1\n\
                  print(t)\n";
    let Some((kb, stdout)) = peak_rss_kb(script) else {
        eprintln!("skipped: /usr/bin/time is not available");
        return;
    };
    assert_eq!(stdout, "10000\n");
    assert!(kb < 60 * 1024, "peak RSS {kb} kB is not below 60 MB");
}

/// A call's arguments die with the call: the caller's argument registers are temporaries, and
/// left holding the arguments they kept them alive until reused (binary_trees' main kept its
/// stretch tree through its first loop). Checked in both modes and in a JIT-compiled caller.
#[test]
fn a_call_does_not_keep_its_arguments_alive() {
    // `size`'s argument register is one that nothing after the call writes.
    let code = "import gc\n\
        def size(t):\n    return len(t)\n\
        def main(collect):\n    collect()\n    n = [0, size([[i] for i in range(1000)])]\n    freed = collect()\n    return n[1], freed\n\
        for _ in range(3):\n    n, freed = main(gc.collect)\n    print(n, freed >= 1000)\n";
    for flags in [&["--no-jit"][..], &["--jit-threshold", "0"]] {
        let out = pylift()
            .args(flags)
            .args(["-c", code])
            .output()
            .expect("run pylift");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "1000 True\n1000 True\n1000 True\n",
            "{flags:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Garbage awaiting collection is bounded by a quarter of the live heap: with 200 000 live
/// strings (about 20 MB), no more than about 66 000 objects' worth is allocated between two
/// collections (half the live heap, as before, let 133 000 pile up).
#[test]
fn garbage_between_collections_stays_a_quarter_of_the_live_heap() {
    let (out, err, code) = run("import gc\n\
         keep = [str(i) for i in range(200000)]\n\
         most = 0\n\
         for i in range(300000):\n    s = str(i)\n    most = max(most, gc.get_count()[0])\n\
         print(most > 1000, most < 90000)\n");
    assert_eq!((out.as_str(), err.as_str(), code), ("True True\n", "", 0));
}
