"""Article 5 victim assistance."""
