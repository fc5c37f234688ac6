"""German number and date formats, parsed in one module each."""
