"""Shared helpers for the GitHub (H), Bitbucket (B) and Azure DevOps (A) source rules."""

from typing import TYPE_CHECKING, Callable, Iterator, Optional, Tuple

from congregate_lint import source_settings as src
from congregate_lint.findings import Problem, Severity
from congregate_lint.model import Conf
from congregate_lint.shapes import token_kind

from . import _codecommit as cc

if TYPE_CHECKING:  # the offline A, B and H checks share this module; they do not load the live package
    from congregate_lint.live.results import ProbeResult


def applies(conf: Conf, *source_types: str) -> bool:
    """True when ``src_type``, as Congregate compares it, is one of ``source_types``."""
    return src.source_type(conf) in source_types


def value(conf: Conf, key: str) -> Optional[str]:
    """The [SOURCE] value the rules judge: Congregate's, cut before an inline comment (P010 reports it)."""
    return cc.judged(conf, key)


def decoded_token(conf: Conf) -> Optional[str]:
    """``src_access_token`` as Congregate decodes it, or None when unset or decoding to nothing."""
    stored = value(conf, src.TOKEN)
    return (src.decoded_text(stored) or None) if stored else None


def hostname(conf: Conf) -> Optional[str]:
    """``src_hostname`` as Congregate uses it (stripped, without trailing '/'), or None when unset."""
    written = value(conf, src.HOSTNAME)
    return src.congregate_hostname(written) if written else None


def hostname_problems(conf: Conf, source_type: str,
                      diagnose: Callable[[str], Optional[Tuple[str, str, str]]]) -> Iterator[Problem]:
    """The problem ``diagnose`` finds with a written src_hostname (headline, explanation, fix), for a conf whose
    src_type is ``source_type``."""
    if not applies(conf, source_type):
        return
    written = hostname(conf)
    found = diagnose(written) if written else None
    if found is not None:
        yield problem(conf, src.HOSTNAME, *found)


def problem(conf: Conf, key: Optional[str], headline: str, explanation: str, fix: str,
            severity: Optional[Severity] = None, skipped: bool = False) -> Problem:
    """A problem on a [SOURCE] key where it is written ([SOURCE], or [DEFAULT] when inherited), or on [SOURCE]."""
    option = conf.option(src.SECTION, key) if key is not None else None
    section = option.section if option is not None else src.SECTION
    return Problem(headline, section=section, key=key, severity=severity, explanation=explanation, fix=fix,
                   skipped=skipped)


def live_outcome(conf: Conf, live, name: str, check: Tuple[str, str], source_types: Tuple[str, ...],
                 success: "Callable[[ProbeResult], Problem]") -> Iterator[Problem]:
    """The one problem a source probe gives: not checked (why), its failure (split), or ``success``; when it sent
    a credential, the explanation says to which host (and who chose it).

    ``check`` is the rule's CHECK (side, item). Nothing when the conf's source is not
    one of ``source_types`` (the probe then asked nothing).
    """
    if src.source_type(conf) not in source_types:
        return
    what = " ".join(check)
    result = live.results(conf).probe(name)
    if result.skip is not None:
        yield problem(conf, result.skip.key, f"{what} not checked", result.skip.reason + ".", "",
                      result.skip.severity, skipped=True)
        return
    if result.failure is not None:
        failure = result.failure
        found = problem(conf, failure.key or src.HOSTNAME, failure.text, failure.explanation, failure.fix,
                        failure.severity)
    else:
        found = success(result)
    sent = result.destination()
    yield found.noted(sent) if sent else found


def has_scheme(hostname_value: str) -> bool:
    return hostname_value.lower().startswith(("http://", "https://"))


def decoded_issue(text: str, expected: str) -> Optional[str]:
    """What is wrong with a decoded credential Congregate would send, in words, or None.

    ``expected`` names what belongs there ("a GitHub personal access token"). Covers
    whitespace (``echo`` adds a newline), a value obfuscated twice, and a token of another system.
    """
    if any(char.isspace() for char in text):
        where = "ends with a newline" if text.endswith("\n") else "contains whitespace"
        return (f"the decoded value {where}; Congregate sends it as it is, and the HTTP client refuses a header "
                "with a line break, or the server refuses the credential")
    twice = src.decoded_text(text)
    if twice and token_kind(twice):
        return "the value was obfuscated twice: Congregate decodes it once and sends base64 text, not the token"
    kind = token_kind(text)
    if kind and kind != expected:
        return f"the decoded value has the shape of {kind}, not of {expected}"
    return None


def ignored_keys(conf: Conf, source_type: str) -> Iterator[Problem]:
    """An info finding for each [SOURCE] key that is set but read only for other source types."""
    name = src.NAMES[source_type]
    for key, readers in src.READ_ONLY_BY.items():
        if source_type in readers or value(conf, key) is None:
            continue
        others = " and ".join(src.NAMES[reader] for reader in readers)
        yield problem(
            conf, key, f"{key} is set but not used when the source is {name}",
            f"Congregate reads {key} only when the source is {others}; with src_type = {source_type} it ignores the "
            "line, "
            "which is usually left over from another configuration or the template.",
            "Delete the line, or keep it knowing that Congregate does not use it.")
