"""FileThumbnailer: thumbnails from a file name and options, no database, made once."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from shop.catalogue import thumbnails
from shop.catalogue.thumbnails import FileThumbnailer, thumbnail_name


@pytest.fixture(autouse=True)
def _fresh_process_memory():
    thumbnails._known.clear()
    yield
    thumbnails._known.clear()


def _save_photo(name="products/mat-ong.jpg", size=(1200, 800), exif_orientation=None):
    image = Image.new("RGB", size, (200, 150, 30))
    # A dark left edge tells which way the picture ended up.
    for x in range(size[0] // 10):
        for y in range(size[1]):
            image.putpixel((x, y), (0, 0, 0))
    out = io.BytesIO()
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="JPEG")
    return default_storage.save(name, ContentFile(out.getvalue()))


def _open(name):
    with default_storage.open(name) as handle:
        image = Image.open(handle)
        image.load()
        return image


def test_crop_makes_a_jpeg_of_exactly_the_asked_size_and_reports_it():
    source = _save_photo()
    thumb = FileThumbnailer().generate_thumbnail(source, size="400x400", crop="center")
    assert thumb.name == thumbnail_name(source, size="400x400", crop="center", upscale=True)
    assert default_storage.exists(thumb.name)
    made = _open(thumb.name)
    assert made.format == "JPEG"
    assert made.size == (400, 400)
    assert (thumb.width, thumb.height) == (400, 400)
    assert thumb.url.startswith("/media/cache/thumbs/")


def test_width_only_keeps_the_aspect_ratio_and_never_enlarges_without_upscale():
    source = _save_photo(size=(300, 200))
    thumb = FileThumbnailer().generate_thumbnail(source, size="600x", upscale=False)
    assert _open(thumb.name).size == (300, 200)
    bigger = FileThumbnailer().generate_thumbnail(source, size="600x", upscale=True)
    assert _open(bigger.name).size == (600, 400)
    assert bigger.name != thumb.name


def test_a_phone_photo_taken_sideways_is_turned_upright():
    # Orientation 6: the camera was rotated 90° clockwise; viewers show it portrait.
    source = _save_photo(size=(800, 600), exif_orientation=6)
    thumb = FileThumbnailer().generate_thumbnail(source, size="300x")
    width, height = _open(thumb.name).size
    assert height > width


def test_second_request_reuses_the_file_without_reading_the_source():
    source = _save_photo()
    first = FileThumbnailer().generate_thumbnail(source, size="200x200", crop="center")
    made_at = default_storage.get_modified_time(first.name)
    default_storage.delete(source)  # were it read again, the original would be missing
    again = FileThumbnailer().generate_thumbnail(source, size="200x200", crop="center")
    assert again.name == first.name
    assert (again.width, again.height) == (200, 200)
    assert default_storage.get_modified_time(first.name) == made_at

    # Another process (empty memory) finds the existing file and reads its size from it.
    thumbnails._known.clear()
    other = FileThumbnailer().generate_thumbnail(source, size="200x200", crop="center")
    assert other.name == first.name
    assert (other.width, other.height) == (200, 200)


def test_a_broken_upload_falls_back_to_the_original_instead_of_failing_the_page(caplog):
    name = default_storage.save("products/hong.jpg", ContentFile(b"not an image at all"))
    thumb = FileThumbnailer().generate_thumbnail(name, size="400x400")
    assert thumb.name == name
    assert "could not be made" in caplog.text


def test_deleting_a_photo_removes_its_thumbnails_only():
    keep = _save_photo(name="products/giu-lai.jpg")
    gone = _save_photo(name="products/xoa-di.jpg")
    thumbnailer = FileThumbnailer()
    kept = thumbnailer.generate_thumbnail(keep, size="100x100", crop="center")
    removed = [
        thumbnailer.generate_thumbnail(gone, size=size, crop="center")
        for size in ("100x100", "400x400")
    ]
    thumbnailer.delete_thumbnails(gone)
    assert not any(default_storage.exists(t.name) for t in removed)
    assert default_storage.exists(kept.name)
