"""The root of every error Mangomoment raises on purpose; each service derives its own."""


class MangoError(Exception):
    """Base class: catch this to tell our own failures from bugs."""
