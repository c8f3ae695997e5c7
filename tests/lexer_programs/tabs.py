if True:
	x = 1
	if x:
		y = 2
	else:
	        z = 3
	w = 4
class C:
        	pass
