"""examples/python/analyst.py runs and answers: the CSTO members, the
neighbourhood drawn to a PNG, the GEXF written."""
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "examples", "python", "analyst.py")


def test_analyst_example(tmp_path):
    pytest.importorskip("matplotlib")
    if not os.path.exists(SCRIPT):
        pytest.skip("no examples/ beside python/")
    out = subprocess.run([sys.executable, SCRIPT, str(tmp_path)], check=True,
                         capture_output=True, text=True).stdout
    assert "1. CSTO members on 2022-01-06" in out
    assert "   KAZ  founding_member" in out
    assert "since 2025-11-12: comprehensive_strategic_partnership_alliance" in out
    assert "KAZ joined BRICS" in out
    png = tmp_path / "kazakhstan-2022-01-06.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 50000
    assert (tmp_path / "kazakhstan-2022-01-06.gexf").read_bytes().startswith(b"<?xml")
