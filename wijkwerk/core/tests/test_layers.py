"""The layers of docs/architecture.md hold: an app imports only from the layers below it.

Read from the source (tests and migrations aside), so a new import that runs up the layers
or sideways between two apps of one layer fails here with the line that does it.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# From the ground up. Apps in one tuple form one layer and do not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("areas",),
    ("organisations",),
    ("accounts",),
    ("agenda", "budgets", "branding"),
    (
        "initiatives",
        "pb",
        "reports",
        "meetings",
        "agreements",
        "surveys",
        "inspections",
        "assessments",
    ),
    ("monitoring", "updates", "werkplek"),
    ("portal",),
)
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def _sources() -> list[tuple[str, Path]]:
    return [
        (path.relative_to(ROOT).parts[0], path)
        for path in sorted(ROOT.rglob("*.py"))
        if len(path.relative_to(ROOT).parts) > 1
        and not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
    ]


def test_every_app_has_its_place_in_the_layers():
    apps = {p.name for p in ROOT.iterdir() if (p / "apps.py").exists()}
    assert apps == set(LEVEL), "add a new app to LAYERS (and to docs/architecture.md)"


def test_no_app_imports_from_its_own_layer_or_above():
    wrong = []
    for app, path in _sources():
        for line, module in _imports(path):
            parts = module.split(".")
            if parts[0] != "wijkwerk" or len(parts) < 2 or parts[1] in (app, "cli"):
                continue
            if LEVEL[parts[1]] >= LEVEL[app]:
                wrong.append(f"{path.relative_to(ROOT.parent)}:{line} imports {module}")
    assert wrong == []
