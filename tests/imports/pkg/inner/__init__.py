print('pkg.inner init', __package__)
