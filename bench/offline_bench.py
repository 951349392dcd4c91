"""Offline speed and memory beside yamllint, the hook a pre-commit run is judged against, in one interleaved run.

Each round runs, as whole fresh processes one right after the other: yamllint on a small YAML file, then
congregate-lint on one clean conf, on one conf with a finding that is not about the schema (C001), on one conf
that breaks the schema (S004: jsonschema is imported to describe it), and on 1,000 clean confs in one call; the
interpreter alone and check-jsonschema (when installed) are shown for scale. Every conf sits in a git checkout
without project configuration, as in a repository that only adds the hook. Each figure is the median over the
rounds of the ratio to the yamllint run of the same round (wall time, and CPU time, which a busy machine
disturbs less), so load that comes and goes affects both sides of a ratio alike.

Goals (issue 13):

- one clean conf: at most 0.9x yamllint (stretch 0.7x);
- one conf with findings: at most 1.3x yamllint (a conf that breaks the schema has no goal: jsonschema, imported
  to describe what is wrong, costs more than yamllint's whole run);
- a batch: at most 1 ms per extra file over 1,000 confs;
- peak memory of one run: at most yamllint's + 10%.

Run: ``python bench/offline_bench.py [--rounds N] [--files N]`` (POSIX: ``os.wait4`` gives each child's CPU time
and peak memory). The project is byte-compiled first, as after a normal ``pip install`` (bench/installed.py).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, NamedTuple

import installed

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "congregate.conf"
BIN = Path(sys.executable).parent
ENVIRONMENT = installed.environment()
SMALL_YAML = """\
---
repos:
  - repo: https://github.com/adrienverge/yamllint
    rev: v1.35.1
    hooks:
      - id: yamllint
        args: [--strict]
"""
PEER = "yamllint (1 small file)"
CLEAN = "congregate-lint conf, 1 clean conf"
FINDING = "congregate-lint conf, 1 conf with a finding (C001)"
SCHEMA_FINDING = "congregate-lint conf, 1 conf breaking the schema (S004)"


class Sample(NamedTuple):
    wall: float
    cpu: float
    peak_kib: int


def measure(command: List[str]) -> Sample:
    """One timed run, then the peak memory of a second run (read through installed.cpu_and_peak: a child of
    this process would report at least this process's own memory)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENVIRONMENT)
    _, _, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    return Sample(wall, usage.ru_utime + usage.ru_stime, installed.cpu_and_peak(command, ENVIRONMENT)[1])


def write_confs(work: Path, files: int) -> Dict[str, Path]:
    """The confs, each in a git checkout without project configuration."""
    (work / ".git").mkdir()
    clean = EXAMPLE.read_text(encoding="utf-8")
    texts = {"clean": clean, "finding": clean.replace("eu-west-1", "eu-west1"),
             "schema": clean.replace("keep_inactive_users = False", "keep_inactive_users = Flase")}
    paths = {}
    for name, text in texts.items():
        paths[name] = work / f"{name}.conf"
        paths[name].write_text(text, encoding="utf-8")
    batch = work / "batch"
    batch.mkdir()
    for index in range(files):
        (batch / f"{index:04d}.conf").write_text(clean, encoding="utf-8")
    return paths


def commands(work: Path, confs: Dict[str, Path], files: int, lint: str) -> Dict[str, List[str]]:
    yaml_file = work / "pre-commit-config.yaml"
    yaml_file.write_text(SMALL_YAML, encoding="utf-8")
    schema_file = work / "schema.json"
    schema_file.write_text('{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}\n')
    yamllint = shutil.which("yamllint", path=str(BIN)) or shutil.which("yamllint")
    if not yamllint:
        raise SystemExit("yamllint is not installed: pip install -e '.[bench]'")
    found = {
        PEER: [yamllint, str(yaml_file)],
        "python -c pass": [sys.executable, "-c", "pass"],
        CLEAN: [lint, "conf", str(confs["clean"])],
        FINDING: [lint, "conf", str(confs["finding"])],
        SCHEMA_FINDING: [lint, "conf", str(confs["schema"])],
        f"congregate-lint conf, {files} clean confs": [lint, "conf", *map(str, sorted((work / "batch").iterdir()))],
    }
    check_jsonschema = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    if check_jsonschema:
        found["check-jsonschema (1 small file)"] = [check_jsonschema, "--check-metaschema", str(schema_file)]
    return found


def check_outcomes(found: Dict[str, List[str]]) -> None:
    """The confs give what their names say (exit 0 clean, 1 with findings) before anything is timed."""
    for name, expected in ((CLEAN, 0), (FINDING, 1), (SCHEMA_FINDING, 1)):
        result = subprocess.run(found[name], stdout=subprocess.PIPE, env=ENVIRONMENT, check=False)
        if result.returncode != expected:
            raise SystemExit(f"{name}: exit {result.returncode}, expected {expected}:\n{result.stdout.decode()}")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=30)
    options.add_argument("--files", type=int, default=1000)
    options.add_argument("--lint", default=str(BIN / "congregate-lint"),
                         help="the congregate-lint command to measure (e.g. another checkout's, to compare)")
    args = options.parse_args()
    installed.compile_project()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        found = commands(work, write_confs(work, args.files), args.files, args.lint)
        check_outcomes(found)
        for command in found.values():
            measure(command)  # warm-up: disk cache, .pyc files
        samples: Dict[str, List[Sample]] = {name: [] for name in found}
        for _ in range(args.rounds):
            for name, command in found.items():
                samples[name].append(measure(command))
    report(samples, args.rounds, args.files)


