"""Universalization: who has joined, where, since when; the targets."""
