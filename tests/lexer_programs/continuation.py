x = 1 + \
    2 + \
        3
if x and \
   x:
    y = [1,
         2,  # comment inside brackets

         # a comment line inside brackets
         3]
    z = {'a': (1,
               2),
         'b': [
             3, 4,
         ]}
assert x, \
    "message"
w = (
)
