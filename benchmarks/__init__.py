"""Benchmarks: run by hand (`python -m benchmarks.perf`), never collected by pytest (testpaths = tests)."""
