from star_all import *
print(shown, _private_but_listed)
try:
    hidden
except NameError as e:
    print(e)
from star_plain import *
print(visible, func())
for name in ['_hidden', '_sys']:
    print(name, name in globals())
