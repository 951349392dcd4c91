"""JSON Schemas shipped with congregate-lint (package data)."""
