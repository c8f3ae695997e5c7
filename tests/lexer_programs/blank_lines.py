x = 1
    
	
  # indented comment
y = 2
