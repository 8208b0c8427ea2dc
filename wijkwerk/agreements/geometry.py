"""Is a point inside an agreement's area? Ray casting on the GeoJSON rings (WGS84), which is
exact enough for a playground or a buurt; a Point area matches within about 25 metres."""

from typing import Any

POINT_MATCH_DEGREES = 0.00025


def _in_ring(x: float, y: float, ring: list) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _in_polygon(x: float, y: float, polygon: list) -> bool:
    if not polygon or not _in_ring(x, y, polygon[0]):
        return False
    return not any(_in_ring(x, y, hole) for hole in polygon[1:])


def point_in_geometry(lon: float, lat: float, geometry: dict[str, Any]) -> bool:
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Point":
        return (
            abs(coordinates[0] - lon) <= POINT_MATCH_DEGREES
            and abs(coordinates[1] - lat) <= POINT_MATCH_DEGREES
        )
    if kind == "Polygon":
        return _in_polygon(lon, lat, coordinates)
    if kind == "MultiPolygon":
        return any(_in_polygon(lon, lat, polygon) for polygon in coordinates)
    return False


def centre(geometry: dict[str, Any] | None) -> tuple[float, float] | None:
    """(lat, lon) of the geometry's first point or the mean of its outer ring."""
    if not geometry:
        return None
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Point":
        return coordinates[1], coordinates[0]
    ring = coordinates[0] if kind == "Polygon" else coordinates[0][0]
    points = ring[:-1] or ring
    return (
        sum(p[1] for p in points) / len(points),
        sum(p[0] for p in points) / len(points),
    )
