"""The invented speakers of the invented test articles (no Django needed: the benchmark uses them too)."""

from statements.extraction import KnownSpeaker

VALMONT = [  # invented people of an invented summit
    KnownSpeaker(
        1, "Hélène Marchetti", ["Hélène Marchetti", "Marchetti"], ["ministre fredonienne des Affaires étrangères"]
    ),
    KnownSpeaker(
        2, "Igor Vasquez", ["Igor Vasquez"], ["porte-parole du gouvernement sylvanien", "porte-parole sylvanien"]
    ),
    KnownSpeaker(3, "Source diplomatique européenne", ["source diplomatique européenne"], [], anonymous=True),
]
NORTHPORT = [
    KnownSpeaker(1, "Aldo Brenner", ["Aldo Brenner", "Brenner"], ["Foreign Minister"]),
    KnownSpeaker(2, "Senior Lisden official", ["senior Lisden official"], [], anonymous=True),
    KnownSpeaker(3, "Ines Okafor", ["Ines Okafor", "Okafor"], ["secretary general of the Coastal League"]),
]
