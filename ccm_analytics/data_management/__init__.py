"""The Data page: import, check, commit, undo, and the import log."""
