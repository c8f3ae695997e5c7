# A hot loop that is all dict, str and method work: compiled, it would only call the generic
# helper, so it is left to the interpreter.
def count(words):
    seen = {}
    for w in words:
        key = w.lower()
        if key in seen:
            seen[key] = seen[key] + 1
        else:
            seen[key] = 1
    return sorted(seen.items())

words = ["Alpha", "beta", "ALPHA", "Gamma", "beta"] * 400
print(count(words)[:3])
