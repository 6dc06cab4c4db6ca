"""Reading an article sentence by sentence: which words are a statement, whose, and when.

A sentence gives statements in one of these shapes (French and English alike):
- a quotation opening the sentence, its attribution after it or in an incise between
  two parts ("« … », a-t-elle ajouté, « … »", "“…,” Okafor told reporters. “…”");
- a quotation introduced by a colon ("X a lancé : « … »", "Y wrote: “…”");
- a quotation with no attribution of its own, by the person the paragraph is about
  ("Mme Varga est allée plus loin. « … »"), or continuing the previous quotation;
- reported speech: "selon X, …", "…, according to X", "X a affirmé que …", "X said (that)
  …", "…, a annoncé jeudi X", "The decision, Brenner said, was final", and the readouts'
  "X underscored …", "X a rappelé …";
- "…, adding that …": a second statement of the same speaker.
Short quotations inside a sentence that reports nobody's words (scare quotes, "the
so-called …") give nothing.
"""

import datetime
import re
from dataclasses import dataclass

from . import lexicon
from .dates import day_in
from .people import Entity, Mention, People
from .text import Sentence, Spans, fold

INFINITIVE_AFTER = re.compile(
    rf"(?:\s+(?:{lexicon.FR_FILLERS}))*\s+((?:ne\s+(?:pas|plus|jamais)\s+|n['’])?([a-zàâçéèêëîïôûù]+(?:er|ir|re|oir)))\b"
)
NOT_INFINITIVES = lexicon.words("hier notre votre contre entre premier dernier soir noir espoir hiver mer cher")
FR_COMPOUND = re.compile(rf"(?:{lexicon.FR_COMPOUND})$", re.I)
# "« … » — c'est par ces mots que X a ouvert le sommet": an attribution without a reporting verb.
WORDS_OF = re.compile(
    r"(?:c['’]est\s+(?:par|avec|en)\s+ces\s+(?:mots|termes)|ce\s+sont\s+(?:les|ces)\s+(?:mots|propos)|"
    r"tels\s+sont\s+les\s+(?:mots|propos)|(?:those|these)\s+were\s+the\s+words\s+of|with\s+these\s+words)",
    re.I,
)
RELATIVE_CLAUSE = re.compile(r",\s*(?:qui|who|which|whose|dont|lequel|laquelle)\b[^,]*", re.I)
PARTICIPLE_EXTRA = re.compile(
    r",\s*(?:adding|saying|warning|noting|arguing|insisting|stressing|ajoutant|estimant|précisant|soulignant|"
    r"assurant|affirmant|expliquant|rappelant)\s+(?:that\s+|que\s+|qu['’])(.+)$",
    re.I | re.S,
)
LEADING_ACCORDING = re.compile(r"^\s*(?:selon|d['’]après|according\s+to|pour)\s+", re.I)
TRAILING_ACCORDING = re.compile(r",\s+(?:selon|d['’]après|according\s+to)\s+", re.I)
# What may stand between a reporting verb and its "que"/"that": a day, a listener, a medium.
FR_ADJUNCTS = r"(?:\s+[^\s,.;:«»\"“”]+){0,7}?"
EN_ADJUNCT = (
    r"(?:\s+(?:on\s+\w+day|today|yesterday|earlier|later|again|also|repeatedly|publicly|privately|"
    r"in\s+an?\s+(?:\w+\s+){0,2}(?:statement|interview|message|post|address|speech|letter|briefing)"
    r"(?:\s+(?:on|with|to)\s+(?:the\s+)?(?:social\s+media|[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*))?"
    r"|at\s+an?\s+(?:\w+\s+){0,2}(?:conference|briefing|meeting|summit|rally|event)(?:\s+in\s+[A-Z][\w'-]*)?"
    r"|(?:to\s+)?(?:reporters|journalists|lawmakers|parliament|MPs|supporters|delegates|this\s+newspaper)"
    r"|(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*))*"
)
THAT_AFTER = re.compile(rf"(?:{FR_ADJUNCTS}\s+(?:que\s+|qu['’])|{EN_ADJUNCT}\s+that\s+)", re.S)
ADJUNCTS = re.compile(EN_ADJUNCT)
ZERO_THAT_VERBS = re.compile(
    r"^(?:(?:had|has)\s+)?(?:said|says|say|told|tells|warned|warns|added|adds|insisted|insists|argued|argues|claimed|"
    r"stressed|noted|wrote|writes|predicted|acknowledged|admitted|confirmed|suggested|explained|maintained|"
    r"announced|replied|conceded|promised|vowed|cautioned|complained|indicated|revealed|asserted|"
    r"contended|argued|estimated)$",
    re.I,
)
TRIM = " \t\n,;:—–-"
# A quotation of more words than this after "que"/"that" is quoted speech, not a scare quote.
SCARE_QUOTE_MAX_WORDS = 5
# What follows "said" when no clause does: "warns of …", "spoke about …".
# Between "a condamné" and what was condemned: "mercredi, dans un communiqué,", "on", "de".
OBJECT_LEAD = re.compile(
    r"(?:\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|on\s+\w+day|today|yesterday)\b)?"
    r"(?:\s*,[^,«“\"‘]{0,60},)?(?:\s+(?:on|upon|for|de|d['’]|part\s+de)(?=[\s«“\"‘]))?",
    re.I,
)
SUBORDINATE = re.compile(r"\s*(?:qui|who|which|que|that|dont|alors|while|as)\b", re.I)
LONG_QUOTE = re.compile(r"[«“\"‘]\s*(?:[^«»“”\"‘\s]+\s+){3,}")
NOT_A_CLAUSE = re.compile(r"\s*(?:of|about|against|for|to|on|in|at|with|by|from)\b", re.I)


