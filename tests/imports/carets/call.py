def boom():
    raise ValueError("boom")
result = [boom()]
