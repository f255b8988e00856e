"""The tools are scripts, not a package: their folder goes on `sys.path` for the tests."""

import sys
from pathlib import Path

TOOLS = Path(__file__).parents[2] / "tools"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))
