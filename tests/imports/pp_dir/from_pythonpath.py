WHERE = 'found through PYTHONPATH'
