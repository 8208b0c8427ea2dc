"""Open311 GeoReport v2 at /open311/v2/, so that existing Open311 apps work unchanged.

Endpoints (each as .json or .xml): `services`, `services/{service_code}`, `requests` (GET
lists, POST creates) and `requests/{service_request_id}`. The jurisdiction is the
municipality's CBS code (`jurisdiction_id=GM0400`); it may be left out when the platform
serves one municipality. A service is a subcategory of meldingen (its code), a request is a
melding. Creating needs an `api_key` (an API token of a Wijkwerk account). Errors use the
GeoReport format: a list of {code, description} (XML: <errors><error>…</error></errors>).
Nothing personal is ever returned.
"""

import datetime
from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework.authtoken.models import Token

from wijkwerk.areas.models import Municipality
from wijkwerk.core.ratelimit import allow

from . import lookups, services
from .models import OPEN_STATUSES, Category, Channel, Report, ReportUpdate

MAX_RESULTS = 1000
DEFAULT_DAYS = 90


class Open311Error(Exception):
    def __init__(self, code: int, description: str):
        super().__init__(description)
        self.code = code
        self.description = description


# --- rendering -----------------------------------------------------------------------------


def _xml(root: str, item: str, rows: list[dict[str, Any]]) -> bytes:
    top = ET.Element(root)
    for row in rows:
        element = ET.SubElement(top, item)
        for key, value in row.items():
            child = ET.SubElement(element, key)
            if isinstance(value, list):
                for entry in value:
                    sub = ET.SubElement(child, "attribute")
                    for k, v in entry.items():
                        ET.SubElement(sub, k).text = _xml_text(v)
            else:
                child.text = _xml_text(value)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="utf-8")


