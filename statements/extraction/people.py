"""Who is who in an article: the people, bodies and unnamed sources it mentions, and what a
later mention refers to.

`People.read(sentence)` finds the mentions of a sentence (outside its quotations) in
order, and resolves each as it goes, so that a pronoun or an office refers to what came
before it:
- a full name: a speaker the archive knows (name or alias), else a new person;
- a surname alone ("Réveillard", "M. Kessler", "Ms Hartley"): the person of that surname
  the article named before, else the archive's only person of that surname;
- an office ("the Varenian minister", "le chef de la diplomatie sylvanienne", "La
  présidente belmarienne"): the latest person the article gave a compatible office (same
  office, no contradicting nationality or body, same grammatical gender), else the person
  the archive has holding it that day; an office next to a name describes that name;
- a pronoun (il, elle, he, she, "a-t-elle"): the latest person of that gender;
- an unnamed source ("un diplomate européen", "a senior official who asked not to be
  named"): a new unnamed source each time; "la même source", "the official": the last one.
"""

import re
from dataclasses import dataclass, field

from . import lexicon
from .text import Sentence, fold

NAME_TOKEN = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"  # noqa: S105 (a capitalised word, no secret)
NAME_RUN = re.compile(rf"(?<![\w'’-]){NAME_TOKEN}(?:\s+{NAME_TOKEN})*")
HONORIFIC = re.compile(r"(?<![\w])(M\.|Mme|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Madame|Monsieur)\s+([A-ZÀ-ÖØ-Þ][\w'’-]+)")
FEMININE_HONORIFICS = {"mme", "mrs", "mrs.", "ms", "ms.", "madame"}
ORG_WORDS = lexicon.words("""
    union league ligue ministry ministere council conseil commission office bank fund party parti parliament
    parlement court cour committee comite group groupe service institute herald times news post radio agency
    agence protocol protocole accord agreement summit sommet treaty round cross
""")
SENTENCE_WORDS = lexicon.words("""
    yet but still however meanwhile now then also even only here there few many most critics locals local
    reactions behind across inside outside under over since until unless although though because while whereas
    et puis ainsi pourtant cependant toutefois or alors ici la certes enfin aussi mais quant car comme si
    quand lorsque malgre
""")
NATIONALITY = re.compile(
    r"^[a-z]{3,}(?:ienne|ien|aise|ais|aine|ain|oise|ois|ande|and|ique|eenne|een|ole|ese|ian|ish)s?$"
)
NOT_NATIONALITY = lexicon.words("""
    ancien ancienne prochain prochaine certain certaine humain humaine demain quotidien quotidienne moyen bien
    rien lien soutien entretien maintien jamais mais politique pratique unique publique economique
    diplomatique strategique historique technique chain plain again italian
""")
EXTRA_NATIONALITIES = lexicon.words("""
    russe belge suisse grecque turque tcheque slovaque grec turc
""")
OFFICE_MODIFIERS = lexicon.words("""
    senior haut haute chief deputy former ancien ancienne sortant sortante outgoing new nouveau nouvelle
    actuel actuelle current top principal principale vice special speciale adjoint adjointe interim acting
    government foreign charge chargee
""")
STOP_WORDS_AFTER_OFFICE = lexicon.words("""
    a avait est etait has had is was et and qui who que that ne n'a se s'est did does will would
""")
IMPERSONAL_IL = re.compile(r"^\s+(?:faut|fallait|y\s|s'agit|semble|reste|convient|parait|est\s+(?:temps|possible|"
                           r"probable|clair|vrai|evident|important|necessaire|question))")  # fmt: skip
PLURAL_BEFORE = re.compile(
    r"(?:^|\s)(?:les|des|ces|les\s+deux|the\s+two|both|all|two|three|several)\s+(?:\w+\s+){0,2}$"
)
PRONOUN = re.compile(
    r"(?:-t-|-|(?<![\w'-]))(il|elle|he|she)(?![\w'-])|(?<![\w'])(?:selon|d'apres|pour)\s+(lui|elle)(?!\w)"
)
ANONYMOUS = re.compile(
    rf"(?<![\w'-])(?:(?:{lexicon.INDEFINITE})\s+(?:[\w'-]+\s+){{0,3}}?(?:{lexicon.ANONYMOUS_HEADS})"
    rf"|(?:[a-z]+(?:ian|ish|ese|ern|an|i)\s+)?(?:{lexicon.BARE_ANONYMOUS}))(?![\w'-])"
)


