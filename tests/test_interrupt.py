"""Ctrl-C: SIGINT sent to a real congregate-lint process ends it with one line on stderr and exit code 130."""

import os
import signal
import subprocess
import sys

from tests import credentials as c
from tests.live_servers import AwsIdentity, CaptureServer
from tests.test_live import AMBIENT, conf_text


def test_sigint_during_a_live_call_exits_130_with_one_line(tmp_path):
    tarpit = CaptureServer(200, delay=60)  # holds the first AWS call: the process is then surely running
    conf = tmp_path / "congregate.conf"
    conf.write_text(conf_text(AwsIdentity(c.key_id(), c.secret_key(), None)))
    env = {key: value for key, value in os.environ.items() if key not in AMBIENT}
    env.update({"AWS_ENDPOINT_URL": tarpit.url, "HOME": str(tmp_path)})
    process = subprocess.Popen([sys.executable, "-m", "congregate_lint", "conf", "--isolated", "--live", "--select",
                                "L001", "--deadline", "120", "--timeout", "60", str(conf)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path, text=True)
    try:
        assert tarpit.received.wait(60), "the live call never arrived"
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
        tarpit.stop()
    assert process.returncode == 130
    assert stderr == "congregate-lint: interrupted\n"
    assert stdout == ""
