print('raises: running')
counter = 1
raise ValueError('boom at import')