PHRASE_REACH = 120  # characters an office's phrase may extend before or after its head word
# "…de la Ligue côtière", "of the Coastal League", "close to the presidency": a body after a
# preposition qualifies something else; it is not who speaks.
OF_BEFORE = re.compile(
    r"(?:\bde|\bdu|\bdes|\bof|\bfor|\bpour|\bd'|\bl'|\bto|\bwith|\bfrom|\bat|\bin|\bby|\bnear|\bau|\baux|\bavec|"
    r"\bchez|\bpar|\bdans|\bsur|\ba)(?:\s+(?:la|l'|the|le|les))?\s*$"
)
# A body the archive may not know, speaking as such: "le ministère fredonien de la Défense",
# "Varenia's foreign ministry", "the government".
INSTITUTION = re.compile(
    r"(?<![\w'-])(?:(?:le|la|l'|the)\s*|[\w-]+'s\s+)(?:[\w-]+\s+){0,2}?"
    r"(?:ministere|ministry|gouvernement|government|presidence|presidency|kremlin|elysee|armee|army|"
    r"state\s+department|white\s+house|foreign\s+office)(?![\w'-])"
)
# A body's name used as a person's description: "government spokesman", "presidency official".
PERSON_AFTER = re.compile(
    rf"\s+(?:[\w-]+\s+)?(?:{lexicon.ANONYMOUS_HEADS}|ministers?|ministres?|advis[eo]rs?|representatives?|"
    r"chiefs?|heads?)(?![\w'-])"
)
# "une source proche du dossier", up to the verb or the relative clause.
SOURCE_DESCRIPTION = re.compile(
    r"[^,.;:«»\"“”()]{0,80}?(?=\s+(?:qui\s+a|que|a|avait|has|had|is|was|said|says|told|on\s+condition|speaking"
    r"|sous\s+couvert|s'exprimant)\b|[,.;:]|$)"
)


@dataclass(eq=False)
class Entity:
    name: str  # as the archive knows it, or the clean name the article gives
    known: object | None = None  # the KnownSpeaker
    kind: str = "person"  # person, institution or anonymous (Speaker.Kind)
    gender: str = ""  # "f", "m", or "" while the article has not told
    offices: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)  # nationalities and bodies of those offices
    description: str = ""  # the office as the article first gives it, for a new speaker
    last_seen: int = -1


@dataclass
class Mention:
    start: int
    end: int
    entity: Entity | None
    how: str  # name, surname, office, pronoun, source
    printed: str


def _stem(word: str) -> str:
    return fold(word).removesuffix("'s")[:5]


def qualifier_stems(words: list[str]) -> set[str]:
    """The nationalities and bodies among an office's words ("Ostrian", "sylvanienne",
    "Coastal League"), each cut to five letters so that "ostrien", "Ostria" and "Ostrian"
    compare equal."""
    stems = set()
    for word in words:
        folded = re.sub(r"^(?:l|d)'", "", fold(word).strip(".,;:()").removesuffix("'s"))
        if not folded or (folded in lexicon.NOT_NAMES and folded not in ORG_WORDS) or folded in NOT_NATIONALITY:
            continue
        word = re.sub(r"^(?:l|d)['’]", "", word)
        if word[:1].isupper() or folded in EXTRA_NATIONALITIES or NATIONALITY.match(folded):
            stems.add(folded[:5])
    return stems


def offices_in(folded: str) -> list[tuple[int, int, str]]:
    """(start, end, office) of each office named in folded text, earliest and longest first."""
    found = []
    for pattern, office in lexicon.OFFICE_PATTERNS:
        for match in pattern.finditer(folded):
            found.append((match.start(), match.end(), office))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    kept, reach = [], -1
    for start, end, office in found:
        if start >= reach:
            kept.append((start, end, office))
            reach = end
    return kept


