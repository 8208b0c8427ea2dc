"""The note on a row or page of a topic across borders: "ook in: Centrum, Hoge Haar"."""

from django import template
from django.urls import reverse

from wijkwerk.areas import borders

register = template.Library()


def _links(topic, areas) -> list[tuple[str, str]]:
    municipality = getattr(topic, "municipality", None) or topic.area.municipality
    return [(a.name, reverse("wijk", args=[municipality.slug, a.wijk.slug])) for a in areas]


@register.inclusion_tag("areas/_also_in.html")
def also_in(topic, shown=None):
    """On a list of `shown`'s page: the topic's other areas ("also in"), if any."""
    return {"links": _links(topic, borders.also_in(topic, shown)), "all": False}


@register.inclusion_tag("areas/_also_in.html")
def topic_areas(topic):
    """On a topic's own page: every area it concerns, when that is more than one."""
    areas = borders.all_areas(topic)
    return {"links": _links(topic, areas) if len(areas) > 1 else [], "all": True}
