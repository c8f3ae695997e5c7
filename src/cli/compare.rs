//! `pylift --compare script.py [args]`: runs the script as child processes of this same
//! executable, `RUNS` times under `--no-jit` and `RUNS` times with the JIT (alternating, so
//! machine noise falls on both alike), checks that every run printed the same stdout and exited
//! with the same status, shows the script's output once, then a short table on stderr: median
//! wall time of each mode, the speedup, and the JIT's own counters from its `--stats` line.
//!
//! Invariant: nothing is reported as a speedup unless all runs agreed; a disagreement is shown
//! as the first differing line and the command exits with status 1.

use super::{Options, Program};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs per mode.
const RUNS: usize = 3;

/// The prefix of the line `--stats` prints to stderr (see `tier_up`).
const STATS_PREFIX: &str = "[jit] stats: ";

/// What one run of the script printed and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOutput {
    pub stdout: Vec<u8>,
    /// The exit status; `None` when a signal ended the child.
    pub status: Option<i32>,
}

/// One timed run.
struct Run {
    output: RunOutput,
    stderr: Vec<u8>,
    wall: Duration,
}

/// The JIT counters of one run, read back from its `--stats` line.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct JitStats {
    pub compiled: u64,
    pub failed: u64,
    pub deopts: u64,
    pub compile_ms: f64,
}

/// How `other` differs from `reference` (first differing stdout line, or the exit status), or
/// `None` when they are the same.
pub fn first_mismatch(reference: &RunOutput, other: &RunOutput) -> Option<String> {
    if reference.stdout != other.stdout {
        let a: Vec<&[u8]> = reference.stdout.split(|&b| b == b'\n').collect();
        let b: Vec<&[u8]> = other.stdout.split(|&b| b == b'\n').collect();
        let show = |l: Option<&&[u8]>| match l {
            Some(l) => format!("{:?}", String::from_utf8_lossy(l)),
            None => "end of output".to_string(),
        };
        let i = (0..a.len().max(b.len()))
            .find(|&i| a.get(i) != b.get(i))
            .unwrap_or(0);
        return Some(format!(
            "stdout line {}: --no-jit printed {}, the JIT printed {}",
            i + 1,
            show(a.get(i)),
            show(b.get(i))
        ));
    }
    if reference.status != other.status {
        let show = |s: Option<i32>| s.map_or("killed by a signal".to_string(), |c| c.to_string());
        return Some(format!(
            "exit status: --no-jit {}, the JIT {}",
            show(reference.status),
            show(other.status)
        ));
    }
    None
}

/// The counters in a `--stats` line among `stderr`'s lines, if there is one.
pub fn parse_stats(stderr: &str) -> Option<JitStats> {
    let line = stderr.lines().find_map(|l| l.strip_prefix(STATS_PREFIX))?;
    // "N compiled (N failed, N recompiled), N entries, N OSR entries, N deopts, X ms compiling, ..."
    let before = |word: &str| -> Option<f64> {
        let at = line.find(word)?;
        line[..at]
            .rsplit([' ', '(', ','])
            .find(|t| !t.is_empty())?
            .parse()
            .ok()
    };
    Some(JitStats {
        compiled: before(" compiled")? as u64,
        failed: before(" failed").unwrap_or(0.0) as u64,
        deopts: before(" deopts")? as u64,
        compile_ms: before(" ms compiling")?,
    })
}

/// The child's arguments (before any mode flag) that run the program `opts` names, or `None`
/// when it is not a file or `-c` command.
fn program_args(opts: &Options) -> Option<Vec<String>> {
    let mut args = Vec::new();
    if let Some(n) = opts.jit_threshold {
        args.push("--jit-threshold".to_string());
        args.push(n.to_string());
    }
    match &opts.program {
        Some(Program::File(_)) => args.extend(opts.argv.iter().cloned()),
        Some(Program::Command(code)) => {
            args.push("-c".to_string());
            args.push(code.clone());
            args.extend(opts.argv.iter().skip(1).cloned());
        }
        _ => return None,
    }
    Some(args)
}

fn run_child(exe: &std::path::Path, jit: bool, args: &[String]) -> std::io::Result<Run> {
    let mut cmd = Command::new(exe);
    cmd.arg(if jit { "--stats" } else { "--no-jit" })
        .args(args)
        .stdin(Stdio::null());
    // The environment must not switch the JIT off behind the JIT runs' back.
    for var in ["PYLIFT_NO_JIT", "PYLIFT_JIT"] {
        cmd.env_remove(var);
    }
    let start = Instant::now();
    let out = cmd.output()?;
    let wall = start.elapsed();
    Ok(Run {
        output: RunOutput {
            stdout: out.stdout,
            status: out.status.code(),
        },
        stderr: out.stderr,
        wall,
    })
}

