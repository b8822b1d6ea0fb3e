"""One State's profile on a reference date."""
