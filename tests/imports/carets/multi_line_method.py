s = "a"
r = (s
     .upper()
     .nope())
