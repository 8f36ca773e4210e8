"""SQL lives here as named queries in *.sql files; runner.py runs them with parameters only."""
