"""sitrep: an open-source situation monitor (reports in, sourced events and site status out)."""

__version__ = "0.1.0"
EXTRACTOR = f"sitrep-rules-{__version__}"
