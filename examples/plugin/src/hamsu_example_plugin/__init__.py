"""An example hamsu plugin: a CSV output format (csv_format.py) and a check rule (parentheses.py)."""
