"""``--fix`` and ``--diff``: repairs proposed per rule, applied as byte-span edits in passes, then written or shown.

- ``repairs``: the fixers, one per fixable rule (``FIXERS``).
- ``edits``: byte-span edits on the original bytes, placed by the model's lines and columns.
- ``passes``: lint, repair, lint again until nothing more is fixable (``fix_source``).
- ``diff``: the change as a unified diff with every secret masked (``masked_diff``).
- ``write``: what happens to the fixed text: a file replaced, stdout, or the diff (``fix_file``).
"""
