"""What a GitLab instance's live answers mean, for the destination (D1…) and a GitLab source (G1…).

The live D and G rules are thin modules that name their side and call one of these;
the findings are placed as the offline checks in ``_gitlab`` place theirs.
"""

from typing import Callable, Iterator, Optional

from congregate_lint.findings import Problem, Severity
from congregate_lint.gitlab_keys import DESTINATION, GITLAB_SOURCE_TYPE, KEYS, SOURCE, SideKeys
from congregate_lint.live.results import (
    GITLAB_GROUP, GITLAB_IMPORT_USER, GITLAB_MEMBERSHIP, GITLAB_SETTINGS, GITLAB_TOKEN_INFO, GITLAB_USER,
    GITLAB_VERSION, ProbeResult, gitlab_probe,
)
from congregate_lint.model import Conf

from ._gitlab import applies, on_key

SIDE_NAMES = {DESTINATION: "destination", SOURCE: "source"}
# Failure kinds (live.gitlab) that mean the token or its user was refused, whatever was asked.
TOKEN_REFUSED = {"token-unknown", "token-expired", "token-revoked", "token-impersonation", "user-denied"}


# --- probes ---------------------------------------------------------------------------------------------------------

def probe(live, conf: Conf, side: str, check: str) -> ProbeResult:
    return live.results(conf).probe(gitlab_probe(side, check))


def outcome(conf: Conf, side: str, result: ProbeResult, what: str,
            success: Callable[[ProbeResult], Problem], default_key: Optional[str] = None) -> Iterator[Problem]:
    """The one problem a GitLab probe gives: not checked (why), its failure (split), or ``success``.

    A refused token is reported once, by the token owner check (the user probe); the others say they could not check.
    """
    keys = KEYS[side]
    user_probe = gitlab_probe(side, GITLAB_USER)
    if result.skip is not None:
        yield on_key(conf, keys, result.skip.key, f"{what} not checked", result.skip.reason + ".",
                     severity=result.skip.severity, skipped=True)
    elif result.failure is not None and result.failure.kind in TOKEN_REFUSED and result.name != user_probe:
        yield on_key(conf, keys, None, f"{what} not checked", "GitLab refused the token (the token owner check "
                     "says why).", severity=Severity.INFO, skipped=True)
    elif result.failure is not None:
        failure = result.failure
        text = failure.text if failure.explanation else f"{what}: {failure.text}"
        yield on_key(conf, keys, failure.key or default_key or keys.host, text, failure.explanation, failure.fix,
                     failure.severity)
    else:
        yield _naming_host(success(result), result)


def _naming_host(problem: Problem, result: ProbeResult) -> Problem:
    """Every live finding names the host the token went to: in the headline, else at the end of the explanation."""
    host = result.data.get("host")
    if not host or host in problem.headline or host in problem.explanation:
        return problem
    return problem.noted(f"Asked at {host}.")


def refused_token(live, conf: Conf, side: str) -> Optional[ProbeResult]:
    """The user probe, when it failed: the checks that build on a working token then say so instead."""
    user = probe(live, conf, side, GITLAB_USER)
    return user if user.failure is not None else None


def not_checked_because(conf: Conf, side: str, what: str, because: str) -> Problem:
    keys = KEYS[side]
    return on_key(conf, keys, None, f"{what} not checked", because, severity=Severity.INFO, skipped=True)


# --- live: what each answer means ---------------------------------------------------------------------------------

OLDEST_WITH_TOKEN_SELF = (15, 5, 0)
EXPIRY_WARNING_DAYS = 7
# The import source each src_type's migration path needs on the destination (application setting import_sources).
NEEDED_IMPORT_SOURCE = {
    "codecommit": ("gitlab_project", "CodeCommit repositories are cloned, then imported as GitLab export files"),
    "gitlab": ("gitlab_project", "GitLab projects are exported and imported as export files"),
    "azure devops": ("gitlab_project", "Azure DevOps projects are turned into GitLab export files and imported"),
    "bitbucket cloud": ("bitbucket", "Bitbucket Cloud repositories are imported by GitLab's Bitbucket Cloud importer "
                                     "(POST /import/bitbucket)"),
    "github": ("github", "GitHub repositories are imported by GitLab's GitHub importer"),
    "bitbucket server": ("bitbucket_server", "Bitbucket Server repositories are imported by GitLab's Bitbucket "
                                             "Server importer"),
}