@dataclass
class Found:
    text: str
    start: int  # in the article
    attribution: str
    mention: Mention | None
    mode: str  # direct, indirect or mixed
    verb: str  # the reporting verb as printed, for the tense
    date_span: str  # the sentence's words that may say when (folded), outside what was said
    continues: bool = False  # the rest of the previous statement, quoted on after its attribution
    headline: bool = False  # found in a title, which may repeat the body and dates nothing


class Reader:
    def __init__(self, people: People, published: datetime.date):
        self.people = people
        self.published = published
        self.context_day: datetime.date | None = None
        self.days: dict[int, datetime.date] = {}  # id(entity) → the day of its latest statement
        self.previous_direct: tuple[int, Found] | None = None  # (sentence number, its last quotation)
        self.paragraph_person: tuple[int, Entity] | None = None
        self.number = 0

    # --- the day ------------------------------------------------------------------------

    def day_of(self, found: Found, entity: Entity | None) -> str:
        """The day named where the statement is attributed; else, for a verb in the present
        ("explique-t-il", "she says"), the publication date; else the day of the speaker's
        last dated statement, else the day the article's story is set on, else publication.
        A pluperfect ("avait affirmé dimanche") dates its statement and nothing after it."""
        own = day_in(found.date_span, self.published)
        pluperfect = bool(lexicon.PLUPERFECT.search(found.verb))
        if own and not pluperfect and not found.headline:
            self.context_day = self.context_day or own  # the lead sets the story's day
        if own:
            day = own
        elif found.verb and lexicon.PRESENT_TENSE.fullmatch(found.verb.strip()):
            return self.published.isoformat()
        else:
            day = (self.days.get(id(entity)) if entity is not None else None) or self.context_day or self.published
        if entity is not None and not pluperfect and not found.headline:
            self.days[id(entity)] = day
        return day.isoformat()

    # --- one sentence -------------------------------------------------------------------

    def read(self, sentence: Sentence) -> list[Found]:
        self.number += 1
        mentions = self.people.read(sentence)
        found = self._direct(sentence, mentions)
        if not found and not sentence.headline:
            found = self._reported(sentence, mentions)
        people = [
            mention for mention in mentions if mention.entity is not None and mention.entity.kind != "institution"
        ]
        if people:
            self.paragraph_person = (sentence.paragraph, people[0].entity)
        if not found and not sentence.headline:  # "Reactions poured in on Wednesday": the story's day
            own = day_in(self._outside(sentence, []), self.published)
            if own and not lexicon.PLUPERFECT.search(sentence.text):
                self.context_day = own
        return found

    def _outside(self, sentence: Sentence, spans: list[tuple[int, int]]) -> str:
        """The folded sentence with quotations, relative clauses and `spans` (local) blanked."""
        chars = list(fold(sentence.text))
        blanks = [(sentence.local(quote.start), sentence.local(quote.end)) for quote in sentence.quotes] + spans
        blanks += [(match.start(), match.end()) for match in RELATIVE_CLAUSE.finditer(sentence.text)]
        for low, high in blanks:
            for offset in range(max(0, low), min(len(chars), high)):
                chars[offset] = " "
        return "".join(chars)

    def _speaker(self, mentions, sentence, low, high, verb_start, verb_end) -> Mention | None:
        """The mention that is the reporting verb's subject, between local offsets low and
        high: the nearest before the verb outside relative clauses, else the nearest after."""
        relative = [(match.start(), match.end()) for match in RELATIVE_CLAUSE.finditer(sentence.text)]
        usable = [
            mention for mention in mentions
            if low <= sentence.local(mention.start) < high
            and not any(start <= sentence.local(mention.start) < end for start, end in relative)
        ]  # fmt: skip
        inside = [mention for mention in usable if verb_start <= sentence.local(mention.start) < verb_end]
        before = [mention for mention in usable if sentence.local(mention.end) <= verb_start]
        after = [mention for mention in usable if sentence.local(mention.start) >= verb_end]
        if inside:  # "a-t-elle ajouté"
            return inside[0]
        # Someone the article or the archive names before someone it does not.
        for side in ([m for m in before if m.entity][-1:], [m for m in after if m.entity][:1], before[-1:], after[:1]):
            if side:
                return side[0]
        return None

    def _found(self, sentence, text, start, attribution, mention, mode, verb, content_spans) -> Found:
        text = text.strip(TRIM)
        return Found(text, sentence.start + max(0, start), attribution.strip(TRIM), mention, mode, verb,
                     self._outside(sentence, content_spans), headline=sentence.headline)  # fmt: skip

    def _direct(self, sentence: Sentence, mentions: list[Mention]) -> list[Found]:
        text = sentence.text
        quotes = [(sentence.local(quote.start), sentence.local(quote.end), quote) for quote in sentence.quotes]
        results = []
        index = 0
        while index < len(quotes):
            start, end, quote = quotes[index]
            parts = [quote]
            incise = None
            # « First part », a-t-il dit, « second part »: one quotation, its attribution in the middle.
            while index + 1 < len(quotes):
                between = text[end : quotes[index + 1][0]]
                verb = lexicon.SPEECH_VERB.search(between)
                # The comma that opens the incise may sit inside the first part ("open," he said, "but …").
                opens = between.strip().startswith(",") or parts[-1].text.rstrip().endswith(",")
                closes = between.rstrip().endswith(",") and not re.search(r"\b(?:que|qu['’]|that)\b", between)
                if not (verb and opens and closes and len(between.split()) <= 14):
                    break
                incise = (end, quotes[index + 1][0], verb)
                index += 1
                parts.append(quotes[index][2])
                end = quotes[index][1]
            index += 1
            words = " […] ".join(part.text.rstrip(TRIM) for part in parts)
            before = text[:start]
            if not before.strip(TRIM + "("):
                low, high = (incise[0], incise[1]) if incise else (end, len(text))
                if not incise and index < len(quotes):
                    high = quotes[index][0]
                if incise:
                    verb_start, verb_text = incise[0] + incise[2].start(), incise[2].group(0)
                else:
                    verb = lexicon.SPEECH_VERB.search(text, low, high) or WORDS_OF.search(text, low, high)
                    if verb is None:
                        if text[end:].strip(TRIM + ".!?") or quote.words < 2:
                            continue
                        results += self._unattributed(sentence, words, start)
                        continue
                    verb_start, verb_text = verb.start(), verb.group(0)
                verb_end = verb_start + len(verb_text)
                mention = self._speaker(mentions, sentence, low, high, verb_start, verb_end)
                if mention is None:
                    continue
                attribution = text[low:high]
                results.append(self._found(sentence, words, start + 1, attribution, mention, "direct", verb_text,
                                           [(start, end)]))  # fmt: skip
                extra = PARTICIPLE_EXTRA.search(text, end)
                if extra:
                    content = extra.group(1).rstrip(" .")
                    results.append(self._found(sentence, content, extra.start(1), text[end : extra.start(1)],
                                               mention, self._mode(content), verb_text,
                                               [(extra.start(1), len(text))]))  # fmt: skip
            elif before.rstrip().endswith(":"):
                clause_start = quotes[index - 2][1] if index >= 2 and len(parts) == 1 else 0
                colon = len(before.rstrip()) - 1
                verb = lexicon.SPEECH_VERB.search(text, clause_start, colon)
                verb_start = verb.start() if verb else colon
                verb_end = verb.end() if verb else colon
                mention = self._speaker(mentions, sentence, clause_start, colon, verb_start, verb_end)
                if mention is None:
                    continue
                results.append(self._found(sentence, words, start + 1, text[clause_start:colon], mention, "direct",
                                           verb.group(0) if verb else "", [(start, end)]))  # fmt: skip
        if results and not results[-1].continues:
            self.previous_direct = (self.number, results[-1])
        return results

    def _unattributed(self, sentence: Sentence, words: str, start: int) -> list[Found]:
        """A quotation standing alone: the rest of the previous sentence's quotation, or the
        words of the person the paragraph is about."""
        if self.previous_direct and self.previous_direct[0] == self.number - 1:
            self.previous_direct = (self.number, self.previous_direct[1])
            found = self._found(sentence, words, start + 1, "", self.previous_direct[1].mention, "direct", "", [])
            found.continues = True
            return [found]
        if self.paragraph_person and self.paragraph_person[0] == sentence.paragraph:
            entity = self.paragraph_person[1]
            mention = Mention(sentence.start, sentence.start, entity, "paragraph", entity.name)
            return [self._found(sentence, words, start + 1, "", mention, "direct", "", [(0, len(sentence.text))])]
        return []

    @staticmethod
    def _mode(content: str) -> str:
        return "mixed" if any(mark in content for mark in '«“"‘') else "indirect"

    def _reported(self, sentence: Sentence, mentions: list[Mention]) -> list[Found]:
        text = sentence.text.rstrip()
        body_end = len(text.rstrip(".!?"))
        quoted = [(sentence.local(quote.start), sentence.local(quote.end)) for quote in sentence.quotes]

        inside = Spans([(low + 1, high) for low, high in quoted])

        def in_quote(offset):
            return inside.holds(offset)

        def content(low, high, attribution, mention, verb, clause=True):
            words = text[low:high]
            if len(words.split()) < 2:
                return []
            start = low + len(words) - len(words.lstrip())
            opening = next((quote for quote in sentence.quotes if sentence.local(quote.start) == start), None)
            if clause and opening is not None and opening.words > SCARE_QUOTE_MAX_WORDS:
                # "a annoncé que « 26 pays ont confirmé … » pour …", "selon X, « … »": the
                # quotation that opens what was said is the statement, as the seed's editors cut it.
                return [self._found(sentence, opening.text, start + 1, attribution, mention, "direct", verb,
                                    [(start, sentence.local(opening.end))])]  # fmt: skip
            return [self._found(sentence, words, low, attribution, mention, self._mode(words), verb, [(low, high)])]

        # "Selon X, …", "According to X, …", "Pour X, …"
        leading = LEADING_ACCORDING.match(text)
        if leading:
            after = [mention for mention in mentions if sentence.local(mention.start) >= leading.end()]
            if after and sentence.local(after[0].start) <= leading.end() + 4:
                subject_end = sentence.local(after[0].end)
                comma = text.find(",", subject_end)
                while comma >= 0 and in_quote(comma):
                    comma = text.find(",", comma + 1)
                if comma > 0:
                    return content(comma + 1, body_end, text[:comma], after[0], "")
        # "…, selon X." / "…, according to X."
        for trailing in TRAILING_ACCORDING.finditer(text):
            if in_quote(trailing.start()):
                continue
            mention = next((m for m in mentions if sentence.local(m.start) >= trailing.end()), None)
            if mention is not None:
                return content(0, trailing.start(), text[trailing.start() :], mention, "")
        verbs = [verb for verb in lexicon.SPEECH_VERB.finditer(text) if not in_quote(verb.start())]
        # "X a affirmé jeudi que …", "X said on Thursday that …"
        for verb in verbs:
            that = THAT_AFTER.match(text, verb.end())
            if not that:
                continue
            mention = self._speaker(mentions, sentence, 0, verb.start(), verb.start(), verb.end())
            low = that.end()
            if mention is None and not any(low <= q[0] for q in quoted):
                continue
            return content(low, body_end, text[:low], mention, verb.group(0))
        # "X a déclaré vouloir « … »", "a assuré ne pas vouloir …": the infinitive is what was said.
        for verb in verbs:
            infinitive = INFINITIVE_AFTER.match(text, verb.end())
            if not infinitive or infinitive.group(2).lower() in NOT_INFINITIVES or not FR_COMPOUND.match(verb.group(0)):
                continue
            mention = self._speaker(mentions, sentence, 0, verb.start(), verb.start(), verb.end())
            if mention is not None:
                return content(infinitive.start(1), body_end, text[: infinitive.start(1)], mention, verb.group(0))
        # "…, a annoncé jeudi X." / "…, Foreign Minister X said on Thursday, rejecting …" / "A, X said, B."
        commas = [match.start() for match in re.finditer(",", text) if not in_quote(match.start())]
        for number, comma in enumerate(commas):
            part_end = commas[number + 1] if number + 1 < len(commas) else body_end
            part = text[comma + 1 : part_end]
            verb = lexicon.SPEECH_VERB.search(part)
            if (
                not verb
                or len(part[: verb.start()].split()) > 8
                or re.match(r"\s*(?:qui|who|which|que|that|dont|alors|while|as)\b", part, re.I)
            ):
                continue
            rest = part[verb.end() :]
            # "…, Foreign Minister X said on Thursday": a few words after the verb; "…, a
            # indiqué à l'AFP une source … avant une réunion": the subject after the verb, more.
            inverted = not part[: verb.start()].strip()
            if len(rest.split()) > 25 or LONG_QUOTE.search(rest) or THAT_AFTER.match(rest):
                continue
            if not inverted and not (ADJUNCTS.fullmatch(rest.rstrip()) or len(rest.split()) <= 3):
                continue  # "…, X said both sides should …": what follows the verb is the statement
            verb_start = comma + 1 + verb.start()
            mention = self._speaker(
                mentions, sentence, comma + 1, part_end, verb_start, verb_start + len(verb.group(0))
            )
            if mention is None:
                continue
            head = text[:comma]
            tail = text[part_end + 1 : body_end] if part_end < body_end else ""
            middle = tail.strip() and tail.strip()[0].islower() and not re.match(
                r"\s*(?:\w+ing|\w+ant|dans|in|at|lors|avant|après|after|before|during|à|au|en|devant|qui|who|"
                r"which|alors|while)\b", tail, re.I) and len(head.split()) <= 6  # fmt: skip
            if middle:
                words = f"{head.strip()} […] {tail.strip()}"
                if len(words.split()) < 4:
                    continue
                return [self._found(sentence, words, 0, part, mention, self._mode(words), verb.group(0),
                                    [(0, comma), (part_end, body_end)])]  # fmt: skip
            if len(head.split()) < 4:
                continue
            results = content(0, comma, part, mention, verb.group(0))
            extra = PARTICIPLE_EXTRA.search(text, part_end)
            if extra and results:
                results += content(extra.start(1), body_end, "", mention, verb.group(0))
            return results
        # "X said the group would meet again": English without "that".
        for verb in verbs:
            if not ZERO_THAT_VERBS.match(verb.group(0).split()[-1]):
                continue
            mention = self._speaker(mentions, sentence, 0, verb.start(), verb.start(), verb.end())
            if mention is None:
                continue
            low = ADJUNCTS.match(text, verb.end()).end()
            if text[low : low + 3].strip().startswith(",") or NOT_A_CLAUSE.match(text, low, body_end):
                continue
            return content(low, body_end, text[:low], mention, verb.group(0))
        # "X a rappelé l'attachement de …", "X underscored …": what was said is the object.
        for verb in lexicon.OBJECT_VERB.finditer(text):
            if in_quote(verb.start()):
                continue
            mention = self._speaker(mentions, sentence, 0, verb.start(), verb.start(), verb.end())
            low = verb.end()
            if mention is None and not any(low <= quote[0] for quote in quoted):
                continue  # an unknown subject is kept when the sentence quotes words (see _attribute_leads)
            low += OBJECT_LEAD.match(text, low).end() - low
            return content(low, body_end, text[:low], mention, verb.group(0), clause=False)
        return []
