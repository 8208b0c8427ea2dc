"""Builders for schouw tests: everything is made through the services."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from wijkwerk.inspections import services
from wijkwerk.inspections.models import Inspection, Status


def photo(name: str = "IMG_0001.jpg", color: str = "green") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


STOPS = [
    ("Speeltuin Molenplein", 52.955, 4.755, "speelvoorzieningen"),
    ("Plantsoen Kerkgracht", 52.956, 4.757, "beplanting"),
    ("Winkelstraat", 52.957, 4.759, "zwerfafval"),
]


def planned(*, area, actor, stops=STOPS, days: int = 1, **values) -> Inspection:
    """A planned schouw with a route of three stops."""
    inspection = services.inspection_plan(
        area=area,
        actor=actor,
        title=values.pop("title", "Schouw " + area.name),
        starts_at=timezone.now() + datetime.timedelta(days=days),
        **values,
    )
    for name, lat, lon, kind in stops:
        services.stop_add(
            inspection=inspection, actor=actor, name=name, lat=lat, lon=lon, object_type=kind
        )
    return inspection


def started(*, area, actor, **values) -> Inspection:
    inspection = planned(area=area, actor=actor, **values)
    return services.inspection_transition(inspection=inspection, actor=actor, to=Status.IN_PROGRESS)


def score(inspection, actor, position, object_type, level, note="", **kwargs):
    stop = inspection.stops.get(position=position)
    return services.score_record(
        inspection=inspection,
        stop=stop,
        actor=actor,
        object_type=object_type,
        level=level,
        note=note or ("Kapot" if level in "CD" else ""),
        lat=kwargs.pop("lat", stop.lat),
        lon=kwargs.pop("lon", stop.lon),
        **kwargs,
    )
