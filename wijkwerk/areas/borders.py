"""Topics across borders: an agenda item, agreement or initiative that concerns more than
one wijk or buurt of its municipality (Etten-Leur: "soms spelen zaken in meerdere wijken").

Such a topic keeps its main `area` (where it is kept, answered and decided) and lists the
other wijken or buurten it also concerns in an `other_areas` many-to-many. It then shows on
the page of each of them, and is counted once wherever a whole municipality is counted.

The queries here go through the many-to-many's own table in a subquery (`pk__in=`) rather
than an OR across the join: a join repeats a topic once per extra area, which a later
`.count()`, `Count()` or paginator would count again.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Aggregate, CharField, Model, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from .models import Area

FIELD = "other_areas"


def _through(model: type[Model]) -> tuple[type[Model], str]:
    """The many-to-many's table and the name of its column that points at the topic."""
    field = model._meta.get_field(FIELD)
    through = field.remote_field.through
    return through, field.m2m_field_name()


def _within(area: Area, prefix: str = "area") -> Q:
    """`area` itself or, for a wijk, one of its buurten: a topic of any of them concerns it."""
    return Q(**{f"{prefix}_id": area.pk}) | Q(**{f"{prefix}__parent_id": area.pk})


def concerning_q(model: type[Model], area: Area, *, area_field: str = "area") -> Q:
    """The condition "kept in `area`, or also concerning it (or one of its buurten)"."""
    through, column = _through(model)
    also = through.objects.filter(_within(area)).values(f"{column}_id")
    return Q(**{area_field: area.pk}) | Q(pk__in=also)


def concerning(qs: QuerySet, area: Area, *, area_field: str = "area") -> QuerySet:
    """The topics in `qs` of this area, including those that also concern it. Each topic
    appears once (no join, so no `.distinct()` needed for counting or paging)."""
    return qs.filter(concerning_q(qs.model, area, area_field=area_field))


def validate_other_areas(
    main: Area | None, others: Iterable[Area] | None, *, municipality_id: int | None = None
) -> dict[str, list[str]]:
    """The errors of a list of extra areas, keyed by the field: each must lie in the same
    municipality as the main area and must not be the main area itself."""
    others = list(others or [])
    if not others:
        return {}
    if main is None:
        return {
            FIELD: [
                _(
                    "Choose a main wijk or buurt first: a topic for the whole municipality "
                    "already concerns every area."
                )
            ]
        }
    messages = []
    municipality_id = municipality_id or main.municipality_id
    for other in others:
        if not isinstance(other, Area):
            messages.append(_("Choose the other areas from the list."))
        elif other.pk == main.pk:
            messages.append(
                _("%(area)s is already the main area; choose only other areas.")
                % {"area": other.name}
            )
        elif other.municipality_id != municipality_id:
            messages.append(
                _("%(area)s lies in another municipality; a topic can only concern areas of one.")
                % {"area": other.name}
            )
    return {FIELD: messages} if messages else {}


def also_in(topic: Any, shown: Area | None = None) -> list[Area]:
    """The topic's areas other than the one whose page shows it, main area first, each once
    (a buurt counts as its wijk's on a wijk's page). Reads the prefetched extra areas; a
    topic without any needs no query."""
    others = sorted(topic.other_areas.all(), key=lambda a: a.code)
    main = getattr(topic, "area", None)
    if not others and shown is not None:
        return []

    def on_shown_page(a: Area) -> bool:
        return shown is not None and shown.pk in (a.pk, a.parent_id)

    result, seen = [], set()
    for a in ([main] if main is not None else []) + others:
        if on_shown_page(a) or a.pk in seen:
            continue
        seen.add(a.pk)
        result.append(a)
    return result


def all_areas(topic: Any) -> list[Area]:
    """Every area of the topic, main area first."""
    return also_in(topic, None)


def other_area_choices(main: Area | None, *, municipality_id: int) -> list:
    """Grouped choices for a multi-select of the other areas: per wijk, the wijk itself and
    its buurten; without the main area."""
    exclude = {main.pk} if main is not None else set()
    areas = list(
        Area.objects.filter(municipality_id=municipality_id)
        .select_related("parent")
        .order_by("code")
    )
    wijken = [a for a in areas if a.is_wijk]
    groups = []
    for wijk in wijken:
        options = []
        if wijk.pk not in exclude:
            options.append((wijk.pk, _("%(wijk)s (the whole wijk)") % {"wijk": wijk.name}))
        options += [(a.pk, a.name) for a in areas if a.parent_id == wijk.pk and a.pk not in exclude]
        if options:
            groups.append((wijk.name, options))
    return groups


def set_other_areas(topic: Any, others: Iterable[Area]) -> dict[str, list[list[str]]]:
    """Store the topic's extra areas (validated before by `validate_other_areas`); the
    change as the decision log keeps it (codes before and after), or {} when none."""
    others = list(others)
    before = sorted(topic.other_areas.values_list("code", flat=True))
    after = sorted({a.code for a in others})
    if before == after:
        return {}
    topic.other_areas.set(others)
    return {FIELD: [before, after]}


def prefetch() -> Prefetch:
    """What a list prefetches to name the other areas (and link to their wijk) without a
    query per row."""
    return Prefetch("other_areas", queryset=Area.objects.select_related("parent").order_by("code"))


class _Names(Aggregate):
    """The names joined by ", " (GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s, ', ')",
        )


def also_in_names(model: type[Model], shown: Area) -> Subquery:
    """An annotation for a list on `shown`'s page: the names of the topic's extra areas that
    lie outside it, joined — one subquery, so a list that must cost one query stays so."""
    through, column = _through(model)
    names = (
        through.objects.filter(**{f"{column}_id": OuterRef("pk")})
        .exclude(area_id=shown.pk)
        .exclude(area__parent_id=shown.pk)
        .values(f"{column}_id")
        .annotate(names=_Names("area__name"))
        .values("names")
    )
    return Subquery(names, output_field=CharField())


def note_of(topic: Any, shown: Area) -> str:
    """ "ook in: …" for a row annotated with `also_in_names` as `also_names`."""
    parts = []
    if topic.area_id != shown.pk and getattr(topic.area, "parent_id", None) != shown.pk:
        parts.append(topic.area.name)
    if getattr(topic, "also_names", None):
        parts.append(topic.also_names)
    if not parts:
        return ""
    return _("also in") + ": " + ", ".join(parts)
