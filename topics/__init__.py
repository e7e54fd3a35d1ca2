"""topics: find and label themes in Chinese local-government news."""
__version__ = "0.1.0"