fn median(runs: &[Run]) -> Duration {
    let mut t: Vec<Duration> = runs.iter().map(|r| r.wall).collect();
    t.sort();
    t[t.len() / 2]
}

fn seconds(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

/// Runs `pylift --compare` and returns the exit status: the script's own status when every run
/// agreed, 1 when they disagreed, 2 when the program cannot be compared.
pub fn run(opts: &Options, exe: &str) -> i32 {
    let Some(args) = program_args(opts) else {
        eprintln!("{exe}: --compare needs a script file or -c command");
        return 2;
    };
    let me = match std::env::current_exe() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{exe}: --compare cannot find its own executable: {e}");
            return 2;
        }
    };
    let (mut interp, mut jit) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        for (with_jit, runs) in [(false, &mut interp), (true, &mut jit)] {
            match run_child(&me, with_jit, &args) {
                Ok(r) => runs.push(r),
                Err(e) => {
                    eprintln!("{exe}: --compare could not run {}: {e}", me.display());
                    return 2;
                }
            }
        }
    }
    let reference = &interp[0];
    for r in interp.iter().chain(&jit).skip(1) {
        if let Some(why) = first_mismatch(&reference.output, &r.output) {
            eprintln!("pylift --compare: FAILURE: the runs disagree; {why}");
            return 1;
        }
    }
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(&reference.output.stdout);
        let _ = out.flush();
    }
    let script_stderr = String::from_utf8_lossy(&reference.stderr);
    eprint!("{script_stderr}");
    let (ti, tj) = (median(&interp), median(&jit));
    let mut table = format!(
        "\npylift --compare: {RUNS} runs of each mode, alternating; outputs identical\n\
         {:<10} {:>9} {:>9} {:>9}\n",
        "mode", "median", "min", "max"
    );
    for (name, runs) in [("--no-jit", &interp), ("JIT", &jit)] {
        let min = runs.iter().map(|r| r.wall).min().unwrap_or_default();
        let max = runs.iter().map(|r| r.wall).max().unwrap_or_default();
        table += &format!(
            "{name:<10} {:>9} {:>9} {:>9}\n",
            seconds(median(runs)),
            seconds(min),
            seconds(max)
        );
    }
    table += &format!(
        "speedup    {:.2}x (JIT over --no-jit)\n",
        ti.as_secs_f64() / tj.as_secs_f64().max(1e-9)
    );
    match parse_stats(&String::from_utf8_lossy(&jit[0].stderr)) {
        Some(s) => {
            table += &format!(
                "JIT, per run: {} functions compiled ({} failed), {:.1} ms compiling, {} deopts\n",
                s.compiled, s.failed, s.compile_ms, s.deopts
            )
        }
        None => table += "JIT, per run: no statistics (the JIT is not available on this host)\n",
    }
    eprint!("{table}");
    reference.output.status.unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(s: &str, status: i32) -> RunOutput {
        RunOutput {
            stdout: s.as_bytes().to_vec(),
            status: Some(status),
        }
    }

    #[test]
    fn identical_runs_match() {
        assert_eq!(first_mismatch(&out("1\n2\n", 0), &out("1\n2\n", 0)), None);
    }

    #[test]
    fn a_differing_line_is_named() {
        let why = first_mismatch(&out("1\n2\n3\n", 0), &out("1\n5\n3\n", 0)).unwrap();
        assert_eq!(
            why,
            "stdout line 2: --no-jit printed \"2\", the JIT printed \"5\""
        );
    }

    #[test]
    fn missing_output_and_exit_status_are_mismatches() {
        let why = first_mismatch(&out("1\n2\n", 0), &out("1\n", 0)).unwrap();
        assert!(why.starts_with("stdout line 2:"), "{why}");
        let why = first_mismatch(&out("x\n", 0), &out("x\n", 1)).unwrap();
        assert_eq!(why, "exit status: --no-jit 0, the JIT 1");
        let killed = RunOutput {
            stdout: b"x\n".to_vec(),
            status: None,
        };
        assert!(first_mismatch(&out("x\n", 0), &killed)
            .unwrap()
            .contains("killed by a signal"));
    }

    #[test]
    fn stats_line_is_parsed() {
        let err = "hello\n[jit] stats: 3 compiled (1 failed, 0 recompiled), 2 entries, \
                   1 OSR entries, 7 deopts, 1.724 ms compiling, 1011 bytes of code\n";
        assert_eq!(
            parse_stats(err),
            Some(JitStats {
                compiled: 3,
                failed: 1,
                deopts: 7,
                compile_ms: 1.724
            })
        );
        assert_eq!(parse_stats("no stats here\n"), None);
    }
}
