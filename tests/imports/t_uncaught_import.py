import raises