def version_outcome(conf: Conf, live, side: str) -> Iterator[Problem]:
    what = f"GitLab {SIDE_NAMES[side]} version"

    def success(found: ProbeResult) -> Problem:
        data = found.data
        edition = "Enterprise Edition" if data.get("enterprise") else "Community Edition"
        numbers = data.get("numbers")
        old = numbers is not None and tuple(numbers) < OLDEST_WITH_TOKEN_SELF
        note = " Before 15.5 GitLab cannot describe a token's scopes and expiry." if old else ""
        return on_key(conf, KEYS[side], KEYS[side].host, f"GitLab {data.get('version')} ({edition}) answers at "
                      f"{data.get('host')}", f"The API answered with the conf's token.{note}",
                      severity=Severity.INFO)

    yield from outcome(conf, side, probe(live, conf, side, GITLAB_VERSION), what, success)


def user_outcome(conf: Conf, live, side: str) -> Iterator[Problem]:
    keys = KEYS[side]
    source_type = (conf.value("SOURCE", "src_type") or "").lower()

    def success(found: ProbeResult) -> Problem:
        data = found.data
        who = f"the token of {data.get('username')} is accepted at {data.get('host')}"
        if data.get("admin"):
            return on_key(conf, keys, keys.token, f"{who} (administrator)", severity=Severity.INFO)
        if side == SOURCE or source_type == GITLAB_SOURCE_TYPE:
            return on_key(conf, keys, keys.token, f"{who}, but the user is not an administrator",
                          "For GitLab to GitLab migrations Congregate needs administrators' tokens on both sides "
                          "(its runbooks say so): it lists every user, group and project, triggers exports, creates "
                          "users and maps contributions. Its validator only prints a warning, then whatever the "
                          "token cannot see is silently left out.",
                          "Use a personal access token of an administrator, with the api scope.", Severity.ERROR)
        return on_key(conf, keys, keys.token, f"{who}, but the user is not an administrator",
                      "A non-administrator can import projects into groups where it is Maintainer or Owner, but "
                      "cannot create users, map contributions to them, use sudo or read the application settings "
                      "(so the import sources cannot be checked). Congregate's runbooks ask for an administrator's "
                      "token.", "Use a token of an administrator (on GitLab.com: the group's Owner, with the "
                      "import-related steps done by GitLab).", Severity.WARNING)

    yield from outcome(conf, side, probe(live, conf, side, GITLAB_USER), f"GitLab {SIDE_NAMES[side]} token", success,
                       keys.token)


def token_outcome(conf: Conf, live, side: str) -> Iterator[Problem]:
    keys = KEYS[side]
    what = f"GitLab {SIDE_NAMES[side]} token scopes and expiry"
    result = probe(live, conf, side, GITLAB_TOKEN_INFO)
    refused = refused_token(live, conf, side)
    if result.failure is not None and refused is not None:
        yield not_checked_because(conf, side, what, "the token itself was refused (see the token check).")
        return
    if result.ok and result.data.get("unknown"):
        yield on_key(conf, keys, keys.token, f"{what} not checked",
                     "GitLab does not describe this token: it is not a personal, group or project access token, "
                     "or GitLab is older than 15.5.", severity=Severity.INFO, skipped=True)
        return
    user = probe(live, conf, side, GITLAB_USER)

    def success(found: ProbeResult) -> Problem:
        return _judge_token(conf, keys, found.data, bool(user.ok and user.data.get("admin")))

    yield from outcome(conf, side, result, what, success, keys.token)


def _judge_token(conf: Conf, keys: SideKeys, data: dict, admin: bool) -> Problem:
    scopes = data.get("scopes") or []
    listed = ", ".join(scopes) or "none"
    days, expires = data.get("days_left"), data.get("expires_at")
    fix = "Create a personal access token with the api scope and store its base64."
    if data.get("revoked") or not data.get("active"):
        return on_key(conf, keys, keys.token, "the token is revoked or inactive",
                      "GitLab refuses every call made with it.", fix, Severity.ERROR)
    if "api" not in scopes:
        headline = ("the token has read_api but not api" if "read_api" in scopes
                    else f"the token lacks the api scope (it has {listed})")
        return on_key(conf, keys, keys.token, headline,
                      "Congregate creates groups and projects, imports, archives and exports: all need the api "
                      "scope; read_api only reads.", fix, Severity.ERROR)
    if days is not None and days <= 0:
        return on_key(conf, keys, keys.token, f"the token expired on {expires}", "GitLab refuses it.", fix,
                      Severity.ERROR)
    if days is not None and days <= EXPIRY_WARNING_DAYS:
        return on_key(conf, keys, keys.token, f"the token expires on {expires}, in {days} days",
                      "A migration that runs past that date fails midway, with some projects imported and others "
                      "not.", "Create a token that outlives the migration window and store its base64.",
                      Severity.WARNING)
    expiry = f"expires {expires}" if expires else "never expires"
    note = ("" if not admin or "admin_mode" in scopes else
            "If this instance enforces Admin Mode, administrator API calls also need the admin_mode scope.")
    return on_key(conf, keys, keys.token, f"the token has the scopes {listed}; it {expiry}", note,
                  severity=Severity.INFO)


