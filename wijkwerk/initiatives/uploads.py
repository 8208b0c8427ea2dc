"""Checking uploaded receipts: a PDF or an image, not too large, really what it claims."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
ALLOWED_EXTENSIONS = {"pdf", "jpg", "jpeg", "png", "webp", "gif"}


def validate_receipt(upload: UploadedFile) -> str:
    """Return the file's real type ("pdf" or an image extension), or raise a clear error."""
    limit = settings.WIJKWERK_MAX_UPLOAD_BYTES
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the maximum is %(max)s. Send a smaller scan or photo.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(limit)}
        )
    name = (upload.name or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(_("Upload the receipt as a PDF or a photo (JPEG, PNG, WebP)."))
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        kind = "pdf"
    else:
        try:
            with Image.open(upload) as image:
                image.verify()
                kind = IMAGE_FORMATS.get(image.format or "", "")
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            kind = ""
        finally:
            upload.seek(0)
    if not kind:
        raise ValidationError(
            _(
                "This file is not a PDF or an image we can read. Upload the receipt as a PDF or a photo."
            )
        )
    if (kind == "pdf") != (extension == "pdf"):
        raise ValidationError(
            _("The file's content does not match its name (%(ext)s).") % {"ext": extension}
        )
    return kind
