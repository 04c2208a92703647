"""Product photos from producers: checked with Pillow, turned upright, metadata stripped."""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def clean_photo(upload, *, name: str = "anh") -> ContentFile:
    """A clean copy of an uploaded photo, or ValidationError with a message a person can act on.

    Only real JPEG, PNG or WebP images of at most 10 MB and 40 megapixels pass. The copy is
    rotated as the camera's EXIF orientation says, and carries no EXIF (GPS included), XMP,
    comments or other text chunks.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError("Ảnh quá lớn: tối đa 10 MB.", code="too_big")
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format
                width, height = probe.size
                probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            "Tệp này không phải là ảnh hợp lệ (chỉ nhận JPEG, PNG hoặc WebP).", code="not_image"
        ) from None
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValidationError("Ảnh quá lớn: tối đa 40 megapixel.", code="too_many_pixels") from None
    if kind not in FORMATS:
        raise ValidationError(
            "Định dạng ảnh không được hỗ trợ: chỉ nhận JPEG, PNG hoặc WebP.", code="format"
        )
    if width * height > MAX_PIXELS:
        raise ValidationError("Ảnh quá lớn: tối đa 40 megapixel.", code="too_many_pixels")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError):
        raise ValidationError("Ảnh bị hỏng, không đọc được.", code="broken") from None
    # Only the pixels travel on: no EXIF (GPS), XMP, ICC, comments or PNG text chunks.
    clean = upright.copy()
    clean.info = {}
    clean._exif = None  # Pillow caches parsed EXIF here
    if kind == "JPEG" and clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    out = io.BytesIO()
    options = {"JPEG": {"quality": 90, "optimize": True}, "WEBP": {"quality": 90}, "PNG": {}}
    clean.save(out, format=kind, **options[kind])
    return ContentFile(out.getvalue(), name=f"{name}.{FORMATS[kind]}")
