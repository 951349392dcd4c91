"""Wall time of the whole ``congregate-lint conf --live`` run against one ``aws sts get-caller-identity``.

Both talk to the same local servers: moto (in this process, IAM auth on, seeded like the tests), git's
``http-backend`` behind the tests' loopback Git server, and the tests' GitLab REST double as the destination. The
pre-flight checks both sides: AWS and Git for the CodeCommit source, six GitLab calls for the destination (a
seventh, the token's role in the parent group, only for non-administrators). The two commands run as fresh
processes, interleaved, for N rounds after one warm-up each; the medians are printed side by side. The goal: the full pre-flight, every live check included, takes less wall time than that single aws-cli call.

Usage (from the repository root, with the ``bench`` extra installed for awscli):

    python bench/live_bench.py [--rounds N]
"""

import argparse
import base64
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import installed  # noqa: E402
from tests.live_servers import (  # noqa: E402
    GitHttpServer, GitLabDouble, GitLabToken, MotoServer, make_bare_repository, seed_account,
)

GIT_USER = "allowed-at-123456789012"
GIT_PASSWORD = base64.b64encode(bytes(range(32))).decode("ascii")
GITLAB_TOKEN = "glpat-" + "BenchT0kenF0rTheD0ub"
LIVE_RULES = [f"L00{n}" for n in range(1, 8)] + [f"D10{n}" for n in range(1, 8)]
AMBIENT_PREFIXES = ("AWS_", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NO_PROXY", "no_proxy")


def b64(text: str) -> str:
    return base64.b64encode(text.encode("ascii")).decode("ascii")


def conf_text(key_id: str, secret: str, gitlab_url: str) -> str:
    return (f"[DESTINATION]\ndstn_hostname = {gitlab_url}\ndstn_access_token = {b64(GITLAB_TOKEN)}\n"
            "import_user_id = 5\ndstn_parent_group_id = 42\ndstn_parent_group_path = company/migrated\n\n"
            f"[SOURCE]\nsrc_type = CodeCommit\nsrc_aws_region = us-east-1\nsrc_aws_access_key_id = {key_id}\n"
            f"src_aws_secret_access_key = {b64(secret)}\nsrc_aws_codecommit_username = {GIT_USER}\n"
            f"src_aws_codecommit_password = {b64(GIT_PASSWORD)}\n\n[EXPORT]\nfilesystem_path = /var/congregate\n")


def clean_env(home: Path, extra: Dict[str, str]) -> Dict[str, str]:
    env = {key: value for key, value in installed.environment().items() if not key.startswith(AMBIENT_PREFIXES)}
    env.update(HOME=str(home), **extra)
    return env


def timed(command: List[str], env: Dict[str, str], expect: int) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != expect:
        raise SystemExit(f"{command[0]} exited {result.returncode}: {result.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def check_every_live_rule_passes(lint: List[str], env: Dict[str, str]) -> None:
    output = subprocess.run([*lint[:-1], "--format", "json", lint[-1]], env=env, stdout=subprocess.PIPE,
                            check=False).stdout
    findings = json.loads(output)["findings"]
    live = {finding["rule"]: finding["severity"] for finding in findings if finding["rule"] in LIVE_RULES}
    if live != {rule: "info" for rule in LIVE_RULES}:
        raise SystemExit(f"the live checks did not all pass: {live}")


def destination_double() -> GitLabDouble:
    """The destination GitLab: an administrator's token, the import user and the parent group."""
    gitlab = GitLabDouble()
    gitlab.add_user(1, "root", admin=True)
    gitlab.add_user(5, "importer")
    gitlab.add_group(42, "company/migrated")
    gitlab.tokens[GITLAB_TOKEN] = GitLabToken(1, ("api",), "2099-01-01")
    return gitlab


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    installed.compile_project()
    aws_cli = shutil.which("aws") or str(Path(sys.executable).with_name("aws"))
    lint_cli = shutil.which("congregate-lint") or str(Path(sys.executable).with_name("congregate-lint"))
    moto = MotoServer()
    work = Path(tempfile.mkdtemp(prefix="live-bench-"))
    for name in ("alpha", "beta", "gamma"):
        make_bare_repository(work, name)
    git = GitHttpServer(work, {GIT_USER: GIT_PASSWORD})
    gitlab = destination_double()
    try:
        user = seed_account(moto).allowed
        conf = work / "congregate.conf"
        conf.write_text(conf_text(user.key_id, user.secret, gitlab.url))
        lint = [lint_cli, "conf", "--live", "--isolated", "--select", "ALL", str(conf)]
        lint_env = clean_env(work, {"AWS_ENDPOINT_URL": moto.url, "CONGREGATE_LINT_GIT_ENDPOINT": git.url})
        aws = [aws_cli, "sts", "get-caller-identity"]
        aws_env = clean_env(work, {"AWS_ENDPOINT_URL": moto.url, "AWS_ACCESS_KEY_ID": user.key_id,
                                   "AWS_SECRET_ACCESS_KEY": user.secret, "AWS_DEFAULT_REGION": "us-east-1"})
        check_every_live_rule_passes(lint, lint_env)
        lint_exit = subprocess.run(lint, env=lint_env, stdout=subprocess.DEVNULL, check=False).returncode
        timed(aws, aws_env, 0)  # warm-up: disk cache, .pyc files
        lint_times, aws_times = [], []
        for _ in range(rounds):
            lint_times.append(timed(lint, lint_env, lint_exit))
            aws_times.append(timed(aws, aws_env, 0))
    finally:
        gitlab.stop()
        git.stop()
        moto.stop()
        shutil.rmtree(work, ignore_errors=True)
    report(rounds, lint_times, aws_times)


def report(rounds: int, lint_times: List[float], aws_times: List[float]) -> None:
    lint_median, aws_median = statistics.median(lint_times), statistics.median(aws_times)
    print(f"{rounds} interleaved rounds, wall time in seconds (median / min / max)")
    print(f"  congregate-lint conf --live (14 live checks, both sides):    "
          f"{lint_median:.3f} / {min(lint_times):.3f} / {max(lint_times):.3f}")
    print(f"  aws sts get-caller-identity (1 call):                        "
          f"{aws_median:.3f} / {min(aws_times):.3f} / {max(aws_times):.3f}")
    print(f"  ratio (lint / aws-cli): {lint_median / aws_median:.2f}")


if __name__ == "__main__":
    main()
