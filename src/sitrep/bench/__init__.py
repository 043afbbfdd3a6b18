"""Benchmark bodies and generators behind `sitrep bench`; nothing in the library imports this package."""
