import pytest


@pytest.fixture
def conf_file(tmp_path):
    """Write text (or bytes) to a congregate.conf in a temporary directory and return its path."""

    def write(content, name="congregate.conf"):
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write
