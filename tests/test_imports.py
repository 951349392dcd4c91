"""What a run imports: only what it needs (the speed goals themselves are measured in bench/, not here).

Each case runs the command in a fresh process and lists the modules it loaded: click only for a command line
with an option (``conf`` and paths alone run without it); offline, never boto3/botocore nor anything of the live
package (the offline rules read the keys from codecommit_keys and gitlab_keys); jsonschema only for a file that
is not valid; colorama only when colouring; TOML only when a configuration file exists (and jsonschema only for
one that is not valid); textwrap only for a text report with findings to wrap; never shutil (which loads bz2 and
lzma); importlib.resources, importlib.metadata, shutil and textwrap through jsonschema, which uses them.
"""

import json
import subprocess
import sys

import pytest

from tests.helpers import FIXTURES

EXAMPLE = FIXTURES.parent.parent / "examples" / "congregate.conf"
WATCHED = ("click", "boto3", "botocore", "jsonschema", "colorama", "tomllib", "tomli", "importlib.resources",
           "importlib.metadata", "textwrap", "shutil")
LOADED_BY_JSONSCHEMA = ("importlib.resources", "importlib.metadata", "shutil", "textwrap")
LOADED_AFTER_A_RUN = f"""
import json, sys
from congregate_lint.cli import main
sys.argv = ["congregate-lint", "conf", *sys.argv[1:]]
try:
    main()
except SystemExit as done:
    code = done.code
watched = {WATCHED!r}
loaded = sorted(name for name in sys.modules if name in watched or name.startswith(tuple(w + "." for w in watched)))
print(json.dumps([code, sorted({{name for name in loaded if name in watched}} | {{name.split(".")[0] for name in loaded
                                                                                 if name.split(".")[0] in watched}}),
                  sorted(name for name in sys.modules if name.startswith("congregate_lint.live"))]))
"""


def loaded_by(tmp_path, *args, conf=None):
    """(exit code, watched modules loaded) of one run in a fresh process, in a git checkout without config."""
    (tmp_path / ".git").mkdir(exist_ok=True)
    path = tmp_path / "congregate.conf"
    path.write_bytes(EXAMPLE.read_bytes() if conf is None else conf)
    result = subprocess.run([sys.executable, "-c", LOADED_AFTER_A_RUN, *args, str(path)], capture_output=True,
                            text=True, cwd=tmp_path, check=False)
    code, loaded, live = json.loads(result.stdout.splitlines()[-1])
    assert live == [], f"the live package loaded offline: {live}"
    return code, loaded


def test_a_clean_conf_loads_none_of_them(tmp_path):
    assert loaded_by(tmp_path) == (0, [])


def test_a_conf_with_findings_outside_the_schema_loads_only_textwrap_to_wrap_their_prose(tmp_path):
    conf = EXAMPLE.read_bytes().replace(b"eu-west-1", b"eu-west1")
    assert loaded_by(tmp_path, conf=conf) == (1, ["textwrap"])
    assert loaded_by(tmp_path, "--format", "concise", conf=conf) == (1, ["click"])


def test_a_conf_that_breaks_the_schema_loads_jsonschema_only(tmp_path):
    conf = EXAMPLE.read_bytes().replace(b"keep_inactive_users = False", b"keep_inactive_users = Flase")
    code, loaded = loaded_by(tmp_path, conf=conf)
    assert (code, [name for name in loaded if name not in LOADED_BY_JSONSCHEMA]) == (1, ["jsonschema"])


def test_colour_loads_colorama(tmp_path):
    conf = EXAMPLE.read_bytes().replace(b"eu-west-1", b"eu-west1")
    assert loaded_by(tmp_path, "--color", "always", conf=conf) == (1, ["click", "colorama", "textwrap"])


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomli, not tomllib, before Python 3.11")
def test_a_configuration_file_loads_toml_and_a_wrong_one_jsonschema_to_say_what_is_wrong(tmp_path):
    (tmp_path / ".congregate-lint.toml").write_text('ignore = ["C007"]\n')
    assert loaded_by(tmp_path) == (0, ["tomllib"])
    (tmp_path / ".congregate-lint.toml").write_text('ignore = "C007"\n')
    code, loaded = loaded_by(tmp_path)
    assert (code, [name for name in loaded if name not in LOADED_BY_JSONSCHEMA]) == (2, ["jsonschema", "tomllib"])
