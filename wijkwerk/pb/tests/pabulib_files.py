"""Where the pabulib snapshot lives (beside the repository, never in it), for the tests that
use real elections; they skip with this message when it is absent."""

from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "pabulib"
REAL_FILES = sorted(path.name for path in DATA_DIR.glob("*.pb")) or ["(no pabulib data)"]


def real_path(name: str) -> Path:
    path = DATA_DIR / name
    if not path.is_file():
        pytest.skip(f"the pabulib snapshot is not at {DATA_DIR.resolve()}; see its README.md")
    return path
