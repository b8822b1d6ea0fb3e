"""Article 7 transparency reports."""
