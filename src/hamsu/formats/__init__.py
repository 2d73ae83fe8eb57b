"""Writing results: atomic files, and the TMX, TSV and JSON lines formats."""