def gender_of(phrase: str) -> str:
    """ "f", "m" or "" for an office's phrase: "la ministre", "Premier ministre fredonien", "Foreign Minister"."""
    folded = fold(phrase).strip(" ,")
    first = re.match(r"[\w]+", folded)
    if first and first.group(0) in lexicon.FEMININE_DETERMINERS:
        return "f"
    if first and first.group(0) in lexicon.MASCULINE_DETERMINERS:
        return "m"
    if lexicon.FEMININE_FORMS.search(folded):
        return "f"
    if lexicon.MASCULINE_FORMS.search(folded):
        return "m"
    return ""


def compatible(entity: Entity, office: str, stems: set[str], gender: str) -> bool:
    if gender and entity.gender and gender != entity.gender:
        return False
    if stems and entity.stems and not stems & entity.stems:
        return False
    if office == "*":  # "his counterpart": someone else, known by nationality or body
        return bool(stems & entity.stems)
    if not entity.offices:
        return bool(stems & entity.stems)
    return any(
        office == held or (office == "minister" and held.endswith("minister")) or (held == "minister" and
                                                                                   office.endswith("minister"))
        for held in entity.offices
    )  # fmt: skip


class People:
    def __init__(self, known: list):
        self.entities: dict[object, Entity] = {}
        self.surnames: dict[str, Entity] = {}  # folded surname → the article's latest person of that name
        self.last_anonymous: Entity | None = None
        self.known = known
        names = {}
        self.known_surnames: dict[str, list] = {}
        self.known_offices: list[tuple[object, set[str], set[str], str]] = []
        for speaker in known:
            for name in speaker.names:
                if name and name.strip():
                    names.setdefault(fold(name.strip()), speaker)
            if getattr(speaker, "kind", "person") != "person" or speaker.anonymous:
                continue
            tokens = speaker.name.split()
            if len(tokens) >= 2:
                self.known_surnames.setdefault(fold(tokens[-1]), []).append(speaker)
            offices, stems, gender = set(), set(), ""
            for title in speaker.titles:
                folded = fold(title)
                found = offices_in(folded)
                offices |= {office for _start, _end, office in found}
                rest = "".join(" " if any(low <= i < high for low, high, _o in found) else char
                               for i, char in enumerate(title))  # fmt: skip
                stems |= qualifier_stems(rest.split())
                gender = gender or gender_of(title)
            if offices:
                self.known_offices.append((speaker, offices, stems, gender))
        self.known_names = names
        alternatives = sorted((re.escape(name) for name in names), key=len, reverse=True)
        self.name_pattern = re.compile(rf"(?<![\w'-])(?:{'|'.join(alternatives)})(?![\w-])") if alternatives else None

    # --- entities -----------------------------------------------------------------------

    def _known(self, speaker) -> Entity:
        key = ("known", speaker.id)
        if key not in self.entities:
            kind = "anonymous" if speaker.anonymous else getattr(speaker, "kind", "person")
            entity = Entity(speaker.name, speaker, kind)
            for known, offices, stems, gender in self.known_offices:
                if known is speaker:
                    entity.offices |= offices
                    entity.stems |= stems
                    entity.gender = entity.gender or gender
            self.entities[key] = entity
            if kind == "person" and len(speaker.name.split()) >= 2:
                self.surnames[fold(speaker.name.split()[-1])] = entity
        return self.entities[key]

    def _new_person(self, name: str) -> Entity:
        key = ("new", fold(name))
        if key not in self.entities:
            self.entities[key] = Entity(name)
        entity = self.entities[key]
        self.surnames[fold(name.split()[-1])] = entity
        return entity

    def _by_surname(self, surname: str) -> Entity | None:
        folded = fold(surname).removesuffix("'s")
        if folded in self.surnames:
            return self.surnames[folded]
        candidates = self.known_surnames.get(folded, [])
        return self._known(candidates[0]) if len(candidates) == 1 else None

    def _by_office(self, office: str, stems: set[str], gender: str, before: int) -> Entity | None:
        recent = sorted(
            (entity for entity in self.entities.values() if entity.kind == "person" and 0 <= entity.last_seen < before),
            key=lambda entity: entity.last_seen,
            reverse=True,
        )
        for entity in recent:
            if compatible(entity, office, stems, gender):
                return entity
        if office == "*":
            return None
        held = []
        for speaker, offices, title_stems, title_gender in self.known_offices:
            probe = Entity(speaker.name, offices=offices, stems=title_stems, gender=title_gender)
            if compatible(probe, office, stems, gender) and (not stems or stems & title_stems):
                held.append((len(stems & title_stems), speaker))
        held.sort(key=lambda item: -item[0])
        if len(held) == 1 or (len(held) > 1 and held[0][0] > held[1][0]):
            return self._known(held[0][1])
        # "Oskar Brant spoke briefly. … the spokesman added": the latest person whose office
        # the article has not given, when the phrase names no nationality or body.
        if not stems:
            return next((entity for entity in recent if not entity.offices and not entity.stems and (
                not gender or not entity.gender or gender == entity.gender)), None)  # fmt: skip
        return None

    def by_pronoun(self, gender: str, before: int) -> Entity | None:
        recent = sorted(
            (entity for entity in self.entities.values()
             if entity.kind != "institution" and 0 <= entity.last_seen < before),
            key=lambda entity: entity.last_seen,
            reverse=True,
        )  # fmt: skip
        for entity in recent:
            if entity.gender == gender:
                return entity
        for entity in recent:
            if not entity.gender:
                entity.gender = gender
                return entity
        return None

    # --- reading ------------------------------------------------------------------------

    def read(self, sentence: Sentence) -> list[Mention]:
        """The mentions of a sentence, outside its quotations, resolved in order."""
        masked = list(sentence.text)
        for quote in sentence.quotes:
            for offset in range(sentence.local(quote.start), min(len(masked), sentence.local(quote.end))):
                masked[offset] = " "
        original = "".join(masked)
        folded = fold(original)
        base = sentence.start
        self._sentence_text, self._base = original, base
        taken = bytearray(len(original))  # 1 where a mention already lies
        found: list[tuple[int, int, str, object]] = []  # local start, end, how, detail

        def free(start, end):
            return not any(taken[start:end])

        def add(start, end, how, detail):
            found.append((start, end, how, detail))
            taken[start:end] = b"\x01" * (end - start)

        if self.name_pattern:
            for match in self.name_pattern.finditer(folded):
                speaker = self.known_names[match.group(0)]
                if not original[match.start()].isupper() and getattr(speaker, "kind", "person") == "person":
                    continue  # "marchetti" inside a word run is no name; bodies may be written in lower case
                before = folded[max(0, match.start() - 12) : match.start()]
                if getattr(speaker, "kind", "person") == "institution" and OF_BEFORE.search(before):
                    continue  # "la secrétaire générale de la Ligue côtière": the body qualifies an office
                add(match.start(), match.end(), "name", speaker)
        for match in HONORIFIC.finditer(original):
            if free(match.start(), match.end()):
                add(match.start(), match.end(), "surname", (match.group(2), match.group(1)))
        for match in NAME_RUN.finditer(original):
            for start, end in self._name_runs(match):
                if free(start, end):
                    add(start, end, "new", original[start:end])
        for match in re.finditer(rf"(?<![\w'’-]){NAME_TOKEN}", original):
            word = match.group(0).removesuffix("'s").removesuffix("’s")
            if free(match.start(), match.start() + len(word)) and self._by_surname(word):
                add(match.start(), match.start() + len(word), "surname", (word, ""))
        for start, end, office in offices_in(folded):
            if free(start, end):
                found.append((start, end, "office", office))
        for match in re.finditer(lexicon.COUNTERPART, folded):
            if free(match.start(), match.end()):
                found.append((match.start(), match.end(), "office", "*"))
        position = 0
        while (match := ANONYMOUS.search(folded, position)) is not None:
            position = match.start() + 1
            if original[match.start()] in "àÀ" or lexicon.SPEECH_VERB.search(original, match.start(), match.end()):
                continue  # "a détaillé la même source", "à l'AFP la porte-parole": a verb or a preposition
            position = match.end()
            offices_inside = [item for item in found if item[2] == "office" and match.start() <= item[0] < match.end()]
            if free(match.start(), match.end()):
                found = [item for item in found if item not in offices_inside]  # "un haut responsable de l'Union"
                add(match.start(), match.end(), "source", None)
        for match in INSTITUTION.finditer(folded):
            if (offices_in(match.group(0)) or OF_BEFORE.search(folded[max(0, match.start() - 12) : match.start()])
                    or PERSON_AFTER.match(folded, match.end())):  # fmt: skip
                continue  # "la porte-parole du ministère", "the government spokesman": a person speaks
            if free(match.start(), match.end()):
                end = self._office_phrase(original, match.end() - 1, match.end(), [])[1]
                add(match.start(), end, "institution", None)
        for match in lexicon.SAME_SOURCE.finditer(folded):
            if free(match.start(), match.end()):
                add(match.start(), match.end(), "same source", None)
        for match in PRONOUN.finditer(folded):
            word = match.group(1) or match.group(2)
            if free(match.start(), match.end()) and not (word == "il" and IMPERSONAL_IL.match(folded[match.end() :])):
                add(match.start(), match.end(), "pronoun", "f" if word in ("elle", "she") else "m")
        found.sort()
        mentions = self._link_offices(found, original, folded)
        resolved = []
        for start, end, how, detail, description in mentions:
            entity = self._resolve(start + base, how, detail, description, original[start:end])
            if entity is not None:
                entity.last_seen = start + base
            resolved.append(Mention(start + base, end + base, entity, how, original[start:end].strip()))
        return resolved

    def _local(self, position: int) -> int:
        return position - self._base

    def _name_runs(self, match: re.Match) -> list[tuple[int, int]]:
        """The person names in a run of capitalised words: two to four words, none of them
        a title, a day or a word of an institution's name ("Valmont Humanitarian Office")."""
        runs, current = [], []
        tokens = list(re.finditer(r"\S+", match.group(0)))
        for token in tokens:
            word = token.group(0)
            folded = fold(word).removesuffix("'s").strip(".,")
            elided = re.match(r"^\w{1,2}['’]", word)
            if folded in lexicon.NOT_NAMES or folded in SENTENCE_WORDS or elided or folded in {"der", "die", "das"}:
                # "Valmont Humanitarian Office", "Fredonian Trade Minister": words before an
                # institution's or an office's capitalised word are not a person's name.
                if current and folded not in ORG_WORDS and not word[:1].isupper():
                    runs.append(current)
                current = []
                continue
            current.append(token)
        if current:
            runs.append(current)
        spans = []
        for run in runs:
            if 2 <= len(run) <= 4:
                last = run[-1].group(0)
                end = run[-1].end() - (2 if last.endswith(("'s", "’s")) else 0)
                spans.append((match.start() + run[0].start(), match.start() + end))
        return spans

    def _link_offices(self, found, original, folded):
        """An office next to a name ("Foreign Minister Anna Lehtisalo", "Igor Vasquez, the
        Sylvanian government spokesman") describes that name: it joins the name's mention."""
        names = [item for item in found if item[2] in ("name", "new", "surname")]
        linked: dict[int, list[tuple]] = {}
        absorbed = set()
        for index, (start, end, how, detail) in enumerate(found):
            if how != "office":
                continue
            phrase_start, phrase_end = self._office_phrase(original, start, end, names)
            if detail != "*" and PLURAL_BEFORE.search(folded[max(0, phrase_start - 20) : start]):
                absorbed.add(index)  # "les deux ministres": a group, nobody in particular
                continue
            after = [name for name in names if 0 <= name[0] - phrase_end <= 3 and re.fullmatch(
                r"[\s,]*", original[phrase_end:name[0]])]  # fmt: skip
            before = [name for name in names if 0 <= phrase_start - name[1] <= 3 and re.fullmatch(
                r"\s*,\s*", original[name[1]:phrase_start])]  # fmt: skip
            target = after[0] if after else (before[-1] if before else None)
            if target is not None:
                linked.setdefault(target[0], []).append((detail, original[phrase_start:phrase_end], phrase_start,
                                                         phrase_end))  # fmt: skip
                absorbed.add(index)
            else:
                found[index] = (phrase_start, phrase_end, how, detail)
        mentions = []
        for index, (start, end, how, detail) in enumerate(found):
            if index in absorbed:
                continue
            descriptions = linked.get(start, [])
            span_start = min([start] + [item[2] for item in descriptions])
            span_end = max([end] + [item[3] for item in descriptions])
            mentions.append((span_start, span_end, how, detail, descriptions))
        mentions.sort(key=lambda item: item[0])
        return mentions

    @staticmethod
    def _office_phrase(original: str, start: int, end: int, names) -> tuple[int, int]:
        """An office's phrase with its determiner and qualifiers: "la ministre fredonienne
        de la Défense", "Northport's chief negotiator", "the secretary general of the
        Coastal League". It never runs into a name, a verb or a clause."""
        name_ends = [name[1] for name in names if name[1] <= start]
        name_starts = [name[0] for name in names if name[0] >= end]
        # A phrase is a few words: never look further (a pathological sentence stays linear).
        left_limit = max([*name_ends, start - PHRASE_REACH, 0])
        right_limit = min([*name_starts, end + PHRASE_REACH])
        phrase_start = start
        for token in reversed(list(re.finditer(r"[^\s,;:()«»\"“”]+", original[left_limit:start]))):
            if original[left_limit + token.end() : phrase_start].strip():
                break  # punctuation between
            word = fold(token.group(0))
            if re.fullmatch(rf"(?:{lexicon.DEFINITE}|{lexicon.INDEFINITE})", word) or word.endswith("'s"):
                phrase_start = left_limit + token.start()
                break
            if word in OFFICE_MODIFIERS or (token.group(0)[:1].isupper() and word not in lexicon.NOT_NAMES) or \
                    NATIONALITY.match(word) or word in EXTRA_NATIONALITIES:  # fmt: skip
                phrase_start = left_limit + token.start()
                continue
            break
        phrase_end = reached = end
        after_connector = False
        for token in re.finditer(r"[^\s]+", original[end:right_limit]):
            if original[reached : end + token.start()].strip():
                break
            raw = token.group(0)
            clean = raw.strip(',;:()«»"“”.')
            word = fold(clean)
            stops = clean != raw.rstrip(".") or raw[:1] in '«“"‘('  # punctuation ends the phrase after this word
            if not clean:
                break
            if re.fullmatch(r"(?:de|du|des|of|for|the|la|le|les)", word) and not stops:
                after_connector = True
                reached = end + token.end()
                continue
            elided = re.fullmatch(r"(?:d|l)'\w.*", word)
            if (after_connector or elided or clean[:1].isupper() or NATIONALITY.match(word)
                    or word in EXTRA_NATIONALITIES or word in OFFICE_MODIFIERS) and not (
                    lexicon.SPEECH_VERB.match(clean) or word in STOP_WORDS_AFTER_OFFICE):  # fmt: skip
                phrase_end = reached = end + token.start() + raw.find(clean) + len(clean)
                after_connector = False
                if stops:
                    break
                continue
            break
        return phrase_start, phrase_end

    def _resolve(self, position, how, detail, descriptions, printed) -> Entity | None:
        entity = None
        if how == "name":
            entity = self._known(detail)
        elif how == "new":
            entity = self._new_person(detail)
        elif how == "institution":
            name = re.sub(r"^(?:le|la|l'|l’|the)\s*", "", printed.strip(), flags=re.I)
            key = ("institution", fold(name))
            entity = self.entities.setdefault(key, Entity(name[:1].upper() + name[1:], kind="institution"))
        elif how == "surname":
            word, honorific = detail
            entity = self._by_surname(word)
            if entity is None and honorific:
                entity = self._new_person(word)
            if entity is not None and honorific and not entity.gender:
                entity.gender = "f" if fold(honorific) in FEMININE_HONORIFICS else "m"
        elif how == "office":
            phrase = printed
            stems = qualifier_stems(phrase.split())
            entity = self._by_office(detail, stems, gender_of(phrase), position)
            if entity is not None:  # what the article says of someone, learnt for later mentions
                descriptions = [*descriptions, (detail, phrase, 0, 0)]
        elif how == "source":
            rest = self._sentence_text[self._local(position) :]
            described = SOURCE_DESCRIPTION.match(rest)
            description = rest[: described.end()].strip() if described else printed.strip()
            entity = Entity(description, kind="anonymous", description=description)
            self.entities[("anonymous", position)] = entity
            self.last_anonymous = entity
        elif how == "same source":
            entity = self.last_anonymous
        if entity is not None and entity.kind == "anonymous":
            self.last_anonymous = entity
        elif how == "pronoun":
            entity = self.by_pronoun(detail, position)
        for office, phrase, _start, _end in descriptions:
            if entity is None:
                break
            if office != "*":
                entity.offices.add(office)
            entity.stems |= qualifier_stems(phrase.split())
            entity.gender = entity.gender or gender_of(phrase)
            entity.description = entity.description or phrase.strip(" ,")
        return entity
