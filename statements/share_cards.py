"""The image a link preview shows for a statement (Open Graph `og:image`, Twitter's large
card): the quote, who said it and when, and the archive's name, drawn with Pillow.

1200 × 630 PNG, the size Open Graph consumers expect. Rendered on first request and kept
in the cache under the statement's version, so an edit makes a new card. Fonts: Debian's
DejaVu (fonts-dejavu-core, which `make install` asks for; it covers Latin, Greek and
Cyrillic), or Pillow's own font where DejaVu is missing.
"""

import io
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from .citations import speakers_with_roles
from .models import Statement

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
INK, MUTED, PAPER, ACCENT, RETRACTED = "#1b1b1b", "#555555", "#fbfaf7", "#7a1f1f", "#a00000"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
QUOTE_LINES = 6


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = DEJAVU / ("DejaVuSerif-Bold.ttf" if bold else "DejaVuSerif.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def wrap(text: str, face, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to `width` pixels; the last line ends with "…" when text is left over."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and face.getlength(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words and lines:
        last = lines[-1]
        while last and face.getlength(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + " …"
    return lines


def render(statement: Statement) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 12, HEIGHT], fill=ACCENT)
    y = MARGIN
    if statement.status == Statement.Status.RETRACTED:
        draw.text((MARGIN, y - 40), _("RETRACTED"), font=font(30, bold=True), fill=RETRACTED)
    report = statement.display_report
    quote_face = font(44)
    for line in wrap(f"“{report.text}”" if report else "", quote_face, WIDTH - 2 * MARGIN, QUOTE_LINES):
        draw.text((MARGIN, y), line, font=quote_face, fill=INK)
        y += 58
    credit_face = font(30, bold=True)
    y = max(y + 24, HEIGHT - MARGIN - 120)
    for line in wrap(f"— {'; '.join(speakers_with_roles(statement))}", credit_face, WIDTH - 2 * MARGIN, 2):
        draw.text((MARGIN, y), line, font=credit_face, fill=INK)
        y += 40
    footer = font(26)
    draw.text((MARGIN, HEIGHT - MARGIN), statement.date_text, font=footer, fill=MUTED)
    name = _("Diplomatic statements archive")
    draw.text((WIDTH - MARGIN - footer.getlength(name), HEIGHT - MARGIN), name, font=footer, fill=MUTED)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
