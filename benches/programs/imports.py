# Module-import workload: generates a package of modules (with submodules and cross-imports)
# into a fresh folder under $TMPDIR, imports them all by several forms of the import
# statement, then removes them from sys.modules and the folder. Repeats with new names.
# Stresses source loading, compiling, module execution and the import machinery.
# Usage: imports.py [rounds]  (default 16; 60 modules per round)
import os
import sys

MODULES = 60


def module_text(r, i):
    lines = [f"from pkg{r} import base", f"VALUE = {i} + base.OFFSET", ""]
    for j in range(12):
        lines.append(f"def f{j}(x):")
        lines.append(f"    return (x * {j + 1} + VALUE) % 1009")
        lines.append("")
    lines.append("class C:")
    lines.append("    def m(self, x):")
    lines.append("        return f3(x) + f7(x)")
    return "\n".join(lines) + "\n"


def remove_tree(path):
    for name in os.listdir(path):
        p = os.path.join(path, name)
        if os.path.isdir(p):
            remove_tree(p)
        else:
            os.remove(p)
    os.rmdir(path)


def main(rounds):
    root = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"pylift_bench_imports_{os.getpid()}")
    os.mkdir(root)
    sys.path.insert(0, root)
    total = 0
    try:
        for r in range(rounds):
            pkg = os.path.join(root, f"pkg{r}")
            os.mkdir(pkg)
            with open(os.path.join(pkg, "__init__.py"), "w") as fh:
                fh.write("NAME = __name__\n")
            with open(os.path.join(pkg, "base.py"), "w") as fh:
                fh.write(f"OFFSET = {r * 3}\n")
            for i in range(MODULES):
                with open(os.path.join(pkg, f"m{i}.py"), "w") as fh:
                    fh.write(module_text(r, i))
            for i in range(MODULES):
                mod = __import__(f"pkg{r}.m{i}", fromlist=["f0"])
                total = (total + mod.f5(i) + mod.C().m(r)) % 1000000007
            exec(f"from pkg{r} import m0, m1\nimport pkg{r}.m2 as m2")
            total += len(sys.modules[f"pkg{r}"].NAME)
            for name in [k for k in sys.modules if k == f"pkg{r}" or k.startswith(f"pkg{r}.")]:
                del sys.modules[name]
    finally:
        sys.path.remove(root)
        remove_tree(root)
    print(rounds * (MODULES + 2), total)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 16)
