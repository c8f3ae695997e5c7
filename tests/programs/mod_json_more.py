# json: error positions, options, hooks, and round trips.
import json
for bad in ['', ' ', '[', '{', '{"a"', '{"a" 1}', '{"a": }', '{"a": 1,}', '[1 2]', '"abc', '"\\x"', '"\\u12"',
            'tru', 'nul', '1 2', '[1,\n 2,\n x]', '{"a":1}\n\n}', '"tab\there"', '01', '-', '1.', '.5', '[]]']:
    try:
        print(repr(bad), '->', repr(json.loads(bad)))
    except json.JSONDecodeError as e:
        print(repr(bad), '->', e.msg, e.pos, e.lineno, e.colno, '|', e)
print(json.loads('[1e5, -0.0, 1E-2, 0, -12, 3.25]'), json.loads('"\\ud83d\\ude00"') == '\U0001F600')
print(json.loads('{"a": {"b": [true, false, null]}}', object_hook=lambda d: sorted(d)))
print(json.loads('{"x": 1, "y": 2}', object_pairs_hook=list), json.loads('[1.5, 2]', parse_float=str, parse_int=float))
print(json.loads('[NaN, Infinity, -Infinity]'), json.loads(b'[1]'))
print(json.dumps({'b': 1, 'a': [1, 2, {'c': None}]}, indent='\t', sort_keys=True))
print(json.dumps([1, [2, [3]]], indent=0), json.dumps({}, indent=2), json.dumps([], indent=2))
print(json.dumps({'k': 'v', 'n': [1, 2]}, separators=(',', ':')), json.dumps([1, 2], indent=2, separators=(',', ': ')))
print(json.dumps('\u2603 \U0001F600 \x00 \x1f \u007f'), json.dumps('\u2603', ensure_ascii=False))
class Pt:
    def __init__(self, x, y):
        self.x, self.y = x, y
print(json.dumps({'p': Pt(1, 2)}, default=lambda o: o.__dict__), json.dumps([float('nan'), float('-inf')]))
try:
    json.dumps(float('inf'), allow_nan=False)
except ValueError as e:
    print('ValueError:', e)
loop = []
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as e:
    print('ValueError:', e)
try:
    json.dumps(object())
except TypeError as e:
    print('TypeError:', e)
try:
    json.loads(5)
except TypeError as e:
    print('TypeError:', e)
print(json.dumps({(1, 2): 3}, skipkeys=True), json.dumps({None: 1, 2.5: 2, False: 3}))
class MyEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)
print(json.dumps({'s': {3, 1, 2}}, cls=MyEncoder), MyEncoder(indent=1).encode([1]))
data = {'users': [{'name': 'Ann', 'tags': ['a', 'b'], 'score': 9.5}, {'name': 'Bo', 'tags': [], 'score': None}]}
text = json.dumps(data, indent=2)
print(text)
print(json.loads(text) == data, json.JSONDecoder().raw_decode('[1] tail'))
