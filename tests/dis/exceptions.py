def f(path):
    try:
        x = 1 / 0
    except (ZeroDivisionError, ValueError) as e:
        raise RuntimeError("bad") from e
    except Exception:
        raise
    else:
        return x
    finally:
        print("done")

def g(m):
    with open(m) as fh, open(m) as fh2:
        return fh.read()

assert f, "message"
del f
