y = rb'''abc