def _xml_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _respond(fmt: str, root: str, item: str, rows: list[dict], status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(
            _xml(root, item, rows), content_type="text/xml; charset=utf-8", status=status
        )
    return JsonResponse(rows, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def _error(fmt: str, code: int, description: str) -> HttpResponse:
    return _respond(fmt, "errors", "error", [{"code": code, "description": description}], code)


def open311_view(methods: list[str]) -> Callable:
    """Wrap a view: checks the format and turns errors into the GeoReport error format."""

    def decorate(view: Callable) -> Callable:
        @csrf_exempt
        def wrapped(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
            if fmt not in ("json", "xml"):
                return _error("json", 404, _("Use the format json or xml."))
            if request.method not in methods:
                response = _error(
                    fmt, 405, _("Use %(methods)s here.") % {"methods": " or ".join(methods)}
                )
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return view(request, fmt, **kwargs)
            except Open311Error as error:
                return _error(fmt, error.code, error.description)
            except PermissionDenied as error:
                return _error(fmt, 403, str(error) or _("This key may not do this."))
            except ValidationError as error:
                messages = (
                    [f"{field}: {m}" for field, ms in error.message_dict.items() for m in ms]
                    if hasattr(error, "error_dict")
                    else error.messages
                )
                return _error(fmt, 400, " ".join(messages))

        return wrapped

    return decorate


# --- lookups -------------------------------------------------------------------------------


class _Params:
    """GeoReport clients send POST fields in the body or (as its swagger file says) in the
    query string; the body wins. (Looked up in both, without copying either.)"""

    def __init__(self, request: HttpRequest):
        self.body = request.POST
        self.query = request.GET

    def get(self, name: str, default: Any = None) -> Any:
        if name in self.body:
            return self.body.get(name, default)
        return self.query.get(name, default)


def _params(request: HttpRequest) -> _Params:
    return _Params(request)


# Lookups every request repeats (municipalities, their services, API keys) are kept in this
# process for a short while, see `lookups.py`: a revoked key or a renamed category takes
# effect within LOOKUP_SECONDS.
LOOKUP_SECONDS = lookups.LOOKUP_SECONDS
_remembered = lookups.remembered


def forget_lookups() -> None:
    """Forget every remembered lookup of intake (between tests)."""
    lookups.forget()


def _jurisdiction(request: HttpRequest, params: _Params | None = None) -> Municipality:
    if params is None:
        params = _params(request)
    code = (params.get("jurisdiction_id") or "").strip()
    if code:
        found = _remembered(
            ("municipality", code.upper()),
            lambda: Municipality.objects.filter(code__iexact=code).first(),
        )
        if found is None:
            raise Open311Error(404, _("Unknown jurisdiction_id %(code)s.") % {"code": code})
        return found
    municipalities = list(Municipality.objects.all()[:2])
    if len(municipalities) != 1:
        raise Open311Error(
            400, _("Give jurisdiction_id: the CBS code of the municipality, e.g. GM0400.")
        )
    return municipalities[0]


def _services(municipality: Municipality) -> QuerySet[Category]:
    return (
        Category.objects.filter(municipality=municipality, is_active=True, parent__isnull=False)
        .select_related("parent__organisation", "organisation")
        .order_by("parent__name", "name")
    )


def _service_row(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or None,
        "metadata": False,
        "type": "realtime",
        "keywords": None,
        "group": category.parent.name if category.parent_id else None,
    }


def _request_row(report: Report) -> dict[str, Any]:
    last = report.last_updates[-1] if getattr(report, "last_updates", None) else None
    closed = report.status not in OPEN_STATUSES
    return {
        "service_request_id": str(report.pk),
        "status": "closed" if closed else "open",
        "status_notes": last.message if last else None,
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.description,
        "agency_responsible": str(report.organisation) if report.organisation_id else None,
        "service_notice": None,
        "requested_datetime": report.created_at.isoformat(),
        "updated_datetime": report.updated_at.isoformat(),
        "expected_datetime": report.deadline.isoformat(),
        "address": report.address or None,
        "address_id": None,
        "zipcode": None,
        "lat": report.lat,
        "long": report.lon,
        "media_url": None,
    }


def _requests(municipality: Municipality) -> QuerySet[Report]:
    return (
        Report.objects.filter(municipality=municipality)
        .select_related("category", "organisation")
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=ReportUpdate.objects.order_by("created_at", "pk"),
                to_attr="last_updates",
            )
        )
    )


# --- views ---------------------------------------------------------------------------------


@open311_view(["GET"])
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    municipality = _jurisdiction(request)
    rows = [_service_row(c) for c in _services(municipality)]
    return _respond(fmt, "services", "service", rows)


@open311_view(["GET"])
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    municipality = _jurisdiction(request)
    if not _services(municipality).filter(code=code).exists():
        raise Open311Error(404, _("Unknown service_code %(code)s.") % {"code": code})
    # No extra questions per service yet: the definition lists no attributes.
    if fmt == "xml":
        top = ET.Element("service_definition")
        ET.SubElement(top, "service_code").text = code
        ET.SubElement(top, "attributes")
        body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="utf-8")
        return HttpResponse(body, content_type="text/xml; charset=utf-8")
    return JsonResponse({"service_code": code, "attributes": []})


