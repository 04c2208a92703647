"""Pictures for the demo pages, drawn with Pillow (no photo files in the repository)."""

import colorsys
import io
import textwrap

from django.core.files.images import ImageFile

from shop.demo_images import BOLD, REGULAR, font


def _rgb(hue: float, lightness: float, saturation: float = 0.55) -> tuple[int, int, int]:
    r, g, b = colorsys.hls_to_rgb(hue % 1.0, lightness, saturation)
    return round(r * 255), round(g * 255), round(b * 255)


def picture(*, title: str, subtitle: str = "", hue: float = 0.07) -> bytes:
    """A 1600×900 JPEG: a landscape-like gradient (sky, hills, fields) with a caption."""
    from PIL import Image, ImageDraw

    width, height = 1600, 900
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_rgb(hue + 0.5, 0.85 - 0.25 * y / height, 0.35))
    # three hill lines, darker towards the front
    for layer, (top, lightness) in enumerate(((420, 0.55), (540, 0.42), (660, 0.3))):
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            wave = ((x // 80 + layer * 3) % 7 - 3) * (18 + layer * 6)
            points.append((x, top + wave))
        points.append((width, height))
        draw.polygon(points, fill=_rgb(hue + 0.02 * layer, lightness, 0.5))
    draw.rectangle([0, height - 230, width, height], fill=(0, 0, 0))
    image = Image.blend(image, Image.new("RGB", image.size, _rgb(hue, 0.5)), 0.12)
    draw = ImageDraw.Draw(image)
    title_font = font(BOLD, 68)
    lines = textwrap.wrap(title, width=38)[:2] or [title]
    for number, line in enumerate(lines):
        draw.text((70, height - 205 + number * 80), line, font=title_font, fill=(255, 255, 255))
    if subtitle:
        draw.text((70, height - 55), subtitle, font=font(REGULAR, 30), fill=(235, 225, 210))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def wagtail_image(*, title: str, subtitle: str = "", hue: float = 0.07, filename: str):
    """A Wagtail image in the root collection (the same title is reused, not duplicated)."""
    from wagtail.images import get_image_model

    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    data = picture(title=title, subtitle=subtitle, hue=hue)
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(data), name=f"{filename}.jpg")
    image.save()
    return image
