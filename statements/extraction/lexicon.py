"""The words the extractor reads news French and English by: reporting verbs, offices,
descriptions of unnamed sources, pronouns, days. Both languages are always on: a French
article quotes English titles and the other way round.

Nothing here names a real person or place: the lists are the language's, not the news's.
"""

import re


def words(text: str) -> set[str]:
    """The whitespace-separated words of a text, as a set."""
    return set(text.split())


def _alternation(words: str) -> str:
    """A regex alternation of whitespace-separated words (underscores stand for spaces), longest first."""
    return "|".join(sorted((word.replace("_", r"\s+") for word in words.split()), key=len, reverse=True))


# Past participles of French reporting verbs, after "a", "avait", "a-t-il"…
FR_PARTICIPLES = _alternation("""
    dit déclaré affirmé annoncé averti martelé indiqué ajouté répété dénoncé détaillé souligné assuré estimé
    expliqué précisé prévenu rappelé insisté jugé confirmé lancé reconnu admis promis demandé poursuivi conclu
    tranché déploré salué réagi écrit tweeté répliqué rétorqué répondu observé noté regretté plaidé exhorté menacé
    réaffirmé qualifié condamné exprimé asséné confié glissé soupiré lâché résumé raconté commenté argué soutenu
    fait_savoir fait_valoir fait_part appelé réclamé proposé justifié nié démenti concédé prédit garanti juré avoué
    évoqué mis_en_garde prôné félicité exigé fustigé critiqué espéré souhaité reproché annoncé assuré certifié
    répondu interpellé martelé signalé tonné raillé protesté objecté renchéri enchaîné rassuré nuancé avancé
    considéré alerté relevé constaté ironisé tempêté
""")
# Present tense (third person), as newspapers write "explique-t-il", "résume X".
FR_PRESENT = _alternation("""
    dit déclare affirme estime assure explique ajoute souligne insiste prévient répète résume glisse tranche
    confie soupire lâche rétorque répond poursuit martèle dénonce reconnaît admet juge note observe regrette
    raconte précise indique annonce avertit promet plaide concède assène lance conclut commente détaille rappelle
    salue écrit tweete sourit s'agace s'inquiète se_félicite ironise s'emporte insiste nuance tempère
    fait_savoir fait_valoir
    disent déclarent affirment estiment assurent expliquent ajoutent soulignent insistent préviennent répètent
    jugent notent observent regrettent indiquent annoncent avertissent craignent redoutent reconnaissent
    confient rappellent précisent
""")
# Reporting verbs whose object, not a "que" clause, is what was said: "a rappelé
# l'attachement de…", "underscored the importance of…".
FR_OBJECT_VERBS = _alternation("""
    rappelé souligné exprimé fait_part salué dénoncé condamné qualifié jugé réclamé exigé proposé fustigé
    critiqué déploré regretté promis réaffirmé évoqué justifié plaidé prôné
""")
FR_FILLERS = _alternation("""
    aussi encore également notamment pourtant toutefois cependant alors déjà ensuite enfin aussitôt d'abord
    par_ailleurs de_son_côté quant_à_lui quant_à_elle au_contraire lui-même elle-même pour_sa_part
    hier aujourd'hui lundi mardi mercredi jeudi vendredi samedi dimanche matin soir après-midi
""")
EN_VERBS = _alternation("""
    said says told tells stated states warned warns added adds announced announces declared declares insisted
    insists stressed stresses noted notes wrote writes explained explains argued argues claimed claims replied
    replies asked tweeted posted urged urges underscored emphasized emphasised expressed welcomed welcomes
    condemned condemns acknowledged admitted admits conceded concedes promised pledged vowed cautioned predicted
    reiterated confirmed denied maintained recalled suggested suggests complained hinted thanked praised hailed
    continued countered retorted remarked commented observed called calls described described told_reporters
    went_on say quoted_as_saying pointed_out responded quipped joked revealed disclosed indicated mentioned
    affirmed asserted contended protested objected lamented regretted threatened alleged concluded recounted
""")
EN_OBJECT_VERBS = _alternation("""
    underscored emphasized emphasised stressed expressed welcomed welcomes urged urges called calls condemned
    condemns praised hailed thanked reiterated reaffirmed described denounced criticised criticized deplored
    proposed pledged demanded
""")
EN_FILLERS = _alternation("also again later earlier then further instead separately previously repeatedly")

