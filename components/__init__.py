"""Reusable UI pieces. Pages call these; these call queries/ via store.py. No SQL here."""
