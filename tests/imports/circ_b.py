import sys
print('circ_b start', 'circ_a' in sys.modules)
import circ_a
seen_a = hasattr(circ_a, 'A')
B = 'b'
