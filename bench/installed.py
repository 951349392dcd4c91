"""Run the benchmarks as after a normal ``pip install``: pip byte-compiles what it installs.

An editable checkout under PYTHONDONTWRITEBYTECODE would otherwise compile every
module from source on every run and measure the compiler, not the tool.
"""

import compileall
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent


def compile_project() -> None:
    for package in ("lint", "rules", "schemas"):
        compileall.compile_dir(str(ROOT / package), quiet=1)


def environment(base: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """The environment (``os.environ`` by default) without PYTHONDONTWRITEBYTECODE."""
    source = os.environ if base is None else base
    return {name: value for name, value in source.items() if name != "PYTHONDONTWRITEBYTECODE"}


# A child's peak resident memory (ru_maxrss) starts at its parent's at the moment of the fork: a benchmark process
# holding 17 MiB reports at least 17 MiB for any child. The peak is therefore read by this small launcher (an
# interpreter without site, ~8 MiB), which starts the command and prints the command's CPU seconds and peak KiB.
_PEAK_LAUNCHER = """\
import os, sys
null = os.open(os.devnull, os.O_WRONLY)
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)])
usage = os.wait4(pid, 0)[2]
print(usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def cpu_and_peak(command: List[str], env: Dict[str, str]) -> Tuple[float, int]:
    """The CPU seconds and the peak resident memory (KiB) of one run of ``command`` (an absolute path first)."""
    launched = subprocess.run([sys.executable, "-S", "-c", _PEAK_LAUNCHER, *command], env=env,
                              stdout=subprocess.PIPE, check=True)
    cpu, peak = launched.stdout.split()
    return float(cpu), int(peak)
