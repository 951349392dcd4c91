"""Rule documentation pages: ``docs/rules/<ID>.md``, generated from each rule's docstring.

Regenerate them with ``congregate-lint docs --write docs/rules``; a test fails when
they drift from the rules.
"""

import os
import re
from types import ModuleType
from typing import Dict, List, Sequence

from congregate_lint.registry import documentation
from congregate_lint.rules import RULES

# Where docs/rules/ is published: SARIF's helpUri and `explain` point here. One place to change.
DOCS_URL = "https://gitlab.com/gitlab-org/professional-services-automation/tools/migration/congregate-lint/-/blob/main/docs/rules/"
GENERATED_NOTE = "<!-- Generated from the rule's docstring by `congregate-lint docs --write docs/rules`; do not edit. -->\n"


_FIX_PARAGRAPH = re.compile(r"\*\*Fix\.\*\*\s*(.*?)(?:\n\s*\n|\Z)", re.DOTALL)


def help_uri(rule_id: str) -> str:
    return f"{DOCS_URL}{rule_id}.md"


def fix_text(rule: ModuleType) -> str:
    """The **Fix.** paragraph of a rule's documentation, as one line of plain text."""
    found = _FIX_PARAGRAPH.search(rule.__doc__ or "")
    return " ".join(found.group(1).replace("``", "`").split()) if found else ""


def pages(rules: Sequence[ModuleType] = RULES) -> Dict[str, str]:
    """File name → Markdown page: one per rule, and README.md indexing them."""
    generated = {f"{rule.ID}.md": GENERATED_NOTE + "\n" + documentation(rule) for rule in rules}
    generated["README.md"] = GENERATED_NOTE + "\n" + _index(rules)
    return generated


def _index(rules: Sequence[ModuleType]) -> str:
    rows = ["# Rules", "", "| ID | name | severity | summary |", "|---|---|---|---|"]
    rows.extend(f"| [{rule.ID}]({rule.ID}.md) | {rule.NAME} | {rule.SEVERITY.value} | {rule.SUMMARY} |" for rule in rules)
    return "\n".join(rows) + "\n"


def write_pages(directory: str, rules: Sequence[ModuleType] = RULES) -> List[str]:
    """Write every page (and remove pages of rules that no longer exist); returns the files that changed."""
    os.makedirs(directory, exist_ok=True)
    wanted = pages(rules)
    changed = []
    for name, text in wanted.items():
        target = os.path.join(directory, name)
        if _read(target) != text:
            with open(target, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            changed.append(target)
    for name in sorted(os.listdir(directory)):
        if name.endswith(".md") and name not in wanted:
            os.remove(os.path.join(directory, name))
            changed.append(os.path.join(directory, name))
    return changed


def stale_pages(directory: str, rules: Sequence[ModuleType] = RULES) -> List[str]:
    """Pages that are missing, outdated or left over from a removed rule."""
    wanted = pages(rules)
    stale = [name for name, text in wanted.items() if _read(os.path.join(directory, name)) != text]
    present = os.listdir(directory) if os.path.isdir(directory) else []
    return stale + sorted(name for name in present if name.endswith(".md") and name not in wanted)


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        return ""
