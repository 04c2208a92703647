import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from shop.producers import photos

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def jpeg_with_exif(width=60, height=30, orientation=6):
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = orientation  # rotate 90° clockwise when shown
    exif[0x010F] = "Máy ảnh"
    exif[GPS_IFD] = {1: "N", 2: (21.0, 1.0, 2.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def upload(client, product, content, name="anh.jpg", ctype="image/jpeg"):
    return client.post(
        reverse("producers:photo-upload", args=[product.pk]),
        {"photo": SimpleUploadedFile(name, content, content_type=ctype), "make_primary": "on"},
    )


def test_jpeg_is_turned_upright_and_stripped(client_a, side_a):
    response = upload(client_a, side_a.product, jpeg_with_exif())
    assert response.status_code == 302
    image = side_a.product.images.get()
    with Image.open(image.original.path) as saved:
        assert saved.size == (30, 60)  # orientation 6 applied
        assert not saved.getexif()
        assert "exif" not in saved.info
    assert b"GPS" not in open(image.original.path, "rb").read()
    html = client_a.get(reverse("producers:product-edit", args=[side_a.product.pk])).content
    assert b"srcset" in html


@pytest.mark.parametrize("kind", ["PNG", "WEBP"])
def test_png_and_webp_accepted(client_a, side_a, kind):
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(out, kind)
    assert (
        upload(client_a, side_a.product, out.getvalue(), name=f"a.{kind.lower()}").status_code
        == 302
    )
    assert side_a.product.images.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not an image at all", "không phải là ảnh hợp lệ"),
        (b"GIF89a" + b"\x00" * 40, "không phải là ảnh hợp lệ"),
    ],
)
def test_bad_files_get_a_clear_message_and_nothing_saved(client_a, side_a, content, message):
    response = upload(client_a, side_a.product, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert side_a.product.images.count() == 0


def test_gif_refused_as_format(client_a, side_a):
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    response = upload(client_a, side_a.product, out.getvalue(), name="a.gif", ctype="image/gif")
    assert response.status_code == 400
    assert "chỉ nhận JPEG, PNG hoặc WebP" in response.content.decode()
    assert side_a.product.images.count() == 0


def test_too_big_file_refused(client_a, side_a):
    content = jpeg_with_exif() + b"\x00" * (10 * 1024 * 1024)  # a valid JPEG, 10 MB + a bit
    response = upload(client_a, side_a.product, content)
    assert response.status_code == 400
    assert "tối đa 10 MB" in response.content.decode()
    assert side_a.product.images.count() == 0


def test_too_many_pixels_refused(client_a, side_a):
    # 8000 × 5001 = 40,008,000 pixels, a tiny PNG file.
    out = io.BytesIO()
    Image.new("1", (8000, 5001)).save(out, "PNG")
    response = upload(client_a, side_a.product, out.getvalue(), name="a.png", ctype="image/png")
    assert response.status_code == 400
    assert "40 megapixel" in response.content.decode()
    assert side_a.product.images.count() == 0


def test_clean_photo_keeps_small_images_whole():
    out = io.BytesIO()
    Image.new("RGB", (8, 4), "blue").save(out, "PNG")
    cleaned = photos.clean_photo(SimpleUploadedFile("x.png", out.getvalue()), name="x")
    assert cleaned.name == "x.png"
    with Image.open(cleaned) as image:
        assert image.size == (8, 4)
