"""Article 3 and 4 deadlines and extension requests."""
