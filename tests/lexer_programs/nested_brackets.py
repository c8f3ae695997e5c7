data = {
    'list': [1, [2, [3, [4, (5, {6: 7})]]]],
    'call': f(g(h(
        1,
        2,
    ))),
}
matrix = [[1, 2, 3],
          [4, 5, 6],
  [7, 8, 9]]
result = (lambda x: (x, [x for x in range(3) if (x % 2)]))(1)
