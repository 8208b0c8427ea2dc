"""Uploaded photos (with a melding, with a schouw finding): checked by content and size,
and re-encoded without metadata so that no EXIF data (GPS position, camera, owner) is ever
stored. In core because apps of one layer share it and may not import each other."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
PIL_NAME = {extension: name for name, extension in FORMATS.items()}
MAX_PIXELS = 40_000_000


def clean_photo(upload: UploadedFile) -> ContentFile:
    """A new image file with the same pixels and no metadata, or a clear error."""
    limit = settings.WIJKWERK_MAX_UPLOAD_BYTES
    if not upload.size:
        raise ValidationError(_("The photo is empty."))
    if upload.size > limit:
        raise ValidationError(
            _("The photo is %(size)s; the maximum is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(limit)}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            probe.verify()
            kind = FORMATS.get(probe.format or "")
        upload.seek(0)
        with Image.open(upload) as image:
            if kind is None or image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("Send a photo as JPEG, PNG or WebP."))
            # Turn the pixels upright first: the orientation tag goes with the rest.
            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "RGBA", "L"):
                image = image.convert("RGBA" if kind != "jpg" else "RGB")
            if kind == "jpg" and image.mode == "RGBA":
                image = image.convert("RGB")
            # A fresh image holds only pixels: no EXIF, XMP, ICC or text chunks.
            clean = Image.new(image.mode, image.size)
            clean.paste(image)
            buffer = io.BytesIO()
            clean.save(buffer, format=PIL_NAME[kind])
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a photo we can read (JPEG, PNG or WebP).")
        ) from None
    finally:
        upload.seek(0)
    return ContentFile(buffer.getvalue(), name=f"photo.{kind}")
