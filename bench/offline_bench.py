"""Offline speed, measured side by side and interleaved in one run.

Rounds alternate between: the interpreter alone, the dependency floor
(``import click, jsonschema, colorama``), congregate-lint on one conf, congregate-lint
on 1,000 confs in one call, and peers when installed (yamllint, check-jsonschema).
Medians are printed with the figures the goals are about:

- one conf: at most 60 ms over the dependency floor;
- a batch: at most 2 ms per extra file.

Run: ``python bench/offline_bench.py [--rounds N] [--files N]``.

The project is byte-compiled first, as after a normal ``pip install`` (bench/installed.py).
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import installed

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "congregate.conf"
BIN = Path(sys.executable).parent


ENVIRONMENT = installed.environment()


def _timed(command) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENVIRONMENT)
    return time.perf_counter() - start


def _commands(batch_dir: Path, files: int, yaml_file: Path):
    lint = str(BIN / "congregate-lint")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "floor: import click, jsonschema, colorama": [sys.executable, "-c", "import click, jsonschema, colorama"],
        "congregate-lint conf (1 file)": [lint, "conf", str(EXAMPLE)],
        f"congregate-lint conf ({files} files)": [lint, "conf", *map(str, sorted(batch_dir.iterdir()))],
    }
    for peer, command in (("yamllint", ["yamllint", str(yaml_file)]),
                          ("check-jsonschema", ["check-jsonschema", "--check-metaschema", str(yaml_file)])):
        if shutil.which(peer, path=str(BIN)) or shutil.which(peer):
            commands[f"peer: {peer} (1 small file)"] = command
    return commands


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=15)
    options.add_argument("--files", type=int, default=1000)
    args = options.parse_args()
    installed.compile_project()
    with tempfile.TemporaryDirectory() as tmp:
        batch_dir = Path(tmp) / "batch"
        batch_dir.mkdir()
        for index in range(args.files):
            shutil.copy(EXAMPLE, batch_dir / f"{index:04d}.conf")
        yaml_file = Path(tmp) / "schema.json"
        yaml_file.write_text('{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}\n')
        commands = _commands(batch_dir, args.files, yaml_file)
        times = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, command in commands.items():
                times[name].append(_timed(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(f"{median * 1000:9.1f} ms  {name}")
    floor = medians["floor: import click, jsonschema, colorama"]
    one = medians["congregate-lint conf (1 file)"]
    batch = medians[f"congregate-lint conf ({args.files} files)"]
    print(f"\none conf over the floor: {(one - floor) * 1000:.1f} ms (goal <= 60 ms)")
    print(f"per extra file in a batch: {(batch - one) / (args.files - 1) * 1000:.2f} ms (goal <= 2 ms)")


if __name__ == "__main__":
    main()
