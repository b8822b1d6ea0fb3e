"""Keeping the data current: import files, check them against the schema, commit, undo, replay."""