def group_outcome(conf: Conf, live, side: str) -> Iterator[Problem]:
    keys = KEYS[side]
    configured = conf.value(keys.section, keys.group_path)

    def success(found: ProbeResult) -> Problem:
        data = found.data
        full_path, visibility = data.get("full_path"), data.get("visibility")
        if configured is not None and full_path != configured:
            return on_key(conf, keys, keys.group_path, f"group {conf.value(keys.section, keys.group_id)} is "
                          f"'{full_path}', not '{configured}'",
                          "Congregate compares the two exactly (case included) and raises ConfigurationException "
                          "when they differ.", f"Set {keys.group_path} = {full_path}, or correct {keys.group_id}.",
                          Severity.ERROR)
        if side == DESTINATION and visibility == "public":
            return on_key(conf, keys, keys.group_id, f"the parent group '{full_path}' is public",
                          "Congregate's validator refuses a public destination parent group: everything migrated "
                          "below it could become visible to anyone.",
                          "Set the group's visibility to internal or private (Settings → General).", Severity.ERROR)
        return on_key(conf, keys, keys.group_path if configured else keys.group_id,
                      f"the parent group is '{full_path}' ({visibility})", severity=Severity.INFO)

    yield from outcome(conf, side, probe(live, conf, side, GITLAB_GROUP),
                       f"GitLab {SIDE_NAMES[side]} parent group", success, keys.group_id)


def import_user_outcome(conf: Conf, live) -> Iterator[Problem]:
    keys = KEYS[DESTINATION]
    expected = conf.value("DESTINATION", "import_user_id")

    def success(found: ProbeResult) -> Problem:
        data = found.data
        state, name = data.get("state"), data.get("username")
        if data.get("id") is not None and str(data.get("id")) != (expected or "").strip():
            return on_key(conf, keys, "import_user_id", f"GitLab answered with user {data.get('id')} for "
                          f"import_user_id {expected}", "Congregate's validator raises when the IDs differ.",
                          "Write the user's numeric ID.", Severity.ERROR)
        if state in ("blocked", "banned", "blocked_pending_approval", "ldap_blocked"):
            return on_key(conf, keys, "import_user_id", f"the import user {name} is {state.replace('_', ' ')}",
                          "Congregate's validator only checks that the user exists, but GitLab does not let a "
                          "blocked or banned user own imports or be added to groups, so imports fail later.",
                          "Unblock the user (Admin Area → Users) or choose another import_user_id.", Severity.ERROR)
        if state == "deactivated":
            return on_key(conf, keys, "import_user_id", f"the import user {name} is deactivated",
                          "GitLab reactivates a deactivated user at their next sign-in; until then it cannot "
                          "be added to groups and projects.", "Activate the user (Admin Area → Users).",
                          Severity.WARNING)
        shown = f" ({state})" if state else ""
        return on_key(conf, keys, "import_user_id", f"the import user is {name}{shown}", severity=Severity.INFO)

    yield from outcome(conf, DESTINATION, probe(live, conf, DESTINATION, GITLAB_IMPORT_USER), "import user", success,
                       "import_user_id")


