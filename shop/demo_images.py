"""Fonts for the pictures the demo commands draw with Pillow (shop's gift sets, cms's pages).

Vietnamese diacritics need a font that has them: Noto Sans first, DejaVu Sans next, Pillow's
built-in font last (it has them too, in one look).
"""

from pathlib import Path

BOLD = [
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
]
REGULAR = [
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]


def font(candidates: list[str], size: int):
    """The first of ``candidates`` that is installed, at ``size``; Pillow's default otherwise."""
    from PIL import ImageFont

    for path in candidates:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)
