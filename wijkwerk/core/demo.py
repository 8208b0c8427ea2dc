"""What every app's demo builder is handed.

The portal's `demo` command first builds the base of the story (municipalities, areas,
organisations, people with their roles, and each wijk's wijkagenda played in date order),
then calls `build(ctx)` in each app's `demo.py`, in the order of the layers, so that a new
app brings its own demo with it: add its name to `DEMO_APPS` in the command.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DemoContext:
    admin: Any  # the functioneel beheerder (a superuser) who sets things up
    people: dict[str, Any]  # demo logins by key ("wijkmanager.denhelder", "bewoner", ...)
    areas: dict[str, Any]  # wijken and villages by CBS code
    orgs: dict[str, dict[str, Any]]  # per municipality code, organisations by key
    today: datetime.date
    # Lines for the command to print after the build (e.g. one-time invitation codes).
    notes: list[str] = field(default_factory=list)
