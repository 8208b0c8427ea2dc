"""Which buurt and wijk a point lies in, from the areas' GeoJSON boundaries (shapely).

A `Locator` indexes the polygons of one municipality (or any set of areas) in an STRtree,
so one point costs a tree query instead of a test against every polygon, and many points
are assigned in one vectorised call (`locate_many`).
"""

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import shape

from .models import Area, AreaKind, Municipality


@dataclass(frozen=True)
class Located:
    wijk_id: int | None
    buurt_id: int | None
    nearest: bool = False  # in no boundary: the nearest wijk of the municipality


class Locator:
    def __init__(self, areas: Iterable[tuple[int, str, int | None, dict]]):
        """`areas`: (id, kind, parent_id, GeoJSON geometry) of areas with a boundary."""
        self.buurt_ids: list[int] = []
        self.buurt_parent: list[int | None] = []
        buurt_shapes = []
        self.wijk_ids: list[int] = []
        wijk_shapes = []
        for pk, kind, parent_id, geometry in areas:
            polygon = shape(geometry)
            if kind == AreaKind.BUURT:
                self.buurt_ids.append(pk)
                self.buurt_parent.append(parent_id)
                buurt_shapes.append(polygon)
            else:
                self.wijk_ids.append(pk)
                wijk_shapes.append(polygon)
        self.buurten = shapely.STRtree(buurt_shapes)
        self.wijken = shapely.STRtree(wijk_shapes)
        self.has_shapes = bool(buurt_shapes or wijk_shapes)
        self.has_wijken = bool(wijk_shapes)

    def locate(self, lon: float, lat: float) -> Located:
        point = shapely.Point(lon, lat)
        hits = self.buurten.query(point, predicate="intersects")
        if len(hits):
            index = int(hits.min())
            return Located(self.buurt_parent[index], self.buurt_ids[index])
        hits = self.wijken.query(point, predicate="intersects")
        if len(hits):
            return Located(self.wijk_ids[int(hits.min())], None)
        return Located(None, None)

    def nearest_wijk(self, lon: float, lat: float) -> int | None:
        """The wijk whose boundary lies closest to the point (None: no wijk has one)."""
        if not self.has_wijken:
            return None
        index = self.wijken.nearest(shapely.Point(lon, lat))
        return None if index is None else self.wijk_ids[int(index)]

    def locate_many(self, lons: Sequence[float], lats: Sequence[float]) -> np.ndarray:
        """The buurt id of every point (0 where none), in one vectorised query."""
        points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        result = np.zeros(len(points), dtype=np.int64)
        if not self.buurt_ids:
            return result
        point_index, tree_index = self.buurten.query(points, predicate="intersects")
        ids = np.asarray(self.buurt_ids, dtype=np.int64)
        # Where buurten touch, a point on the border hits both: the last write wins, which
        # is deterministic for a given set of areas.
        result[point_index] = ids[tree_index]
        return result


# Built locators per municipality, kept in this process for a short while: boundaries
# change rarely (an import), and building the index costs far more than using it.
LOCATOR_SECONDS = 60
_locators: dict[int, tuple[float, Locator]] = {}


def locator_for(municipality: Municipality) -> Locator:
    now = time.monotonic()
    cached = _locators.get(municipality.pk)
    if cached is not None and cached[0] > now:
        return cached[1]
    rows = (
        Area.objects.filter(municipality=municipality, geometry__isnull=False)
        .values_list("pk", "kind", "parent_id", "geometry")
        .order_by("pk")
    )
    locator = Locator(rows)
    _locators[municipality.pk] = (now + LOCATOR_SECONDS, locator)
    return locator


def forget_locators() -> None:
    """Drop the built locators (after an import of boundaries, and between tests)."""
    _locators.clear()


def municipality_contains(municipality: Municipality, lon: float, lat: float) -> bool | None:
    """Whether the point lies within the municipality: inside its own boundary or inside the
    boundary of one of its areas (generalised boundaries do not quite cover each other).
    None: no boundary known at all."""
    if municipality.geometry and shape(municipality.geometry).intersects(shapely.Point(lon, lat)):
        return True
    located = locator_for(municipality)
    if located.locate(lon, lat).wijk_id is not None:
        return True
    if municipality.geometry or located.has_shapes:
        return False
    return None


def place_point(municipality: Municipality, lon: float, lat: float) -> Located | None:
    """The wijk and buurt of a point of the municipality; None when it lies outside.

    A point inside the municipality that falls in no wijk (a gap between generalised
    boundaries, or a wijk without a boundary on file) goes to the nearest wijk. Where no
    boundary is known at all, any point is accepted without a wijk.
    """
    inside = municipality_contains(municipality, lon, lat)
    if inside is False:
        return None
    located = locator_for(municipality)
    found = located.locate(lon, lat)
    if found.wijk_id is None and inside:
        return Located(located.nearest_wijk(lon, lat), None, nearest=True)
    return found
