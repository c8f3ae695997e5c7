x = "héllo" bar