@open311_view(["GET", "POST"])
def request_list(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _request_create(request, fmt)
    municipality = _jurisdiction(request)
    qs = _requests(municipality)
    params = request.GET
    if ids := params.get("service_request_id"):
        wanted = [part.strip() for part in ids.split(",") if part.strip()]
        if not all(part.isascii() and part.isdigit() and len(part) < 19 for part in wanted):
            raise Open311Error(400, _("service_request_id is a comma-separated list of numbers."))
        rows = [_request_row(r) for r in qs.filter(pk__in=wanted).order_by("-created_at")]
        return _respond(fmt, "service_requests", "request", rows)
    if codes := params.get("service_code"):
        qs = qs.filter(category__code__in=[c.strip() for c in codes.split(",")])
    if status := params.get("status"):
        states = {s.strip() for s in status.split(",")}
        if not states <= {"open", "closed"}:
            raise Open311Error(400, _("status is open or closed."))
        if states == {"open"}:
            qs = qs.filter(status__in=OPEN_STATUSES)
        elif states == {"closed"}:
            qs = qs.exclude(status__in=OPEN_STATUSES)
    end = _datetime_param(params, "end_date") or timezone.now()
    try:
        start = _datetime_param(params, "start_date") or end - datetime.timedelta(days=DEFAULT_DAYS)
    except OverflowError:
        raise Open311Error(400, _("end_date lies too far in the past.")) from None
    if start > end:
        raise Open311Error(400, _("start_date lies after end_date."))
    qs = qs.filter(created_at__gte=start, created_at__lte=end).order_by("-created_at")
    rows = [_request_row(r) for r in qs[:MAX_RESULTS]]
    return _respond(fmt, "service_requests", "request", rows)


def _datetime_param(params, name: str) -> datetime.datetime | None:
    raw = params.get(name)
    if not raw:
        return None
    try:
        value = parse_datetime(raw.replace(" ", "+"))
    except ValueError:  # well-formed but impossible, such as month 13
        value = None
    if value is None:
        raise Open311Error(
            400,
            _("%(name)s must be a date and time in W3C format, e.g. 2026-11-23T09:00:00Z.")
            % {"name": name},
        )
    try:
        value = value if timezone.is_aware(value) else timezone.make_aware(value)
        # In UTC: the database accepts offsets of at most 15:59, ISO 8601 up to 23:59.
        return value.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        raise Open311Error(
            400, _("%(name)s lies outside the possible dates.") % {"name": name}
        ) from None


@open311_view(["GET"])
def request_detail(request: HttpRequest, fmt: str, pk: str) -> HttpResponse:
    municipality = _jurisdiction(request)
    valid = pk.isascii() and pk.isdigit() and len(pk) < 19
    report = _requests(municipality).filter(pk=int(pk)).first() if valid else None
    if report is None:
        raise Open311Error(404, _("Unknown service_request_id %(id)s.") % {"id": pk})
    return _respond(fmt, "service_requests", "request", [_request_row(report)])


def _request_create(request: HttpRequest, fmt: str) -> HttpResponse:
    data = _params(request)
    key = data.get("api_key", "").strip()
    token = (
        _remembered(
            ("token", key), lambda: Token.objects.select_related("user").filter(key=key).first()
        )
        if key
        else None
    )
    if token is None or not token.user.is_active:
        raise Open311Error(403, _("Send a valid api_key to create service requests."))
    client = request.META.get("REMOTE_ADDR", "")
    limit = settings.WIJKWERK_OPEN311_RATE_LIMIT
    if not allow(f"open311:{client}", limit=limit, window_seconds=60):
        raise Open311Error(429, _("Too many requests from this address; try again in a minute."))
    municipality = _jurisdiction(request, data)
    code = data.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, _("service_code is required."))
    category = _remembered(
        ("services", municipality.pk), lambda: {c.code: c for c in _services(municipality)}
    ).get(code)
    if category is None:
        raise Open311Error(404, _("Unknown service_code %(code)s.") % {"code": code})
    try:
        lat, lon = float(data.get("lat", "")), float(data.get("long", ""))
    except ValueError:
        raise Open311Error(
            400, _("lat and long are required: the WGS84 position of the problem.")
        ) from None
    name = " ".join(p for p in (data.get("first_name", ""), data.get("last_name", "")) if p)
    report = services.report_create(
        municipality=municipality,
        category=category,
        description=data.get("description", ""),
        lat=lat,
        lon=lon,
        channel=Channel.API,
        actor=token.user,
        address=data.get("address_string", ""),
        reporter_email=data.get("email", ""),
        reporter_name=name,
        reporter_phone=data.get("phone", ""),
    )
    row = {
        "service_request_id": str(report.pk),
        "service_notice": report.first_update.message,
        "account_id": None,
    }
    return _respond(fmt, "service_requests", "request", [row])


@csrf_exempt
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return _error("json", 404, _("There is no Open311 endpoint at this address."))
