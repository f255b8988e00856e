"""The digest service."""