# "a dit", "avait affirmé", "a de son côté estimé jeudi", "s'est dite"…
FR_COMPOUND = rf"(?:a|avait|ont|avaient|aurait)(?:\s+(?:{FR_FILLERS}))*\s+(?:{FR_PARTICIPLES})"
FR_REFLEXIVE = r"s'est\s+(?:exprimée?s?|dite?s?|félicitée?s?|inquiétée?s?|interrogée?s?|alarmée?s?|engagée?s?)"
FR_INVERTED = (
    rf"(?:(?:a|avait)-t-(?:il|elle)|avait-(?:il|elle))(?:\s+(?:{FR_FILLERS}))*\s+(?:{FR_PARTICIPLES})"
    rf"|(?:{FR_PRESENT})-(?:t-)?(?:il|elle)"
)
EN_VERB = rf"(?:(?:had|has)\s+)?(?:(?:{EN_FILLERS})\s+)?(?:{EN_VERBS})"
FR_VERB = rf"(?:{FR_INVERTED}|{FR_COMPOUND}|{FR_REFLEXIVE}|(?:{FR_PRESENT}))"
# Any reporting verb, at a word boundary.
SPEECH_VERB = re.compile(rf"(?<![\w-])(?:{FR_VERB}|{EN_VERB})(?![\w-])", re.I)
PLUPERFECT = re.compile(r"(?<!\w)(?:avait|avaient|aurait|had)(?:-t-(?:il|elle)|-(?:il|elle))?(?!\w)", re.I)
PRESENT_TENSE = re.compile(
    rf"(?<![\w-])(?:(?:{FR_PRESENT})(?:-(?:t-)?(?:il|elle))?|says|tells|states|warns|adds|insists|notes|writes|"
    rf"explains|argues|claims|replies|urges|welcomes|condemns|admits|concedes|suggests|stresses)(?![\w-])",
    re.I,
)
OBJECT_VERB = re.compile(
    rf"(?<![\w-])(?:(?:a|avait|ont)(?:\s+(?:{FR_FILLERS}))*\s+(?:{FR_OBJECT_VERBS})|(?:(?:had|has)\s+)?"
    rf"(?:{EN_OBJECT_VERBS}))(?![\w-])",
    re.I,
)

# Offices and descriptions of people, folded (no accents, lower case); the first word of
# a canonical office is what two phrasings must share to name the same office.
OFFICES = [
    (r"ministres?\s+(?:\w+\s+){0,2}des\s+affaires\s+etrangeres|chef(?:fe)?\s+de\s+la\s+diplomatie|foreign\s+ministers?"
     r"|foreign\s+secretary|top\s+diplomat|ministers?\s+of\s+foreign\s+affairs", "foreign-minister"),
    (r"premier(?:e)?\s+ministre|prime\s+minister|chef(?:fe)?\s+du\s+gouvernement|head\s+of\s+government",
     "prime-minister"),
    (r"ministres?\s+(?:\w+\s+){0,2}de\s+la\s+defense|defen[cs]e\s+ministers?|ministers?\s+of\s+defen[cs]e",
     "defence-minister"),
    (r"ministres?\s+(?:\w+\s+){0,2}de\s+l'interieur|interior\s+ministers?|home\s+secretary", "interior-minister"),
    (r"ministres?\s+(?:\w+\s+){0,2}de\s+la\s+mer|maritime\s+ministers?|fisheries\s+ministers?", "sea-minister"),
    (r"secretaires?\s+generale?s?|secretary[\s-]+general|secretaries[\s-]+general", "secretary-general"),
    (r"presidente?s?|president|chef(?:fe)?\s+de\s+l'etat|head\s+of\s+state", "president"),
    (r"porte-parole|spokes(?:wo)?m[ae]n|spokesperson|spokespeople", "spokesperson"),
    (r"commissaires?|commissioners?", "commissioner"),
    (r"ambassadeur|ambassadrice|ambassadors?", "ambassador"),
    (r"maires?|mayors?", "mayor"),
    (r"(?:chief\s+)?negociat(?:eur|rice)s?(?:\s+en\s+chef)?|(?:chief\s+)?negotiators?", "negotiator"),
    (r"mediat(?:eur|rice)s?|mediators?", "mediator"),
    (r"chanceli(?:er|ere)|chancellors?", "chancellor"),
    (r"emissaires?|envoys?", "envoy"),
    (r"deputy|adjointe?", "deputy"),
    (r"ministres?|ministers?", "minister"),
]  # fmt: skip
OFFICE_PATTERNS = [(re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])"), office) for pattern, office in OFFICES]
# "his counterpart", "son homologue": a person of the same office as someone just named.
COUNTERPART = r"homologues?|counterparts?"
# Who speaks without a name: "un diplomate européen", "a senior official who asked not to be named".
ANONYMOUS_HEADS = (
    r"sources?|diplomates?|diplomats?|officials?|responsables?|fonctionnaires?|conseill(?:er|ere)s?|advis[eo]rs?|"
    r"aides?|observat(?:eur|rice)s?|observers?|membres?|members?|proches?|negociat(?:eur|rice)s?|negotiators?|"
    r"porte-parole|spokes(?:wo)?m[ae]n|spokesperson|insiders?|collaborat(?:eur|rice)s?|expert(?:e)?s?|"
    r"people|personnes?"
)
# Unnamed sources in the plural without an article: "Ostrian officials said", "Western diplomats".
BARE_ANONYMOUS = r"officials|diplomats|sources|negotiators|aides|insiders"
INDEFINITE = r"un|une|des|deux|trois|plusieurs|certains|a|an|two|three|several|some|one"
DEFINITE = r"le|la|les|l'|the|son|sa|ses|his|her|its|their|leur|ce|cette"
# "la même source", "the official": the unnamed source last described.
SAME_SOURCE = re.compile(
    r"(?<!\w)(?:la\s+meme\s+source|le\s+meme\s+(?:diplomate|responsable)|cette\s+source|the\s+same\s+(?:source|official)"
    r"|the\s+(?:source|official|diplomat))(?!\w)"
)
# The grammatical gender of an office's phrase: its determiner, else the form of its words.
FEMININE_DETERMINERS = {"la", "une", "cette", "mme", "madame", "ms", "mrs", "miss"}
MASCULINE_DETERMINERS = {"le", "un", "ce", "m", "mr", "monsieur"}
FEMININE_FORMS = re.compile(
    r"(?<![\w-])(?:presidente|secretaire\s+generale|ambassadrice|chanceliere|negociatrice|mediatrice|cheffe|adjointe|"
    r"spokeswoman|conseillere|directrice|premiere\s+ministre|\w+ienne|\w+aise|\w+oise|\w+aine|\w+eenne)(?![\w-])"
)
MASCULINE_FORMS = re.compile(r"(?<![\w-])(?:spokesman|premier\s+ministre|\w+ien|\w+ais|\w+ois|\w+een)(?![\w-])")

