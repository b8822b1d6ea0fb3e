"""The Overview page: where implementation stands on the reference date."""
