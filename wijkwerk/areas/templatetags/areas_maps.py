"""Template tags for the areas' maps: `{% wijken_map municipality %}` draws the map of the
municipality's wijken (a click opens a wijk's page) with the same wijken as a list;
`{% wijk_map wijk %}` draws the same map around one wijk, that wijk highlighted."""

from django import template
from django.conf import settings

from wijkwerk.areas.selectors import wijk_list

register = template.Library()

# Required by CBS for maps of its boundaries (the wijken are of the 2025 indeling).
CBS_ATTRIBUTION = "Kadaster / Centraal Bureau voor de Statistiek, 2025"


@register.inclusion_tag("areas/_wijken_map.html")
def wijken_map(municipality):
    wijken = list(wijk_list(municipality=municipality))
    return {
        "municipality": municipality,
        "wijken": wijken,
        "has_boundaries": any(w.geometry for w in wijken),
        "tiles": settings.WIJKWERK_MAP_TILES,
        "cbs_attribution": CBS_ATTRIBUTION,
    }


@register.inclusion_tag("areas/_wijk_map.html")
def wijk_map(area):
    """The map at the top of a wijk's page: its boundary stands out among its neighbours, which
    open their own pages. A wijk without a boundary gets no map (its page says where it is)."""
    return {
        "area": area,
        "municipality": area.municipality,
        "tiles": settings.WIJKWERK_MAP_TILES,
        "cbs_attribution": CBS_ATTRIBUTION,
    }


@register.simple_tag
def cbs_attribution() -> str:
    return CBS_ATTRIBUTION
