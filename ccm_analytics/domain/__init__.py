"""The Convention's arithmetic and vocabularies: pure, no I/O, no pandas-free promise broken."""
