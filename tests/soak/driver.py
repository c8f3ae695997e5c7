# Soak driver: runs every benchmark program given on the command line (path:size) ROUNDS times
# in this one process and prints the peak and current RSS after each round, so the test can
# check that memory stops growing after the first round. Usage: driver.py ROUNDS path:size...
import gc
import sys


def status(field):
    for line in open('/proc/self/status').read().splitlines():
        if line.startswith(field + ':'):
            return int(line.split()[1])
    return -1


rounds = int(sys.argv[1])
programs = [arg.rsplit(':', 1) for arg in sys.argv[2:]]
argv0 = list(sys.argv)
for r in range(1, rounds + 1):
    for path, size in programs:
        sys.argv = [path, size]
        src = open(path).read()
        try:
            exec(compile(src, path, 'exec'), {'__name__': 'bench'})
        except Exception as e:
            print('SOAK-ERROR', path, type(e).__name__, e)
    sys.argv = argv0
    freed = gc.collect()
    print('SOAK round', r, 'VmHWM', status('VmHWM'), 'VmRSS', status('VmRSS'), 'freed', freed, flush=True)
