"""Normalising the public research notes into data/."""
