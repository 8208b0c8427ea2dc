"""Files handed to the browser as downloads."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse


def csv_download(
    header: Sequence[str], rows: Iterable[Sequence[str]], filename: str, *, private: bool = False
) -> HttpResponse:
    """A UTF-8 CSV file as an attachment. `private`: never kept by a cache (codes in clear)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "no-store"
    return response