def pair_ratio(samples: Dict[str, List[Sample]], name: str, field: str) -> float:
    return statistics.median(getattr(mine, field) / getattr(peer, field)
                             for mine, peer in zip(samples[name], samples[PEER]))


def report(samples: Dict[str, List[Sample]], rounds: int, files: int) -> None:
    print(f"{rounds} interleaved rounds; medians; ratios are medians of per-round ratios to yamllint\n")
    print(f"{'wall ms':>9} {'ratio':>6} {'cpu ms':>8} {'ratio':>6} {'peak MiB':>9}  command")
    for name, values in samples.items():
        wall = statistics.median(sample.wall for sample in values) * 1000
        cpu = statistics.median(sample.cpu for sample in values) * 1000
        peak = statistics.median(sample.peak_kib for sample in values) / 1024
        print(f"{wall:9.1f} {pair_ratio(samples, name, 'wall'):6.2f} {cpu:8.1f} {pair_ratio(samples, name, 'cpu'):6.2f}"
              f" {peak:9.1f}  {name}")
    batch = f"congregate-lint conf, {files} clean confs"
    per_file = {field: statistics.median((getattr(many, field) - getattr(one, field)) / (files - 1)
                                         for many, one in zip(samples[batch], samples[CLEAN])) * 1000
                for field in ("wall", "cpu")}
    peak_ratio = pair_ratio(samples, CLEAN, "peak_kib")
    print("\ngoal                                     wall      cpu")
    for label, name, goal in (("one clean conf <= 0.9x (stretch 0.7x)", CLEAN, 0.9),
                              ("one conf with a finding <= 1.3x", FINDING, 1.3),
                              ("one conf breaking the schema (no goal)", SCHEMA_FINDING, None)):
        verdict = "" if goal is None else "met" if pair_ratio(samples, name, "wall") <= goal else "NOT met"
        print(f"{label:38} {pair_ratio(samples, name, 'wall'):6.2f}x  {pair_ratio(samples, name, 'cpu'):6.2f}x"
              f"  {verdict}".rstrip())
    print(f"{'a batch: <= 1 ms per extra file':38} {per_file['wall']:5.2f}ms {per_file['cpu']:6.2f}ms"
          f"  {'met' if per_file['wall'] <= 1 else 'NOT met'}")
    print(f"{'peak memory <= yamllint + 10%':38} {peak_ratio:6.2f}x" + " " * 10
          + f"{'met' if peak_ratio <= 1.1 else 'NOT met'}")


if __name__ == "__main__":
    main()
