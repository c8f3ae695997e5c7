#!/bin/sh
# Regenerates the token goldens from python3 (CPython 3.11 is the oracle; pylift never writes
# its own expected output):
#   conformance/<path>.tokens     `python3 -m tokenize` of tests/conformance/<path>.py
#   lexer_programs/<name>.tokens  the same for tests/lexer_programs/<name>.py
#   errors/<name>.err             the SyntaxError compile() raises for tests/lexer_programs/errors/<name>.py,
#                                 as `Type|message|lineno|offset|end_lineno|end_offset`
# A program that tokenize.py rejects or answers with ERRORTOKEN is skipped: the C tokenizer, which
# pylift follows, rejects those (they are covered by errors/ instead).
set -eu
cd "$(dirname "$0")/../../.."
python3 - <<'PY'
import pathlib, subprocess, sys

out_root = pathlib.Path("tests/golden/tokens")
for kind in ("conformance", "lexer_programs", "errors"):
    for old in (out_root / kind).rglob("*"):
        if old.is_file():
            old.unlink()

def tokens(src_root, kind):
    for py in sorted(pathlib.Path(src_root).rglob("*.py")):
        rel = py.relative_to(src_root)
        if rel.parts[0] == "errors" and kind == "lexer_programs":
            continue
        if kind == "lexer_programs":
            compile(py.read_bytes(), str(py), "exec")  # tricky inputs must still be valid Python
        run = subprocess.run([sys.executable, "-m", "tokenize", str(py)], capture_output=True)
        if run.returncode != 0 or b"ERRORTOKEN" in run.stdout:
            print("skipped (tokenize rejects it):", py)
            continue
        dest = out_root / kind / rel.with_suffix(".tokens")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(run.stdout)

tokens("tests/conformance", "conformance")
tokens("tests/lexer_programs", "lexer_programs")

errors = out_root / "errors"
errors.mkdir(parents=True, exist_ok=True)
for py in sorted(pathlib.Path("tests/lexer_programs/errors").glob("*.py")):
    try:
        compile(py.read_bytes(), str(py), "exec")
        sys.exit(f"{py} compiles: an error case must raise SyntaxError")
    except SyntaxError as e:
        fields = [type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset]
        (errors / (py.stem + ".err")).write_text("|".join(map(str, fields)) + "\n")
PY
