"""Product thumbnails with no database and no cache behind them (settings.OSCAR_THUMBNAILER).

sorl-thumbnail records each thumbnail in its key-value store: one SQL query per image on a
page whose cache is cold, 24 on a catalogue page. Here a thumbnail's file name is computed
from the source's name and the options, so knowing its URL costs a hash and, the first time,
a file-existence check per process; the file is made with Pillow when it is missing (once,
by whichever process asks first; two making it at once write the same bytes).
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from oscar.core.thumbnails import AbstractThumbnailer
from PIL import Image, ImageOps

logger = logging.getLogger("shop.catalogue.thumbnails")
PREFIX = "cache/thumbs"
# Names this process already knows exist (with their size once read): a stat per
# thumbnail once, never again.
_known: dict[str, tuple[int, int] | None] = {}
_lock = threading.Lock()


class Thumbnail:
    """What templates read: ``url``; ``width``/``height`` opened lazily from the file."""

    def __init__(self, name: str, storage=default_storage, size: tuple[int, int] | None = None):
        self.name = name
        self.storage = storage
        self._size = size

    @property
    def url(self) -> str:
        return self.storage.url(self.name)

    def _dimensions(self) -> tuple[int, int]:
        if self._size is None:
            self._size = _known.get(self.name)
        if self._size is None:
            with self.storage.open(self.name) as handle, Image.open(handle) as image:
                self._size = image.size
            if self.name in _known:
                _known[self.name] = self._size
        return self._size

    @property
    def width(self) -> int:
        return self._dimensions()[0]

    @property
    def height(self) -> int:
        return self._dimensions()[1]

    def __str__(self) -> str:
        return self.url


def _parse_size(size: str) -> tuple[int | None, int | None]:
    width, _, height = str(size).partition("x")
    return (int(width) if width else None, int(height) if height else None)


def thumbnail_name(source_name: str, *, size: str, crop: str | None, upscale: bool) -> str:
    digest = hashlib.sha1(  # noqa: S324  (a file name, not security)
        f"{source_name}|{size}|{crop}|{upscale}".encode()
    ).hexdigest()
    stem = PurePosixPath(source_name).stem[:40] or "image"
    return f"{PREFIX}/{digest[:2]}/{digest[2:14]}-{stem}-{size}.jpg"


def render(data: bytes, *, size: str, crop: str | None, upscale: bool) -> tuple[bytes, tuple]:
    width, height = _parse_size(size)
    with Image.open(io.BytesIO(data)) as original:
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGB") if image.mode not in ("RGB", "L") else image
        src_w, src_h = image.size
        target_w = width or round(src_w * height / src_h)
        target_h = height or round(src_h * width / src_w)
        if crop and width and height:
            if not upscale and (src_w < target_w or src_h < target_h):
                scale = min(1.0, max(target_w / src_w, target_h / src_h))
                target_w = min(target_w, round(src_w * scale) or 1)
                target_h = min(target_h, round(src_h * scale) or 1)
            image = ImageOps.fit(image, (target_w, target_h), Image.Resampling.LANCZOS)
        elif upscale:
            image = ImageOps.contain(image, (target_w, target_h), Image.Resampling.LANCZOS)
        else:
            image = image.copy()
            image.thumbnail((target_w, target_h), Image.Resampling.LANCZOS)  # never enlarges
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
        return out.getvalue(), image.size


class FileThumbnailer(AbstractThumbnailer):
    def generate_thumbnail(self, source, **opts):
        size = str(opts.get("size") or "400x400")
        crop = opts.get("crop")
        upscale = bool(opts.get("upscale", True))
        source_name = getattr(source, "name", None) or str(source)
        storage = getattr(source, "storage", None) or default_storage
        name = thumbnail_name(source_name, size=size, crop=crop, upscale=upscale)
        if name in _known:
            return Thumbnail(name, storage, _known[name])
        if storage.exists(name):
            with _lock:
                _known.setdefault(name, None)
            return Thumbnail(name, storage)
        try:
            with storage.open(source_name, "rb") as handle:
                data = handle.read()
            body, dimensions = render(data, size=size, crop=crop, upscale=upscale)
        except (OSError, ValueError, Image.DecompressionBombError):
            logger.warning("Thumbnail of %s (%s) could not be made", source_name, size)
            return Thumbnail(source_name, storage)  # the original rather than a broken image
        if not storage.exists(name):
            storage.save(name, ContentFile(body))
        with _lock:
            _known[name] = dimensions
        return Thumbnail(name, storage, dimensions)

    def delete_thumbnails(self, source):
        source_name = getattr(source, "name", None) or str(source)
        stem = PurePosixPath(source_name).stem[:40]
        # Names are hashes: look in every bucket for this source's stem (rare: on delete).
        try:
            buckets, _ = default_storage.listdir(PREFIX)
        except (FileNotFoundError, NotImplementedError):
            return
        for bucket in buckets:
            _, files = default_storage.listdir(f"{PREFIX}/{bucket}")
            for file in files:
                if f"-{stem}-" in file:
                    default_storage.delete(f"{PREFIX}/{bucket}/{file}")
                    _known.pop(f"{PREFIX}/{bucket}/{file}", None)
