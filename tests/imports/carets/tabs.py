def f(xs):
	if xs:
		return xs[10]  # comment
values = [1, 2]
f(values)
