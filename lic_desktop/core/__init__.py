"""Pure-Python calculation engine: money, periods, catalogs, policies, quotes.

Imports neither Qt nor babel (see the import-linter contracts in pyproject.toml).
"""
