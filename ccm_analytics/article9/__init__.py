"""Article 9 national implementation measures."""
