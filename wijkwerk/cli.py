"""The `wijkwerk` command line, for work that needs no database or server.

    wijkwerk pb tally FILE.pb --rule mes-add1 [--utility cost] [--compare-greedy]

prints for every project whether it was selected and why, then, as its last line, the ids
of the selected projects as a JSON list (in the order the rule selected them). A file that
cannot be read is reported with its line number, and the command exits with status 2.
Messages are in Dutch; `--lang en` (or WIJKWERK_LANG=en) gives English.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parent / "locale"


def _django() -> None:
    """Translations need Django's settings; the tally needs nothing else from Django."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            USE_I18N=True,
            LANGUAGE_CODE="nl",
            LANGUAGES=[("nl", "Nederlands"), ("en", "English")],
            LOCALE_PATHS=[LOCALE],
            INSTALLED_APPS=[],
        )
    import django

    django.setup()


def _parser() -> argparse.ArgumentParser:
    from wijkwerk.pb.tally import RULES, UTILITIES

    parser = argparse.ArgumentParser(prog="wijkwerk")
    parser.add_argument("--lang", choices=["nl", "en"], default=None)
    areas = parser.add_subparsers(dest="area", required=True)
    pb = areas.add_parser("pb", help="participatory budgeting (pabulib .pb files)")
    commands = pb.add_subparsers(dest="command", required=True)
    tally = commands.add_parser("tally", help="select the winning projects of a .pb file")
    tally.add_argument("file", type=Path)
    tally.add_argument("--rule", choices=RULES, required=True)
    tally.add_argument("--utility", choices=UTILITIES, default="cost")
    tally.add_argument("--compare-greedy", action="store_true")
    tally.add_argument(
        "--min-score",
        type=int,
        default=None,
        help="greedy rules: leave out projects with fewer votes (points)",
    )
    return parser


def _describe(result) -> str:
    from django.utils.translation import gettext as _

    from wijkwerk.pb.tally.outcome import REASONS

    text = str(REASONS[result.reason])
    if result.missing is not None and result.supporters_had is None:
        text += " " + _("(%(missing)s short)") % {"missing": f"{float(result.missing):.2f}"}
    elif result.missing is not None:
        text += " " + _("(in step %(step)s they had %(had)s, %(missing)s short)") % {
            "step": result.step,
            "had": f"{float(result.supporters_had):.2f}",
            "missing": f"{float(result.missing):.2f}",
        }
    return text


def pb_tally(args: argparse.Namespace) -> int:
    from django.utils.translation import gettext as _

    from wijkwerk.pb.tally import tally
    from wijkwerk.pb.tally.pabulib import PabulibError, load
    from wijkwerk.pb.tally.rules import TallyError

    try:
        election = load(args.file)
        outcome = tally(
            election,
            rule=args.rule,
            utility=args.utility,
            compare_greedy=args.compare_greedy,
            min_score=args.min_score,
        )
    except FileNotFoundError:
        print(_("There is no file %(path)s.") % {"path": args.file}, file=sys.stderr)
        return 2
    except (PabulibError, TallyError) as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return 2
    for pid in sorted(outcome.projects, key=lambda p: (not outcome.projects[p].selected, p)):
        result = outcome.projects[pid]
        print(f"{pid}\t{result.votes}\t{_describe(result)}")
    if outcome.compared is not None:
        print(
            _("Comparison: %(mes)s voters prefer MES, %(greedy)s greedy; kept: %(kept)s")
            % {**outcome.compared, "kept": outcome.kept}
        )
    print(json.dumps(outcome.selected))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _django()
    from django.utils import translation

    translation.activate(args.lang or os.environ.get("WIJKWERK_LANG", "nl"))
    return pb_tally(args)


if __name__ == "__main__":
    sys.exit(main())
