"""Reading documents: bytes to text, with clear errors for bad input."""
