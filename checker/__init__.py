"""provcheck: source-provenance and quality checks for plain-text news articles."""

__version__ = "0.1.0"
