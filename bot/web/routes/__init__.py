"""HTTP routes: thin shells that parse, call plain Python and map errors."""
