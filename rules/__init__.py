"""The explicit registry of every rule, in ID order.

IDs are one letter and three digits, by range: P parse, S schema, C CodeCommit
source, L live (``--live``), M meta (the tool itself).
"""

from congregate_lint.rules import (
    m001_internal_error,
    p001_missing_section_header,
    p002_unparsable_line,
    p003_bare_key,
    p004_duplicate_section,
    p005_duplicate_option,
    p006_utf8_bom,
    p007_not_utf8,
    p008_nul_byte,
    p009_interpolation,
    p010_inline_comment,
    p011_default_section,
    p012_skip_staging_parents,
    p013_file_too_large,
)

RULES = (
    p001_missing_section_header,
    p002_unparsable_line,
    p003_bare_key,
    p004_duplicate_section,
    p005_duplicate_option,
    p006_utf8_bom,
    p007_not_utf8,
    p008_nul_byte,
    p009_interpolation,
    p010_inline_comment,
    p011_default_section,
    p012_skip_staging_parents,
    p013_file_too_large,
    m001_internal_error,
)
