"""Output formats, one module each; every module has ``render(report, color) -> str`` and knows no rule."""

from congregate_lint.formatters import json_format, text

FORMATTERS = {
    "text": text,
    "json": json_format,
}
