"""Output formats, one module each; every module has ``render(report, color) -> str`` and knows no rule. A module
that can also hand its report out in pieces (``pieces(report, color)``: all but junit) has it written as
it is made."""

import importlib
from collections.abc import Mapping


class _Formatters(Mapping):
    """Format name → its module, imported on first use: a run loads only the formats it writes."""

    def __init__(self, modules):
        self._modules = modules

    def __getitem__(self, name):
        return importlib.import_module(f"{__name__}.{self._modules[name]}")

    def __iter__(self):
        return iter(self._modules)

    def __len__(self):
        return len(self._modules)


FORMATTERS = _Formatters({
    "text": "text",
    "concise": "concise",
    "json": "json_format",
    "sarif": "sarif",
    "gitlab": "gitlab",
    "junit": "junit",
    "github": "github",
})
