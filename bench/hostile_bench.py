"""Hostile files, measured side by side: each shape against an ordinary conf and against configparser alone.

The shapes are those a pre-commit hook must survive (issue 9), each far below the 4 MiB cap:

- ``%(`` repeated in a key Congregate reads (80 KB), linted and under ``--diff``; ``%%(`` repeated (what
  ``--fix`` makes of it: configparser's own reading of it is quadratic);
- thousands of bare lines (5,000 and 80,000);
- a 40 KB comment with a long run of spaces, linted and under ``--diff``;
- a key line with a long run of spaces (configparser's own option pattern was quadratic on it);
- a 1 MB line without '=' or ':', and a 1 MB group path (a repeated regex group held a state per character or
  segment: 150 MiB);
- 5,000 stacked ``# congregate-lint: disable`` comments;
- 200,000 short keys (2.3 MB), in a known section (a finding each), in an unknown one, and in [DEFAULT]
  inherited by five sections (a finding each);
- every key Congregate knows in [DEFAULT], inherited by 50,000 sections (a finding each).

A report lists 100 findings of each rule per file (``--max-per-rule``); the bare lines and the keys in [APP] are
also run with every finding listed (``--max-per-rule 0``).

For each, the median wall time, CPU time (user + system of the child) and peak
resident memory of ``congregate-lint conf``, interleaved over rounds, next to
the same for the example conf (startup and an ordinary file) and for a bare
``ConfigParser().read`` of the hostile file (the floor no faithful linter can go
below). Goals: each shape under 0.5 s over the example conf; the 200,000-key file
under 2 s and 150 MiB.

Run: ``python bench/hostile_bench.py [--rounds N] [--only NAME]``.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

import installed
from congregate_lint.schema import known_sections, section_keys

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "congregate.conf"
LINT = str(Path(sys.executable).parent / "congregate-lint")
ENVIRONMENT = installed.environment()
KNOWN_KEYS = sorted({key for section in known_sections() for key in section_keys(section)})
FLOOR = "import configparser, sys\ntry:\n    configparser.ConfigParser().read(sys.argv[1])\nexcept configparser.Error:\n    pass\n"


def shapes() -> Dict[str, str]:
    """Name → text of each hostile file."""
    return {
        "'%(' x 40,000 in slack_url (80 KB)": "[APP]\nslack_url = " + "%(" * 40000 + "\n",
        "'%%(' x 40,000 in slack_url (120 KB)": "[APP]\nslack_url = " + "%%(" * 40000 + "\n",
        "5,000 bare lines": "[APP]\n" + "".join(f"bareline{i}\n" for i in range(5000)),
        "80,000 bare lines": "[APP]\n" + "".join(f"bareline{i}\n" for i in range(80000)),
        "40 KB comment, run of spaces": "[SOURCE]\nsrc_type = gitlab # x\n# a" + " " * 40000 + "b\n",
        "key line with 40 KB of spaces": "[SOURCE]\nsrc_type = gitlab\na" + " " * 40000 + "b\n",
        "a 1 MB line of '[' (no delimiter)": "[" * 1_000_000 + "\n",
        "a 1 MB group path": "[DESTINATION]\ndstn_parent_group_path = " + "/".join(["group"] * 170_000) + "\n",
        "5,000 stacked suppressions": "[APP]\n" + "# congregate-lint: disable=P010 -- r\n" * 5000 + "x = 1\n",
        "200,000 keys in [APP] (2.3 MB)": "[APP]\n" + "".join(f"k{i} = v\n" for i in range(200000)),
        "200,000 keys in [X] (2.3 MB)": "[X]\n" + "".join(f"k{i} = v\n" for i in range(200000)),
        "200,000 keys in [DEFAULT], five sections (2.3 MB)": "[DEFAULT]\n" + "".join(
            f"k{i} = v\n" for i in range(200000)) + "[SOURCE]\n[DESTINATION]\n[APP]\n[USER]\n[EXPORT]\n",
        "every known key in [DEFAULT], 50,000 sections": "[DEFAULT]\n" + "".join(
            f"{key} = v\n" for key in KNOWN_KEYS) + "".join(f"[s{i}]\n" for i in range(50000)),
    }


def _run(command: List[str]) -> Tuple[float, float, int]:
    """Wall seconds (with the ~10 ms of installed.cpu_and_peak's launcher), CPU seconds and peak resident KiB of
    one run."""
    start = time.perf_counter()
    cpu, peak = installed.cpu_and_peak(command, ENVIRONMENT)
    return time.perf_counter() - start, cpu, peak


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=3)
    options.add_argument("--only", default="", help="only the shapes whose name contains this text")
    args = options.parse_args()
    installed.compile_project()
    with tempfile.TemporaryDirectory() as tmp:
        commands: Dict[str, List[str]] = {"example conf": [LINT, "conf", "--isolated", str(EXAMPLE)]}
        for index, (name, text) in enumerate(shapes().items()):
            if args.only not in name:
                continue
            path = Path(tmp) / f"shape{index}.conf"
            path.write_text(text, encoding="utf-8")
            commands[name] = [LINT, "conf", "--isolated", str(path)]
            if "comment" in name or "%(" in name:
                commands[name + " --diff"] = [LINT, "conf", "--isolated", "--diff", str(path)]
            if "bare lines" in name or "[APP]" in name:
                commands[name + " --max-per-rule 0"] = [LINT, "conf", "--isolated", "--max-per-rule", "0", str(path)]
            commands[name + " [configparser alone]"] = [sys.executable, "-c", FLOOR, str(path)]
        runs: Dict[str, List[Tuple[float, float, int]]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, command in commands.items():
                runs[name].append(_run(command))
    print(f"{'wall s':>8} {'cpu s':>7} {'peak MiB':>9}  shape")
    for name, values in runs.items():
        wall, cpu, peak = (statistics.median(column) for column in zip(*values))
        print(f"{wall:8.2f} {cpu:7.2f} {peak / 1024:9.1f}  {name}")


if __name__ == "__main__":
    main()
