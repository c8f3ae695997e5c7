#!/bin/sh
# Regenerates the expected stderr of every bad program here by running CPython 3.11 (the
# oracle). CPython prints the script's absolute path; the stored files keep the bare file name.
# Usage: sh tests/syntax_errors/regen.sh
cd "$(dirname "$0")" || exit 1
dir=$(pwd)
for f in *.py; do
    python3 "$f" 2>&1 >/dev/null | sed "s|File \"$dir/|File \"|" > "${f%.py}.stderr"
done
