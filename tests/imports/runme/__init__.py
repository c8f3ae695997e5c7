print('runme init', __name__)
