print('nspkg.mod', __name__, __package__)
