"""When something was said, from the words around it: "jeudi", "la veille", "on Sunday",
"yesterday", "ce lundi", against the article's publication date. A day that is ahead
("dès vendredi", "next Monday", "resume on Monday") is not when anything was said.
"""

import datetime
import re

from . import lexicon

_DAY = re.compile(
    r"(?<![\w'-])(?:"
    + "|".join(re.escape(phrase) for phrase in sorted(lexicon.RELATIVE_DAYS, key=len, reverse=True))
    + "|"
    + "|".join(lexicon.DAYS)
    + r")(?![\w-])"
)


def day_in(folded: str, published: datetime.date) -> datetime.date | None:
    """The first day named in `folded` (folded text: lower case, no accents) that is not ahead."""
    for match in _DAY.finditer(folded):
        word = match.group(0)
        if lexicon.FUTURE_BEFORE.search(folded[: match.start()]) or lexicon.FUTURE_AFTER.match(folded[match.end() :]):
            continue
        if word in ("la veille", "l'avant-veille") and re.match(r"\s*(?:d'|de\s|du\s)", folded[match.end() :]):
            continue  # "à la veille d'un sommet": the eve of something, not a day
        if word in lexicon.DAYS:
            return published - datetime.timedelta(days=(published.weekday() - lexicon.DAYS[word]) % 7)
        return published + datetime.timedelta(days=lexicon.RELATIVE_DAYS[word])
    return None