# Capitalised words that begin or sit in a sentence without being a person's name.
NOT_NAMES = words("""
    le la les l un une des de du d au aux et ou en dans sur pour par selon apres lors mais car donc ni or ce
    cette the a an and of in on at to for by from with after as according but so if when while asked speaking
    interroge interrogee invite invitee joint jointe recevant face pendant depuis avant contre vers m mme mr
    mrs ms dr madame monsieur sir president presidente premier premiere ministre prime minister ministers
    foreign defence defense interior secretary general generale secretaire commissaire commissioner
    porte-parole spokesman spokeswoman chef cheffe ambassadeur ambassador maire mayor host deputy vice chancellor
    chancelier roi reine king queen prince princesse lundi mardi mercredi jeudi vendredi samedi dimanche
    monday tuesday wednesday thursday friday saturday sunday janvier fevrier mars avril mai juin juillet aout
    septembre octobre novembre decembre january february march april may june july august september october
    november december sept aug oct nov dec jan feb radio tele tv television journal herald times news post
    agence agency press presse afp wire reuters union league ligue ministry ministere council conseil
    commission office bureau bank banque fund fonds party parti parliament parlement court cour committee
    comite group groupe service services institute institut protocol protocole accord agreement summit sommet
    treaty traite plan round format processus process government gouvernement state etat etats states republic
    republique presidency presidence palace palais nations national nationale army armee forces navy police
    cross croix foundation fondation we nous they ils elles il elle he she it i je our notre nos their leur
    this that these those statement readout communique reactions reaction live direct
""")

DAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
RELATIVE_DAYS = {
    "avant-hier": -2, "hier": -1, "la veille": -1, "l'avant-veille": -2, "aujourd'hui": 0, "ce jour": 0,
    "ce matin": 0, "ce soir": 0, "yesterday": -1, "the day before": -1, "the previous day": -1, "today": 0,
    "this morning": 0, "tonight": 0, "earlier today": 0,
}  # fmt: skip
# A day named after these is ahead, not when something was said: "dès vendredi", "next Monday".
FUTURE_BEFORE = re.compile(
    r"(?<![\w'])(?:des|d'ici|jusqu'a|a\s+partir\s+de|avant|apres|pour|next|until|by|from|before|after|resume[sd]?\s+on|on\s+or)"
    r"\s*$"
)
FUTURE_AFTER = re.compile(r"^\s*(?:prochain|next|qui\s+vient)")

# Nationalities that share no beginning with their country's name, by ISO code (the others
# are found by that beginning: "finlandaise", "Portuguese", "allemand").
IRREGULAR_DEMONYMS = {
    "french": "FR", "british": "GB", "britannique": "GB", "britanniques": "GB", "dutch": "NL", "neerlandais": "NL",
    "neerlandaise": "NL", "danish": "DK", "swiss": "CH", "irish": "IE", "american": "US", "americain": "US",
    "americaine": "US", "welsh": "GB", "scottish": "GB", "english": "GB", "anglais": "GB", "anglaise": "GB",
    "ecossais": "GB", "ecossaise": "GB", "flemish": "BE", "walloon": "BE", "cypriot": "CY", "chypriote": "CY",
    "emirati": "AE", "emirien": "AE", "emirienne": "AE", "malagasy": "MG", "malgache": "MG", "monegasque": "MC",
    "filipino": "PH", "philippin": "PH", "philippine": "PH", "kiwi": "NZ", "hellenic": "GR", "hellenique": "GR",
    "helvetique": "CH", "ivorian": "CI", "ivoirien": "CI", "ivoirienne": "CI", "congolese": "CD",
}  # fmt: skip
