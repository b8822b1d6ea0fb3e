"""The Coordination Committee meeting pack."""
