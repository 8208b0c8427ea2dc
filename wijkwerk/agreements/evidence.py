"""Evidence with a progress report: a PDF, or a photo re-encoded without metadata by
`core.photos.clean_photo` (no EXIF position or camera data is ever stored)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from wijkwerk.core.photos import clean_photo


def clean_evidence(upload: UploadedFile) -> ContentFile:
    """The file to store, or a clear error: PDF or photo, within the size limit."""
    limit = settings.WIJKWERK_MAX_UPLOAD_BYTES
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the maximum is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return ContentFile(upload.read(), name="evidence.pdf")
    try:
        photo = clean_photo(upload)
    except ValidationError:
        raise ValidationError(
            _("Send the evidence as a PDF or a photo (JPEG, PNG or WebP), or give a link.")
        ) from None
    photo.name = "evidence." + photo.name.rsplit(".", 1)[-1]
    return photo