def settings_outcome(conf: Conf, live) -> Iterator[Problem]:
    keys = KEYS[DESTINATION]
    what = "destination import sources"
    source_type = (conf.value("SOURCE", "src_type") or "").lower()
    direct_transfer = (conf.value("APP", "direct_transfer") or "").lower() in ("1", "yes", "true", "on")

    def success(found: ProbeResult) -> Problem:
        data = found.data
        if data.get("forbidden"):
            return on_key(conf, keys, keys.token, f"{what} not checked: needs an administrator's token",
                          "Only administrators may read GET /api/v4/application/settings.", severity=Severity.INFO,
                          skipped=True)
        enabled = data.get("import_sources") or []
        if direct_transfer:
            if data.get("bulk_import_enabled"):
                return on_key(conf, keys, keys.host, "Direct Transfer is enabled on the destination",
                              severity=Severity.INFO)
            return on_key(conf, keys, keys.host, "Direct Transfer is disabled on the destination",
                          "[APP] direct_transfer is on, and Congregate's validator raises when the destination "
                          "does not allow it.", "An administrator enables 'Allow migrating GitLab groups and "
                          "projects by direct transfer' (Admin Area → Settings → General → Import and export).",
                          Severity.ERROR)
        needed = NEEDED_IMPORT_SOURCE.get(source_type)
        if needed is None:
            return on_key(conf, keys, keys.host, f"import sources enabled: {', '.join(enabled) or 'none'}",
                          severity=Severity.INFO)
        source, why = needed
        if source not in enabled:
            return on_key(conf, keys, keys.host, f"the import source {source} is disabled on the destination",
                          f"{why}, which GitLab refuses (403) while {source} is not an allowed import source.",
                          f"An administrator enables it: Admin Area → Settings → General → Import and export "
                          f"settings → Import sources ({source}).", Severity.ERROR)
        return on_key(conf, keys, keys.host, f"the import source {source} is enabled", why + ".",
                      severity=Severity.INFO)

    yield from outcome(conf, DESTINATION, probe(live, conf, DESTINATION, GITLAB_SETTINGS), what, success)


def version_order(conf: Conf, live) -> Iterator[Problem]:
    """Source not newer than the destination, and at most two minor versions behind (file export/import)."""
    keys = KEYS[SOURCE]
    what = "GitLab source and destination versions"
    if not applies(conf, SOURCE):
        return
    source, destination = probe(live, conf, SOURCE, GITLAB_VERSION), probe(live, conf, DESTINATION, GITLAB_VERSION)
    if not (source.ok and destination.ok) or not (source.data.get("numbers") and destination.data.get("numbers")):
        yield not_checked_because(conf, SOURCE, what, "both versions are needed (see the version checks).")
        return
    old, new = tuple(source.data["numbers"]), tuple(destination.data["numbers"])
    pair = f"source {source.data.get('version')}, destination {destination.data.get('version')}"
    if old > new:
        yield on_key(conf, keys, keys.host, f"the source GitLab is newer than the destination ({pair})",
                     "GitLab imports an export file only from the same or an older version, so every project "
                     "import fails.", "Upgrade the destination to at least the source's version first.",
                     Severity.ERROR)
    elif old[0] != new[0] or new[1] - old[1] > 2:
        yield on_key(conf, keys, keys.host, f"the source GitLab is more than two minor versions behind ({pair})",
                     "Congregate's documentation supports file export/import across at most two minor versions.",
                     "Upgrade the source, or use Direct Transfer.", Severity.WARNING)
    else:
        yield on_key(conf, keys, keys.host, f"versions fit for export/import ({pair})", severity=Severity.INFO)


ACCESS_LEVELS = {10: "Guest", 15: "Planner", 20: "Reporter", 30: "Developer", 40: "Maintainer", 50: "Owner"}
MAINTAINER, DEVELOPER = 40, 30


def membership_outcome(conf: Conf, live) -> Iterator[Problem]:
    """Whether the token's (non-administrator) user may create projects and subgroups in the parent group."""
    keys = KEYS[DESTINATION]
    what = "token's access to the parent group"
    group = conf.value(keys.section, keys.group_path) or f"group {conf.value(keys.section, keys.group_id)}"

    def success(found: ProbeResult) -> Problem:
        level = found.data.get("access_level")
        role = ACCESS_LEVELS.get(level, f"access level {level}")
        if level is None or level < DEVELOPER:
            headline = (f"the token's user is not a member of {group}" if level is None
                        else f"the token's user is only {role} in {group}")
            return on_key(conf, keys, keys.group_id, headline,
                          "A non-administrator needs Maintainer (Developer where the group allows it) to create "
                          "projects there, and Owner to create subgroups; every import into the group is refused.",
                          "Make the token's user an Owner of the parent group, or use an administrator's token.",
                          Severity.ERROR)
        if level < MAINTAINER:
            return on_key(conf, keys, keys.group_id, f"the token's user is only Developer in {group}",
                          "Developers create projects only where the group's 'Roles allowed to create projects' "
                          "includes them, and never subgroups.", "Make the token's user an Owner of the group.",
                          Severity.WARNING)
        note = "" if level >= 50 else "Subgroups need Owner unless the group lets Maintainers create them."
        return on_key(conf, keys, keys.group_id, f"the token's user is {role} in {group}", note,
                      severity=Severity.INFO)

    yield from outcome(conf, DESTINATION, probe(live, conf, DESTINATION, GITLAB_MEMBERSHIP), what, success,
                       keys.group_id)
