if x:
    	a
	    b
