"""Printable documents as PDF, rendered from a Django template with WeasyPrint.

WeasyPrint needs Pango and friends at run time; where they are missing the import fails.
It is therefore imported when a PDF is asked for, never at start-up, and a page that offers
a PDF answers 503 with a plain explanation (the HTML version prints just as well) instead
of breaking. The renderer fetches nothing from the network: a print template carries its
own CSS, and any other URL it names is refused.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


class PdfUnavailable(Exception):
    """WeasyPrint (or a library it needs) cannot be loaded here."""


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> dict:
    if url.startswith("data:"):
        from weasyprint import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"print templates fetch nothing: {url}")


def render_pdf(
    template_name: str, context: dict[str, Any], *, request: HttpRequest | None = None
) -> bytes:
    """The template rendered as PDF bytes. Raises PdfUnavailable when WeasyPrint cannot load."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: a missing system library (Pango)
        raise PdfUnavailable(str(error)) from error
    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()


def pdf_response(
    template_name: str, context: dict[str, Any], *, request: HttpRequest, filename: str
) -> HttpResponse:
    """The PDF as a download named `filename`, or 503 with an explanation."""
    try:
        pdf = render_pdf(template_name, context, request=request)
    except PdfUnavailable:
        return HttpResponse(
            _(
                "The PDF cannot be made at the moment. Open the page without ?format=pdf and "
                "print it from your browser, or try again later."
            ),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def wants_pdf(request: HttpRequest) -> bool:
    return request.GET.get("format") == "pdf"
