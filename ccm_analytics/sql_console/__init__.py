"""The read-only SQL console."""
