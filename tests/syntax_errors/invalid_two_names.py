x = foo bar
