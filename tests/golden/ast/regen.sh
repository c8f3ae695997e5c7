#!/bin/sh
# Regenerates the golden AST dumps with CPython 3.11 (the oracle): one <name>.ast per program in
# tests/conformance (recursively) and tests/parser_programs, holding exactly what
#   python3 -c "import ast,sys; print(ast.dump(ast.parse(open(sys.argv[1]).read()), indent=2))" FILE
# prints. Programs CPython cannot parse get no golden file.
# Usage: sh tests/golden/ast/regen.sh
cd "$(dirname "$0")/../../.." || exit 1
rm -f tests/golden/ast/*.ast
for f in $(find tests/conformance tests/parser_programs -name '*.py' | sort); do
    name=$(basename "$f" .py)
    python3 -c "import ast,sys; print(ast.dump(ast.parse(open(sys.argv[1]).read()), indent=2))" \
        "$f" > "tests/golden/ast/$name.ast" 2>/dev/null || rm -f "tests/golden/ast/$name.ast"
done
