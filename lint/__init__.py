"""congregate-lint: a linter and pre-flight checker for Congregate's congregate.conf."""

__version__ = "0.1.0"
