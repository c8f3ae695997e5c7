__all__ = ['shown', '_private_but_listed']
shown = 1
hidden = 2
_private_but_listed = 3
