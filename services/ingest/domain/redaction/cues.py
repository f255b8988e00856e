"""The words and patterns the name rules read around a word: titles, thanks, places, roles,
particles and the words that are names too."""

import re

from schemas.events import Language
from services.ingest.domain.redaction.identifiers import MONTHS_IN_FULL
from services.ingest.domain.redaction.text import EMOJI, STOPWORDS

WORD = re.compile(r"[^\W\d_](?:[\w'\u2019-]*[^\W_])?", re.UNICODE)
# What the name rules read: the words, and "&" as the conjunction it is ("kasia & bilal").
TOKEN = re.compile(rf"{WORD.pattern}|&", re.UNICODE)
# "@sofie", "@jan.peeters", "@sofie_claes" typed in the text (not an e-mail address: no word
# character before the "@"), and the parts of such a handle.
HANDLE = re.compile(r"(?<![\w.@])@([^\W\d_][\w.'\u2019-]*(?<![.'\u2019-]))")
HANDLE_PARTS = re.compile(r"[._'\u2019-]+")
# A hashtag ("#MangoMoment", "#bedanktSofie").
HASHTAG = re.compile(r"(?<![\w#&])#([^\W\d_]\w*)")
# Thanks written together with the name in a one-word hashtag: "#dankjesofie", "#MERCISOFIE".
THANKS_GLUED = (
    "dankjewel dankuwel dankje dankaan bedankt merci mercia thanks thanksto thankyou thanku thx"
    " bravo proficiat kudos chapeau cheers"
).split()
# A Slack or Teams mention right before "and": "<@U07QX2M9K> en", "<at>Sofie Claes</at> et".
MENTION_BEFORE = re.compile(r"(?:<@[UW][A-Z0-9]+(?:\|[^<>]*)?>|</at>)[ \u00a0]*$")
# A web address, and the part after its host (path, query) where an article's or photo's title
# may name someone.
LINK = re.compile(r"\b(?:https?://|www\.)[^\s/<>|]+(?P<path>[^\s<>|]*)", re.IGNORECASE)
LINK_WORD = re.compile(r"[^\W\d_]+")
SENTENCE_LOOKBACK = 40
SENTENCE_END = re.compile(r"[.!?:;\n\"“”«»()\[\]]\s*$|^\s*$")

# An emoji often ends a sentence in chat, but not always ("Bedankt 🙏 Jaspers!"); so do a single
# quote that opens or closes one ("zei: 'Dit had ik nooit gedacht'", "... gezien.' Iedereen
# lachte") and a number's dot ("Surgery 2. Every staff member"). A name stands there as often
# ("'Koning, kom eens!'", "1. Visser belt de huisarts"), so after one of these only a stopword
# or a sign-off or cheer is taken for a new sentence's first word ("... 🙏 Top!", "😍 Groetjes,
# Lien", "💐 Wie wil helpen").
BREAK_BEFORE = re.compile(
    rf"(?:{EMOJI}[\s\ufe0f\u200d]*"
    r"|(?:^|[\s:])['\u2018]|[.!?]['\u2019][ \u00a0]+|(?:^|\s)\d{1,3}\.[ \u00a0]+)$"
)
# Emoji (with their joiners and skin tones) and spaces between two words: "sofie 💛 en jan".
EMOJI_GAP = re.compile(rf"[ \u00a0]*(?:{EMOJI}[\ufe0f\u200d]*[ \u00a0]*)+")
# Function words that no one is called, which start a new sentence after such a break.
BREAK_WORDS = frozenset(
    """dit deze daarna daarom toen nu iedereen niemand alles niets gij ge hier daar waar wie
    hoe waarom wanneer morgen vandaag gisteren ce cette cet ça on tout tous toute toutes rien
    aujourd'hui demain hier qui quoi comment pourquoi quand où every everyone everybody nobody
    this that these those it i i've i'd i'm i'll you you've you're we they he she who what when
    where why how today tomorrow yesterday here there""".split()
)
SIGN_OFFS = frozenset(
    """groetjes groeten groet kusjes liefs knuffels bisous bises biz bisou amitiés amities
    cheers regards greetings xoxo xx top super simpel zalig prachtig knap chapeau respect wauw
    amai génial genial magnifique wow awesome""".split()
)

TITLES = frozenset(
    """mevrouw mevr mvr mw meneer mijnheer mnr dhr heer juffrouw mr mrs ms miss madame mme monsieur
    mademoiselle mlle dokter dr docteur doctor zuster zr broeder pater prof professor patiënt
    sœur soeur frère frere sister brother nurse vpk
    patiënte patient patiente bewoner bewoonster résident résidente resident opa oma mémé pépé
    meme pepe papy mamy tante nonkel oncle grandpa grandma uncle aunt sir dame madam
    bomma bompa moemoe vava mamie papi tonton tantine familie famille mejuffrouw mej hr nonna nonno
    sr br pr mgr rev père pere abbé abbe grand-mère grand-mere grand-père grand-pere
    bonne-maman bon-papa nana frau herr""".split()
)
# A title that is part of the name after it: the Akan "Nana" ("Nana Yaw"), redacted with it.
TITLES_OF_THE_NAME = frozenset({"nana"})
# A nickname in quotes right after a name, with or without brackets: 'Mieke ("Mie")'.
NICKNAME_AFTER = re.compile(
    r"[ \u00a0]*\(?[\"'\u201c\u201d\u2018\u2019\u00ab][ \u00a0]?([^\W\d_]{2,15})[ \u00a0]?"
    r"[\"'\u201c\u201d\u2018\u2019\u00bb]\)?(?![^\W\d_])"
)
# Animals, cuddly toys and robots, before their own names ("haar kat Minou", "knuffelbeer
# Bruno", "robot Zora"): no personal data. Not "knuffel" (a hug: "dikke knuffel Marleen"), nor
# "doudou", "nounours" or "mascotte", which people call each other too.
NAMED_THINGS = frozenset(
    """kat poes kater hond hondje honden konijn cavia vogel parkiet kanarie papegaai chat chatte
    chaton chien chienne chiot lapin oiseau perruche canari perroquet cat kitten dog puppy rabbit
    bird budgie parrot canary hamster goudvis paard pony ezel cheval poney âne horse donkey
    goldfish knuffelbeer knuffelbeertje teddybeer peluche robot""".split()
)
# Before "chat", the French cat rather than a chat: "son chat", "le chat", "un chat".
FRENCH_DETERMINERS = frozenset("le la les un une son sa ses mon ma mes ton ta leur du".split())
# Titles that are also the nouns of a sentence ("één bewoner over zijn beroep vertelt").
CARE_ROLES = frozenset(
    "patiënt patiënte patient patiente bewoner bewoonster résident résidente resident".split()
)
SHORT_TITLES = frozenset(
    {
        "m",
        "dr",
        "mr",
        "mrs",
        "ms",
        "mme",
        "mlle",
        "dhr",
        "mnr",
        "mevr",
        "mvr",
        "mw",
        "zr",
        "hr",
        "mej",
        "sr",
        "br",
        "pr",
        "mgr",
        "rev",
        "fr",
    }
)
# "Naam: Kabongo", "Nom : Kabongo Mbuyi": a label and a colon, as in a list or a form.
NAMING_LABELS = frozenset(
    "naam voornaam achternaam familienaam roepnaam nom prénom prenom name surname".split()
)
NAME_LABELS = NAMING_LABELS | frozenset(
    "bewoner bewoonster patiënt patiente patiënte patient résident résidente resident".split()
)
LABEL_COLON = re.compile(r"[ \t\u00a0]*:[ \t\u00a0]*")
NAME_CUES = frozenset(
    "genaamd heet heette named called nommé nommée appelé appelée appelle prénom alias aka".split()
)
# ... of which these only ever stand before a person's other name, in lower case too: "Merci à
# Karim (alias pepe)", "jo aka jojo".
ALIASES = frozenset("alias aka dite".split())
# Words that name a place when a number follows ("Ward 5B", "Unit 3"): then not a name, even
# when they are one (Ward).
PLACE_LABELS = frozenset(
    """ward unit wing floor level block zone gate afdeling dienst blok vleugel verdieping zaal
    unité aile étage pavillon bloc lift""".split()
)
NUMBER_AFTER = re.compile(r"[ \u00a0]?\d")
# Or a lone capital ("Blok C", "Lift B."; not dotted initials: "Blok C.D.").
LETTER_AFTER = re.compile(r"[ \u00a0][A-Z](?!\w)(?!\.\w)")
# Words before a ward's own name: "afdeling Zonnebloem", "l'unité Les Glycines" (not "dienst",
# "ward" or "unit": "bedankt voor de dienst Kabongo", "on the unit Priya" are people).
WARD_WORDS = frozenset("afdeling unité vleugel pavillon aile wing residentie résidence".split())
# A Slack or Teams channel, before its own name: an everyday word there is that name ("in het
# kanaal Kwaliteit"); a name is still one ("on this channel Oluwaseun especially"). Not an app, a
# method, a training or a room: "via de app Koning verwittigd", "after the training Baker
# stayed", "in de aula Mol tegengekomen".
CHANNEL_WORDS = frozenset("kanaal canal channel".split())
# Institutions before their own name, capitalised: "Zaal Ensor", "Campus Bornem", "Home
# Zonnebloem", "WZC Ter Linde", "AZ Delta" (in lower case, a name may follow: "au home Espoir a
# organisé", "in de cafetaria Mbuyi tegengekomen").
INSTITUTION_WORDS = frozenset(
    """campus zaal home wzc woonzorgcentrum rusthuis residentie résidence residence dagcentrum
    auditorium cafetaria cafétéria chorale koor musée museum maison hôpital hopital ziekenhuis
    kliniek clinique az uz chu chr gza zna""".split()
)
# Articles between a ward word and its name: "afdeling De Linde", "WZC Ter Linde".
PLACE_ARTICLES = frozenset("les la le de het the ter den".split())
# Words after a room's or an institution's own name: "Rubens Room", "Wellbeing Room", "Jessa
# Hospital", "Ghent University" (a name there is still one: "Peeters Room"; not "Ward", "Wing"
# or "Lane", which are names: "Welkom Ward", "thanks to Amadou Wing").
PLACE_AFTER = frozenset(
    "room unit lounge hospital university college school centre center café cafe".split()
)
ELIDED = re.compile(r"^[dl]['\u2019]")  # "l'unité", "d'afdeling"
# Words a capital and a dot follow as a variant, not an initial: "Plan B.", "Vitamine B.".
LETTERED_WORDS = frozenset(
    """plan vitamine vitamin type optie option groep groupe group fase phase niveau categorie
    catégorie category hepatitis hépatite""".split()
)
# Titles before a possessive in lower case that is someone's: "mrs petrenko's".
HONORIFICS = frozenset(
    """mevrouw mevr mvr mw meneer mijnheer mnr dhr mr mrs ms miss madame mme monsieur m mademoiselle
    mlle dokter dr docteur doctor sir madam frau herr""".split()
)
# Thanks before a rarer first name typed in lower case ("merci a grzegorz"); company words
# ("met", "for", "avec") are not enough there: "for over an hour", "avec bébé".
THANKS_LEADS = frozenset(
    """dank dankzij bedankt dankje dankjewel dankuwel merci mrc remercier remercie remercions
    remerciez thanks thank bravo proficiat félicitations felicitations kudos thx ty tnx thnx
    thanx thks congrats chapeau shoutout shout-out props cheers obrigada obrigado gracias
    grazie""".split()
)
# Praise before a name in capitals: "GREAT JOB PRIYA", "WELL DONE SVETLANA" (in lower case only
# before a common first name, as NAME_LEADS has it: "goed gedaan seg" is no one; nor "joué",
# which plays too: "a joué du fado").
PRAISED = frozenset("job done gedaan".split())
THANKS_OR_PRAISED = THANKS_LEADS | PRAISED
# A Mango moment given to someone, the way this service's users thank: "mango for emeka",
# "mango moment voor lotte", "un mango pour anaïs", "mango's aan jens en ine", "mango 🥭 voor
# emeka".
MANGO_GIVEN = re.compile(
    r"\bmango(?:[ \u00a0]*moment(?:je)?)?(?:['\u2019]?s)?"  # "mangomomentje", "mango's"
    rf"(?:[ \u00a0]*{EMOJI}\ufe0f?)*"  # "mango 🥭 voor"
    r"[ \u00a0]+(?:for|to|voor|aan|naar|pour|à)[ \u00a0]+$",  # not "l'appli mango a bugué"
    re.IGNORECASE,
)
# The longest name read as one: "Maria Van den Broeck Peeters"
MAX_NAME_WORDS = 5
# The longest name that signs a post at its end: "Firmin De Meyer", "Jan Van der Auwera"
MAX_SIGNATURE_WORDS = 4
# How far the name rules look at their neighbours' neighbours ("A en B en C"): a long list
# must not exhaust the stack.
MAX_LOOK = 6
# How many words back thanks may reach a second "et à": "merci à X pour la formation des
# étudiants, et à Y pour le café".
THANKS_REACH = 16
# A surname has at most three particles ("van de", "de la", "Van der", "Vanden"): longer runs are
# not looked through, so that "DE DE DE ..." costs no more than any other text.
MAX_PARTICLES = 3
# Words between what belongs to a town and the town: "de burgemeester van Herentals", "la
# chorale de Gembloux", "a choir from Tervuren".
PLACE_LEADS = frozenset("van de du des from".split())
# What belongs to a town, before those words ("het feestje van Lommel" may be someone's).
TOWN_NOUNS = frozenset(
    """burgemeester gemeente stad dorp markt jaarmarkt kermis chiro scouts koor fanfare
    harmonie school ziekenhuis kerk parochie station brandweer politie bibliotheek zwembad
    vrijwilligers maire mairie commune ville village marché chorale cimetière église paroisse
    gare hôpital école pompiers police bibliothèque bénévoles piscine carnaval mayor council
    town city village market choir church parish station hospital school library volunteers
    cemetery""".split()
)
# Kin and other people before "van" or "de" ("de zoon van Lommel", "la fille de Beaumont") or
# before a name ("zijn dochter Bonheur", "vrijwilliger Jambon", "maman Bobo", as a child or a
# grandchild says it).
KIN_NOUNS = frozenset(
    """zoon dochter vrouw man echtgenote echtgenoot moeder vader mama papa broer zus zuster
    mum mom mummy mommy dad daddy moeke vake
    kleinzoon kleindochter kinderen kind familie schoonzoon schoondochter collega buur buurvrouw
    buurman fille fils femme mari épouse epouse époux epoux mère mere père pere frère frere sœur
    soeur petite-fille petit-fils enfants enfant famille maman collègue collegue voisin voisine
    son daughter wife husband mother father brother sister grandson granddaughter children
    family colleague neighbour neighbor vrijwilliger vrijwilligster bénévole benevole volunteer
    stagiair stagiaire student studente étudiant étudiante etudiant etudiante""".split()
)
# A verb that a Dutch or French clause may put right after kin ("haar zoon verwittigd", "we
# hebben mama gebeld", "sa fille accouchait", "mon fils adoré"), or an English one: not a name.
VERB_SHAPED = re.compile(
    r"(?:ge|ver|be|her|ont)[^\W\d_]+[dt]"
    r"|[^\W\d_]+(?:ait|aient|é|ée|és|ées|er|ir|ed|ing|de|te|den|ten)"  # "papa kangoeroede"
)
# Kin used as a title before a name in no list, as Congolese and Flemish families do ("mama
# ngalula", "maman mbala", "tante nsimba"); not after a possessive ("haar mama facetimet").
KIN_TITLES = frozenset(
    """mama maman papa mamy mamie papy papi tante tata tonton nonkel oma opa bompa bomma moeke
    vake mémé meme pépé""".split()
)
# More of the clause after a word: a space and a letter or digit, not its end ("...;").
WORD_AFTER = re.compile(r"[ \u00a0]+\w")
DRAWN_OUT = re.compile(r"([^\W\d_])\1\1")  # a letter three times: "suuuper", "jaaa"
CONTRACTED_JE = re.compile(r"j[bcdfghjklmnpqrstvwxz]")  # "jvais", "jpense", "jsuis"
# The Dutch particles a surname in no list may follow in lower case: "inge van acker"; not the
# French article ("yassine le brancardier").
VAN = frozenset(("van", "vanden", "vander", "vande"))
# A surname after an elided particle, typed in lower case: "n'diaye", "o'brien", "d'hondt" (not
# "n'est", "d'accord": the rest is a word there; after "d'" only an H, "d'hoore", as places and
# plants follow it: "marc d'alsace", "fleur d'oranger")
ELIDED_SURNAME = re.compile(r"(?:[no]['\u2019]|d['\u2019](?=h))([^\W\d_]{4,})")
# Kin before a month that is a first name ("sa fille Mai"); not "son", which is the French
# possessive too ("son Mai 68").
KIN_OF_A_CHILD = KIN_NOUNS - {"son"}
# Articles before a capitalised everyday word that then names a thing ("the new Protocol"); not
# "dat", "die" or "that", which are conjunctions and pronouns too ("dat Compte nog belde").
ARTICLES = frozenset(
    """de het een the a an la le les un une des du this these those deze dit ce cet cette
    ces""".split()
)
# Adjectives between an article and such a word: "de nieuwe Checklist", "the new Protocol".
ATTRIBUTIVES = frozenset(
    """nieuwe nieuw oude oud grote groot kleine klein hele eerste volgende laatste vorige
    aangepaste vernieuwde herwerkte echte new old big little small whole first next last
    latest updated revised proper real nouvelle nouveau nouvel grande grand petite petit
    première premier prochaine prochain dernière dernier vraie vrai""".split()
)
# A role in brackets right after a name: "Bonheur (aide-soignant)", "Awa (zorgkundige)".
_ROLE = (
    r"(?:stagiair|student|étudiant|etudiant|intern|"
    r"verpleegkundige|zorgkundige|verpleger|verpleegster|aide-soignant|infirmier|infirmière|"
    r"infirmiere|nurse|kiné|kine|physio|ergo|logo|ergoth[ée]rapeut|kin[ée]sith[ée]rapeut|"
    r"logop[ée]dist|physiotherapeut|arts|dokter|médecin|medecin|doctor|"
    r"chaplain|aumônier|aumonier|pastor|vrijwillig|bénévole|benevole|volunteer|porter|"
    r"brancardier|hca|diëtist|dietist|diététicien|dieteticien|dietitian|psycholo|"
    r"secretar|secrétaire|secretaire|onthaal|accueil|reception|poets|logisti|collega|"
    r"collègue|collegue|colleague)"
)
# A role as a word of its own: "Marie Dupont, aide-soignante en gériatrie" names one person.
ROLE_WORD = re.compile(_ROLE + r"e?", re.IGNORECASE)
ROLE_AFTER = re.compile(r"[ \u00a0]*\((?:[^\W\d_]+[ \u00a0])?" + _ROLE, re.IGNORECASE)
# A role with its article right after a first name, no comma between, one person: "yassine le
# brancardier", "tom the porter", "fatou l'aide-soignante" (not "we played jolene, the nurses
# sang", "on a mis aline, l'infirmière a chanté": a comma may end the song's title).
ROLE_WITH_ARTICLE = re.compile(
    r"[ \u00a0]+(?:(?:le|la|de|het|the)[ \u00a0]+|l['\u2019])" + _ROLE + r"e?(?![^\W\d_])",
    re.IGNORECASE,
)
# The same role after a comma and "our", "onze", "notre": "lowie, onze stagiair", "Ola, our
# volunteer" (not "Vandaag, de stagiair": the article alone says nothing of whose).
ROLE_IN_APPOSITION = re.compile(
    r",[ \u00a0]+(?:onze|ons|our|notre|nos|mijn|my|ma|mon)[ \u00a0]+(?:[^\W\d_]+[ \u00a0])?"
    + _ROLE,
    re.IGNORECASE,
)
# Wards and specialties: never a name (the redactor adds them to the not-names lexicon), also
# not after "van" ("Aziz van Spoed").
WARDS = frozenset(
    """spoed spoedgevallen urgences emergency oncologie oncology geriatrie gériatrie geriatrics
    cardiologie cardiology pediatrie pédiatrie pediatrics paediatrics neurologie neurology
    revalidatie revalidation rehabilitation palliatieve palliatifs palliative materniteit
    maternité maternity dialyse dialysis pneumologie pneumology radiologie radiology chirurgie
    surgery psychiatrie psychiatry orthopedie orthopédie orthopaedics urologie urology
    nefrologie néphrologie nephrology gastro-enterologie gastro-entérologie gastroenterology
    dermatologie dermatology hematologie hématologie haematology neonatologie néonatologie
    neonatology verloskunde obstétrique obstetrics kraamafdeling dagziekenhuis dagkliniek
    réanimation intensieve intensifs zorgen cardio neuro ortho pneumo gastro nefro geria
    pedia paeds peds radiotherapie radiothérapie radiotherapy oogziekten ophtalmologie ophthalmology
    heelkunde hospitalisatie interne médecine geneeskunde kinderdagziekenhuis psychogeriatrie
    psychogériatrie sterilisatie stérilisation""".split()
)
# A compass point after a ward's number: "3 Oost", "4 West", "Ward 9 West".
COMPASS = frozenset("oost west noord zuid nord sud est ouest north south east".split())
COMPASS_NUMBER_BEFORE = re.compile(r"(?:^|[\s(])\d{1,2}[ \u00a0]$")
# A title in quotes after singing, playing or watching it: a song, a film, a programme ('zong
# "Mia"', 'played "Moon River"', 'a regardé "Questions pour un champion"').
SHOWN_BEFORE = re.compile(
    r"\b(?:zong|zongen|zingt|zingen|gezongen|speelde|speelden|gespeeld|opgezet|opzette|keek|"
    r"keken|bekeken|sang|sing|sings|singing|played|playing|put on|watched|watching|chanté|"
    r"chantait|chanter|chante|joué|jouait|mis|regardé|regardait|écouté|écoutait)"
    r"[ \u00a0]+[\"\u201c\u00ab\u2018'][ \u00a0]?$",
    re.IGNORECASE,
)
# The last parts of an eponym's compound: "Braden-score", "Foley-wissel", "Trendelenburg-houding".
EPONYM_HEADS = frozenset(
    """score schaal test houding wissel katheter sonde audit protocol methode techniek syndroom
    ziekte manoeuvre procedure index criteria scale position catheter syndrome disease""".split()
)
# What someone did, right after their name (an emoji may come between): the auxiliaries of
# the past, common past forms, and English "-ed" forms. Not "is", "est", "was": "Hope is ...".
DEED_AFTER = re.compile(
    # an emoji may stand between ("Patience 🙏 helped"), not a quote mark: "« Parfait » m'a
    # répondu le médecin" is what was said
    r"[ \u00a0]+(?:[^\w\s.,;:!?()\[\]'\"\u2019\u201c\u201d\u201e\u00ab\u00bb-]+[ \u00a0]+)?"
    r"(?:heeft|hebben|had|kwam|bracht|zong|hielp|bleef|gaf|deed|nam|maakte|regelde|belde|"
    r"zorgde|merkte|zag|vond|hoorde|toonde|legde|zette|"
    r"a(?![ \u00a0]+\d)|avait|has|came|brought|sang|made|took|gave|kept|found|spent|"
    r"held|read|sat|stood|went|told|bought|wrote|drove|ran|met|left|taught|"
    r"paid(?![ \u00a0]+off)|"
    # "Patience l'a noté", "Colombe lui a écrit", "Rose s'est assise", "Rose m'a aidée",
    # "Colombe nous avait prévenus", "Rose s'en est occupée", "Rose n'a pas pu"; not the idioms
    # of a match: "Victoire s'est jouée", "Patience l'a emporté"; nor "Rose n'est pas ma couleur"
    r"(?:(?:[lmt]['\u2019]|(?:lui|leur|les|nous|vous)[ \u00a0]+)(?:a|avait)|"
    r"s['\u2019](?:en[ \u00a0]+)?(?:est|était|etait)|n['\u2019](?:a|avait))"
    r"(?![ \u00a0]+(?:emport|jou))|"
    r"[a-z]{2,}ed)(?![^\W\d_])"
)
# A biscuit or chocolate maker that is a first name too, right beside what it makes: "Lotus
# koekjes", "spéculoos Lotus", "with Lotus cream", "Leonidas-pralineke" (but "dank aan Lotus" and
# "koekjes van Lotus" may be someone).
BRANDS_ALSO_NAMES = frozenset({"lotus", "leonidas"})
_PRODUCTS = (
    r"(?:koek(?:je)?s?|speculoos|spéculoos|biscuits?|cookies?|biscoff|cream|crème|creme"
    r"|pralines?|pralinekes?|chocolade|chocolat|chocolates?|bonbons?)"
)
PRODUCT_AFTER = re.compile(rf"(?:[ \u00a0]+|-){_PRODUCTS}(?![^\W\d_])", re.IGNORECASE)
# ... before it only as French names the product ("spéculoos Lotus", "biscuits Lotus"; but
# "thanks for the cookies Lotus 🍪" is said to someone)
PRODUCT_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:speculoos|spéculoos|biscuits?|pralines?|chocolats?)[ \u00a0]+$",
    re.IGNORECASE,
)
# ... and what two did, after the second of a pair: "mirela et kevin ont fait", "oksana en
# lotte hebben", "priya and tom have".
PAIR_DEED_AFTER = re.compile(
    r"[ \u00a0]+(?:hebben|hadden|zijn|waren|ont|avaient|sont|étaient|etaient|have|had|were)"
    r"(?![^\W\d_])"
)
# What someone did, in the two languages whose nouns need their article to do anything: the
# Dutch past, and the French past tense ("a" before a past participle, not "a" typed for "à":
# "madeleine a l'orange", "rose a pois", "ben a demain", "petit a petit"; nor the passive:
# "lien a été envoyé", but "olivier a été top"), with the pronouns DEED_AFTER knows.
DEED_IN = {
    Language.NL: re.compile(
        r"[ \u00a0]+(?:heeft|had|kwam|bracht|zong|hielp|bleef|gaf|deed|nam|maakte|regelde|belde"
        r"|zorgde|versierde|bakte|kocht|haalde|speelde|las|zat|stond|ging)(?![^\W\d_])"
    ),
    Language.FR: re.compile(
        r"[ \u00a0]+(?:(?:[lmt]['\u2019]|(?:lui|leur|les|nous|vous)[ \u00a0]+)?(?:a|avait)"
        r"[ \u00a0]+(?:(?:tout|bien|encore|déjà|deja|aussi|vraiment|trop|pas)[ \u00a0]+)?"
        r"(?!(?:pois|petit|peu|demain|midi|minuit|moi|toi|lui|tous)\b"
        r"|(?:été|ete)[ \u00a0]+\w+(?:é|ée|és|ées)\b)"
        r"[^\W\d_]+(?:é|ée|és|ées|i|is|it|u|us|ue|ert|erte|eint|ait|ut)"
        r"|s['\u2019](?:en[ \u00a0]+)?(?:est|était|etait))(?![^\W\d_])"
    ),
    # English, where a bare noun may act ("hope kept us going", "robin came back"): only what a
    # person does to something or someone, with that something after it ("jade pulled out a
    # sticker", "bill paid the bill"; not "bill paid ✅", "bill paid by his son", nor "came",
    # "went", "sang"); what causes (`CAUSED_EN`) not of the words that act bare.
    Language.EN: re.compile(
        r"[ \u00a0]+(?:(?:pulled|bought|baked|cooked|fixed|washed|cleaned|carried|drove|helped"
        r"|hugged|held|handed|called|rang|phoned|organised|organized|comforted|calmed|sorted"
        r"|arranged|picked|wrote|printed|stayed|walked|sat|brought|kept|made|gave|took|found"
        r"|showed|covered)(?:[ \u00a0]+(?:out|up|in|back|over))?[ \u00a0]+(?!by\b)[^\W\d_]"
        # "paid" only for someone or something: "bill paid the bill" (not "bill paid in cash",
        # "bill paid off")
        r"|paid[ \u00a0]+(?:the|her|his|their|for[ \u00a0]+(?:the|her|his|their))\b)"
    ),
}
# ... a deed in any of them, asked first: one pattern is cheaper than telling the language
ANY_DEED = re.compile("|".join(f"(?:{deed.pattern})" for deed in DEED_IN.values()))
# ... the English deeds that a thing does too ("hope kept us going", "joy made my day", "robin
# found crumbs", "ivy covered the window"), and the words that do them with no article: what is
# felt, the sky and the seasons, birds, plants and stones; and words that are never the subject
# of a deed without an article (a guy, the ward, a teddy, what was said).
CAUSED_EN = re.compile(r"[ \u00a0]+(?:brought|kept|made|gave|took|found|showed|covered)\b")
BARE_ACTORS_EN = frozenset(
    """hope faith joy grace mercy patience blessing precious love charity glory peace sky dawn
    eve art angel rose daisy lily ivy holly heather jasmine iris hazel olive willow amber jade
    ruby pearl crystal coral""".split()
)
NEVER_BARE_EN = frozenset("said guy ward teddy robin".split())
# ... and the word that joins two clauses in each: French "en" is "in" ("décorée en rose a").
CONJUNCTION_IN = {Language.NL: "en", Language.FR: "et", Language.EN: "and"}
# "van", "from", "de": who belongs to a service ("nand van de keuken", "may at physio", "olivier
# des urgences", "lies uit de keuken"; not the verb's "uit": "delen we speculaas uit op
# Pediatrie"), not where something happened ("opgewarmd in de keuken").
BELONGS_TO = (
    *(" van ", " from ", " of ", " at ", " de ", " du ", " des ", " d'", " d\u2019"),
    *(" uit de ", " uit het ", " uit 't "),
    " on ",  # a shift only: "ward on nights"
)
# Between a name and its room: "Roos van kamer 214", "pierre de la chambre 204", "Jef (kamer 12)".
ROOM_LEAD = re.compile(
    r"[ \u00a0]*\(?[ \u00a0]*(?:(?:van|uit|op|in|de|du|on|from|of|at)[ \u00a0]+)?"
    r"(?:(?:de|la|the|het)[ \u00a0]+)?",
    re.IGNORECASE,
)
# A list of thanks: a heading that ends in a colon, and items after a bullet on their own lines.
HEADING_END = re.compile(r":[ \t]*(?:[-\u2022*\u00b7\u2013][ \t]*)?$")
LIST_BULLET = re.compile(r"[ \t]*[-\u2022*\u00b7\u2013][ \t]*")
LIST_ITEM = re.compile(r"[ \t]*[-\u2022*\u00b7\u2013]")
MAX_LIST_ITEMS = 30
HEADING_LOOK = 60
LIST_MARKS = (":", "-", "\u2022", "*", "\u00b7", "\u2013")
# The word after a name that may start its room: "van kamer 214", "(kamer 12)", "on bed 6",
# "K214".
BEFORE_A_ROOM = frozenset(
    """van uit op in de du on from of at kamer k kmr chambre ch chbre room rm bed lit box bay
    cubicle appartement appart""".split()
)
# Words that lead to a town, and seldom to a person: not "de", "van", "naar", "à", "to",
# "from" ("merci à Swati", "flowers from Sanaa"). "at" leads to a place ("on the beach at
# Ostend"), and the towns hold no word that a list of person names holds.
TO_A_PLACE = frozenset("in uit richting nabij vers depuis into near at".split())
# French verbs after which "à" leads to a town ("habite à Uccle"), not to a person ("merci à").
LIVES_AT = frozenset(
    """habite habitait habitent vit vivait vivent vivre né née nés nées grandi vécu déménagé
    déménagée installé installée rentré rentrée retourné retournée arrivé arrivée travaille
    travaillait""".split()
)
# Where someone is from, before "de" or "d'": always a place ("originaire de Kelmis"); not
# "vient de" or "comes from", which a person follows as often ("le bouquet vient de Sanaa").
FROM_A_PLACE = frozenset("originaire originaires".split())
# French feasts of saints, after "la" or "le": "la Sainte-Catherine", "la Saint-Nicolas" (but
# "la Saint-Fleur était de garde": a colleague).
FEAST_SAINTS = frozenset(
    """catherine nicolas valentin jean barbe martin sylvestre eloi éloi patrick michel
    jacques joseph hubert cécile cecile""".split()
)
BEFORE_A_SAINTS_PLACE = frozenset(
    """du des het the à au in op naar uit campus az chu chr maison hôpital
    hopital clinique cliniques universitaires ziekenhuis kliniek hospital église eglise kerk
    church paroisse site centre institut collège école""".split()
)
UNIT_AFTER = re.compile(
    r"[ \u00a0]+(?:van|uit|from|of|de|du|des|d'|in|at)[ \u00a0]*"
    r"(?:(?:de|het|'t|la|le|l'|the)[ \u00a0]*)?"
    r"(?:[^\W\d_]+[ \u00a0]+)?"
    r"(?:onthaal|receptie|accueil|reception|keuken|cuisine|kitchen|logistiek|logistique|logistics"
    r"|schoonmaak|poetsdienst|poetsploeg|nettoyage|housekeeping|cleaning|apotheek|pharmacie"
    r"|pharmacy|transport|techniek|technique|maintenance|onderhoud|dienst|service|ict|it"
    r"|administratie|administration|secretariaat|secrétariat|secretariat|wasserij|buanderie"
    r"|laundry|security|bewaking|sécurité|porters?|brancardage|physio|physiotherapy|kiné|kine"
    r"|kinesitherapie|kinésithérapie|ergo|ergotherapie|ergothérapie|labo|lab|hr"
    # the units chat names by their short names: "grace from ED", "claire du bloc"
    r"|icu|nicu|picu|usi|ed|a&e|paaz|bloc|radio|theatres?|night team|day team"
    r"|cafeteria"  # not "café et clémentine de la cafétéria": goods come from it too
    r"|équipe de nuit|equipe de nuit|"
    + "|".join(sorted(map(re.escape, WARDS), key=len, reverse=True))  # "Mercy van Cardiologie"
    + r")\b",
    re.IGNORECASE,
)
# The shift someone works, right after their name: "Lies van de nachtdienst", "Rob from the
# night shift". Only after a listed first name: "Love from the night shift ❤️", "Kus van de
# nachtploeg" and "Story of the night shift" are no one.
SHIFT_AFTER = re.compile(
    r"[ \u00a0]+(?:(?:van|from)[ \u00a0]+(?:de|het|the)[ \u00a0]+(?:[^\W\d_]+[ \u00a0]+)?"
    r"(?:[^\W\d_]*dienst|[^\W\d_]*ploeg|shift)"
    r"|(?:from|on)[ \u00a0]+(?:nights|days|lates|earlies))\b",
    re.IGNORECASE,
)
# Before a verb that is a first name too: "ik ben van kamer 12 ...".
PRONOUNS = frozenset("ik jij je u hij zij ze we wij i you he she they il elle on nous vous".split())
# Words before a street's name: "rue de Fer", "avenue Louise" (a person's name there is the
# street's). Not "place" or "chemin": "à la place de Marie" means "instead of Marie".
STREET_WORDS = frozenset(
    "rue avenue boulevard chaussée chaussee quai allée allee impasse drève dreve".split()
)
# Dutch street names end in a street word: Kerkstraat, Stationsplein, Brusselsesteenweg (not
# "laan": Verlaan and Vanderlaan are surnames).
STREET_NAME = re.compile(r"(?<=\w{3})(?:straat|plein|steenweg|dreef|kaai|singel)$")
# A Dutch past participle, with a separable part before it maybe: "gewaakt", "gerustgesteld",
# "opgehaald", "gezongen". After a title in lower case, at the end of a clause, it is what was
# done for someone ("bij meneer gewaakt."), not their name ("meneer vangeneugden", "meneer
# gebhardt heeft": a verb follows).
PAST_PARTICIPLE = re.compile(
    r"(?:op|af|aan|uit|in|mee|terug|weg|toe|na|om|over|voor|bij|door|samen|thuis|schoon|klaar)?"
    r"ge[a-z]{3,}(?:t|d|en)"
)
# The end of a clause, right after a word: a stop, a comma, a bracket, the end, "en", "et".
CLAUSE_END = re.compile(r"[ \u00a0]*(?:[.,;:!?)\n]|$|(?:en|et|and|maar|mais|but)\b)")
# Feasts, days and markets end in one: Wereldalzheimerdag, Offerfeest, Kerstmarkt, Warmste Week.
DAY_NAME = re.compile(r"(?<=\w{3})(?:dag|feest|week|markt|festival)$")
YEAR_AFTER = re.compile(r"[ \u00a0]+(?:19|20)\d\d\b")
DAY_BEFORE = re.compile(r"(?<!\d)\d{1,2}(?:e|er|st|nd|rd|th)?\.?[ \u00a0]+$")
# Month names written in full ("Jan" is far more often a name than January).
DATE_MONTHS = frozenset(MONTHS_IN_FULL.split("|"))
# Two-letter first names that are also words ("An" in English, "Mo" a moment): a name only
# after a title, before a surname, after thanks, or beside a name doing something with it.
SHORT_FIRST_NAMES = frozenset({"an", "jo", "mo"})
# The initials of a French double first name, written as one word in capitals: "JP"
# (Jean-Pierre), "JF", "JM", "JL", "JB", "JC", "JY", "PY" (Pierre-Yves), "FX"
# (François-Xavier), "MC" (Marie-Claire).
# A name only with a cue: thanks or company, another name beside it, or a deed, a service or
# a role after it.
DOUBLE_INITIALS = frozenset("jp jf jm jl jb jc jy py fx mc".split())
# ... but not after an article: "Le MC a mis l'ambiance", "The MC made everyone dance" (not "a",
# which is French "à" typed on a phone: "merci a JF").
INITIALS_ARTICLES = frozenset("le la les l the het een un une".split())
# Capitalised particles of Arabic and Berber surnames that go with the name after them.
ARABIC_PARTICLES = frozenset("el al ait aït ould ben bou abou abu".split())
# Chinese and Vietnamese family names of two letters, written first ("Li Wei", "Vo Thi Hoa").
SHORT_FAMILY_NAMES = frozenset("li wu xu hu lu yu ng vo vu ly".split())
# Months and feasts that are also first names: never a name alone ("in June", "à Noël"), but
# the first name right before a surname ("June Okafor", "bed 3: August Peeters", "Noël Dubois")
# or right after kin ("sa fille Mai", "her daughter June").
CALENDAR_FIRST_NAMES = frozenset("april may june august augustus avril noël noel mei mai".split())
# Of those, the ones that go before another first name too: "Mei Ling" (in Dutch the month is
# written in lower case).
CALENDAR_DOUBLE_NAMES = frozenset({"mei"})
ALL_STOPWORDS = frozenset().union(*STOPWORDS.values())
# Not the capital D' before an H: Flemish surnames (D'Hondt, D'Haese, D'HOOGHE) keep it.
ELISION = re.compile(r"^(?:[dlL]['\u2019](?=[A-ZÀ-Þ])|D['\u2019](?=[A-GI-ZÀ-Þ]))")
# Initials with the particles of a Flemish surname in small letters: "AVdB", "JVdV", "MvdB".
FLEMISH_INITIALS = re.compile(r"[A-Z]{1,3}(?:vd|v|d)[A-Z]{1,2}")
# Capitals with dots that are an abbreviation, not someone's initials ("K.D.", "J.-P."): OK, NB,
# PS, a drip (IV), a toilet, a television, an injection (IM, SC), by mouth (PO), please (SVP,
# AUB), RIP, for example (EG, VB), the countries and the forms of a company or a public centre.
DOTTED_ABBREVIATIONS = frozenset(
    """ok nb ps iv im sc po wc tv us uk eu vs pc id dj rx ct qr bv nv rip svp aub mri icu ccu
    nicu picu bbq vzw chu zna gza prn bid tid tav ipv dwz maw aka nvt zsm eg ie cf vb zie""".split()
)
"""(Not two letters that are as often someone's initials: "E.R.", "P.R.", "B.C.".)"""
APOSTROPHES = frozenset("'\u2019")
# What makes a word an everyday one although it is in no list: a compound's linking letters
# ("weekend|s|ploeg"), a diminutive's ending, an elision before it ("qu'elle").
COMPOUND_LINKS = ("", "s", "e", "en")
DIMINUTIVES = ("tjes", "jes", "tje", "je")
PLURALS_AND_DIMINUTIVES = ("en", "s", *DIMINUTIVES)
LONGEST_COMPOUND = 40  # "arbeidsongeschiktheidsverzekering" has 33 letters
LEADING_ELISION = re.compile(r"^(?:\w|qu|jusqu|lorsqu|puisqu|quoiqu)['\u2019]")
# A name has letters only (and hyphens, apostrophes) and at least one vowel (read folded).
NAME_SHAPE = re.compile(
    r"(?=.*[aeiouyàâäáãåæèéêëìíîïòóôöõøùúûüýÿœ])[^\W\d_'\u2019-]+(?:['\u2019-][^\W\d_]+)*"
)
# Surnames with an apostrophe after N, O, M or T and a capital, or Mc, Mac or Fitz and one:
# N'Diaye, O'Brien, M'Bala, T'Kindt, McCarthy, MacLeod, FitzGerald.
APOSTROPHE_SURNAME = re.compile(r"(?:[NOMT]['\u2019]|D['\u2019](?=H)|Mc|Mac|Fitz)[A-ZÀ-Þ]")
SAINTS = frozenset("saint sainte sint st san santa notre".split())
CONJUNCTIONS = frozenset({"en", "et", "and", "&"})
# Two names joined by a sign, as chat writes a pair: "sem + noah", "sam / lou", "grace & marco".
SIGN_JOIN = re.compile(r"[ \u00a0]?[+&/][ \u00a0]?")
PARTICLES = frozenset(
    "van de der den vanden vander ver ten ter te du la le d' von di da del des dos".split()
)
# Names that are also common words: at the start of a sentence they count as a name only when
# a capitalised word (a surname) follows.
AMBIGUOUS = frozenset(
    """will may mark hope grace rose roos fleur iris frank guy lieve art ben bill bas pol
    petit green hall wood brown bos vos smit bakker visser mulder mon sus vic mercy joy
    precious blessing faith patience sky lies colombe parfait rob blanche espérance
    esperance""".split()
)
# Names that are also everyday words in lower case ("mon", "ben", "pierre", "joke", "will"):
# never taken for a name when typed in lower case.
WORDS_TOO = AMBIGUOUS | frozenset(
    """mon ben bas guy lien joke toon frans claire pierre aimé aime constant clément clement
    don jack bill pat sue lieve robin angel colin olivier max kim rose mark will may hope joy
    dawn april june ray rob art gene eve noël noel pascal victoire roger nick ward romain
    christian said mercy grace precious blessing faith patience sky lies teddy mimi loulou lulu
    toto jojo bébé""".split()
)
# ... of which these are small words after kin as well: "her son will", "my daughter may",
# "zijn zoon ben ik", "sa fille mon", "his grandson said", "the children's ward".
NOT_AFTER_KIN = frozenset("will may mon ben bas can art sus said ward".split())
# "ons", "onze", "notre" before such a name; not "our", which English puts before its words
# ("our ward", "our hope").
OURS_BEFORE_A_WORD_TOO = frozenset("ons onze notre".split())
# Common first names that are more often lower-case words here ("un jean", "son fiston", "de
# medische staf", "milieu urbain", "the mats", "deux gilles"): with no cue before them, a word
# after them does not make them a name. A word that is as often a name ("amber", "lily",
# "rosa") is not here: leaking a name is worse than redacting a colour.
LOWER_CASE_WORDS_TOO = frozenset(
    """jean fiston staf urbain mats gilles milan leen peter dries greet charlotte madeleine
    pascale marguerite benjamin jules carol terry octaaf victor joe daisy dieter""".split()
)
# Words after which a clause, and often its subject, starts.
CLAUSE_WORDS = frozenset(
    "maar dus want toen daarna dat omdat mais donc puis ensuite alors que but so then that"
    " because".split()
)
# Names that are words too, but a name right after thanks: "dank aan roos", "merci à pierre"
# (not "merci à mon équipe", "bedankt ben je er morgen?").
NAMES_AFTER_THANKS = frozenset(
    """roos rose pierre mercy grace hope joy precious blessing faith patience sky lies fleur
    iris""".split()
)
# Words before a lower-case first name that make it one: thanks, or company ("met lotte").
NAME_LEADS = THANKS_LEADS | frozenset(
    """grâce met samen door voor van avec par pour with by for done again gedaan joué hoi hallo
    hello hi hey salut coucou bonjour slt cc seg allez yo hiya tkt""".split()
)
"""Words after which a common first name typed in lower case is a name: thanks, company,
praise ("well done jan", "goed gedaan lotte", "bien joué sophie") and greetings ("hoi sofie")."""
# "Ons Mieke", "notre Fifi": how a team or a family speaks of one of its own. Before a listed
# first name in lower case that is no dictionary word ("ons tinneke", "onze grzegorz"); the
# other words after it are not names ("onze staf", "notre brancardier").
OURS = frozenset("ons onze notre our".split())
# A word in brackets, right after a name: maybe what everyone calls them ("Ikechukwu (Ike)").
BRACKETED_WORD = re.compile(r"[ \u00a0]*\(([A-ZÀ-Þ][^\W\d_]{1,14})\)")
# The initials of a double first name: "J-P" (Jean-Pierre), "M-C" (Marie-Claire).
HYPHENED_INITIALS = re.compile(r"[A-Z]-[A-Z]")
# Sign-offs after which capitals at the end of a line are the writer's initials: "mvg BVH".
SIGNATURES = frozenset(
    """mvg vg groetjes groeten groet grtz grtjs kusjes liefs bisous bises amitiés amities
    cordialement cdlt regards""".split()
)
# Before the writer's name at the end of a post: a sign-off and maybe a comma or a dash ("grtz
# dries", "bisous, nadia", "cheers — jo"), emoji around them ("bisous 😘 aylin", "liefs, ❤️
# an"), and "from" ("groetjes van sanne", "bisous de la part de nath"); or a dash after a
# sentence of three words or more, the only dash on its line ("nog eens checken aub — jeroen";
# not "zaventem - sofia", "velouté - dinde - charlotte").
SIGNED_OFF = re.compile(
    r"\b(?:mvg|vg|groetjes|groeten|groet|grtz|grtjs|kusjes|liefs|bisous|bises|biz|amitiés|"
    rf"amities|cordialement|cdlt|regards|cheers|xx|xxx)(?:{EMOJI_GAP.pattern})?[ \u00a0]*"
    rf"[,\u2014\u2013-]?(?:{EMOJI_GAP.pattern})?(?:[ \u00a0]*\b(?:van|from|de la part de|de))?"
    r"[ \u00a0\n]*$",
    re.IGNORECASE,
)
# What chat writes after a sign-off that is no one: kisses, thanks, "you", "ok", laughter.
CHAT_TAILS = frozenset(
    """xx xxx xo xoxo bb bbs bsx tt ty thx tnx pls plz stp svp u me ok okay mdr lol ptdr jsp
    slt cc bye biz kiss kus idk omg fyi btw nvm asap us innit deffo askip chuis bizous""".split()
)
# What a phone's chat puts before a clause: "amai roos heeft", "allez pierre a tout rangé".
INTERJECTIONS = frozenset(
    "amai amaai allez wauw wow waw oh ah oei oeps oups ohlala olala yay".split()
)
DASH_BEFORE = re.compile(r"[ \u00a0][\u2014\u2013-][ \u00a0]*$")
DASHES = ("\u2014", "\u2013", " - ")
# Before a lower-case first name that did something, what makes it a thing or a place: an
# article or determiner ("de stella die", "la milka qui", "the nonna who"), a saint, an
# institution or a royal ("st luc a", "az monica heeft", "reine fabiola a").
NOT_A_SUBJECT = (
    ARTICLES
    | FRENCH_DETERMINERS
    | SAINTS
    | INSTITUTION_WORDS
    | frozenset("ste reine koningin queen king roi prinses princess".split())
)
# ... and first names that, in lower case in chat, are a voice assistant, a care robot or a
# greeting or chat slang ("alexa played white noise", "zora danced", "ayo, who's got the keys",
# "ewa, t'as vu le planning").
NOT_SUBJECTS = frozenset("alexa siri zora pepper cortana ayo ola hola ewa".split())
# ... and first names that are words chat borrows in each of the three languages, whichever
# the post is in: slang, idioms, a month, places and brands ("kinda sus", "roger!", "carte
# blanche", "verdient een oscar", "in jan", "speelt toto", "teddy", "naar milan").
BORROWED_WORDS = frozenset(
    """sus roger oscar sky jean mon guy jan toto teddy angel milan nancy florence victoria
    blanche mercy""".split()
)
# ... nor after a number ("deux gilles de Binche", "twee lucas-toestellen"), nor a song, a show
# or a game right after the verb that plays it ("a chanté aline", "the choir sang suzanne",
# "we speelden patience").
NUMBER_WORDS = frozenset(
    """twee drie vier vijf zes zeven acht negen tien deux trois quatre cinq six sept huit neuf
    dix two three four five six seven eight nine ten""".split()
)
# ... nor after a possessive that owns things rather than people ("haar jasmine thee", "your
# charlotte in theatre"; "onze lotte", "notre julie" are colleagues, and "je", "zijn" are verbs
# and subjects too: "heb je lotte gezien?").
OWNING = frozenset("haar jouw mijn m'n z'n uw his her your my their its".split())
# Before a title, what makes it a thing's: "de dame blanche", "our sister ward", "le père noël".
DETERMINERS = ARTICLES | OWNING | FRENCH_DETERMINERS | frozenset("our onze ons notre".split())
# ... and before kin, what makes it no title: "haar mama", "zijn vrouw", "sa maman", "the mama".
BEFORE_KIN_NOT_A_TITLE = DETERMINERS | frozenset("zijn hun".split())
PLAYED_BY = frozenset(
    """zong zongen zingt zingen speelde speelden speelt spelen luisterde luisterden draaide
    draaiden chanté chantait chante chantaient chanter joué jouait écouté écoutait regardé
    regardait sang sing sings singing played playing listened watched watching hummed humming
    fredonnait fredonné""".split()
)
# Things called after people, in the three languages: idioms, songs, shows, brands and dishes
# ("klaar is kees", "grace period", "hail mary", "fleur de sel", "pierre marcolini"). Kept as
# they are, as the greetings whose second word is a name ("Eid Said", "Christmas Eve").
PHRASES_WITH_NAMES = (
    "Eid Mubarak|Eid Moubarak|Eid Said|Eid Saïd|Aïd Mubarak|Aïd Moubarak|Aïd Said|Aïd Saïd|"
    "Aid Mubarak|Aid Said|Christmas Eve|New Year's Eve|New Year\u2019s Eve|"
    "grace period|amazing grace|saving grace|meet and greet|meet & greet|said no one ever|"
    "pierre qui roule|"
    "hail mary|bloody mary|mary poppins|christmas carol|free willy|robin hood|cup of joe|"
    "jane doe|john doe|harry potter|peace lily|peter pan|billie jean|billy jean|jack russell|"
    "union jack|jumping jack|tom and jerry|tom & jerry|peeping tom|doubting thomas|dear john|"
    "even steven|sofia the first|charlie brown|charlie hebdo|fanny pack|bobby pins?|timothy hay|"
    "kobe beef|lazy susan|mamma mia|sweet caroline|negative nancy|chatty cathy|"
    "klaar is kees|pietje precies|ongelovige thomas|hans en grietje|jan en alleman|jan modaal|"
    "jan met de pet|suske en wiske|jip en janneke|peppa big|piet piraat|bob de bouwer|"
    "tony's chocolonely|tony\u2019s chocolonely|otto bock|sara stedy|jules destrooper|"
    "pierre marcolini|hugo spritz|"
    "faire fanny|fait fanny|titi et grosminet|ave maria|fleur de sel|bonne maman|biscuits? marie|"
    "marie biscuits?|salade olivier|olivier salad|prise jack|filet de lotte|"
    "jozef en maria|maria en jozef|mary and joseph|joseph and mary|joseph et marie|"
    "marie et joseph|george en peppa|george and peppa|george et peppa|big bertha|"
    "charlie and the chocolate factory|charlie en de chocoladefabriek"
)
# Days and months as chat shortens them, before a time, a date or a part of the day ("rdv sam a
# 10h", "jan 12", "dispo sam soir"): no one there, though Sam and Jan are names.
CALENDAR_SHORT = frozenset(
    "sam dim lun mer jeu ven jan feb mar apr jun jul aug sep okt oct nov dec".split()
)
TIME_AFTER = re.compile(
    r"[ \u00a0]+(?:(?:(?:a|à|om|at|le|de)[ \u00a0]+)?\d|(?:soir|matin|midi|aprem|avond|ochtend|"
    r"middag|morning|evening|night)(?![^\W\d_]))"
)
# After a lower-case first name: who they are or what they did, in a relative clause or with
# the pronoun repeated, as chat and dictation have it ("sami qui a ramené", "sanne die bleef",
# "ayoub who got", "nathan il a vu").
SUBJECT_AFTER = re.compile(
    r"[ \u00a0]+(?:qui|die|who|(?:il|elle)[ \u00a0]+(?:a|avait|est)|(?:hij|zij|ze)[ \u00a0]+"
    r"(?:heeft|had|is|was))(?![^\W\d_])"
)
# Articles that French never writes after "à" (it writes "au", "aux"): "à Le Roy" is a name.
NOT_AFTER_A = frozenset({"le", "les", "du"})
# Greetings and praise before a rarer first name in lower case that is no word: "yo oumaima",
# "hoi grzegorz", "well done yusuf", "bien joué imane" (a word there may be anything: "hey mdr",
# "goed gedaan seg").
GREETINGS = frozenset("hoi hallo hello hi hey salut coucou bonjour slt yo hiya".split())
GREETED_OR_PRAISED = GREETINGS | frozenset("done gedaan joué".split())
# Singling out one of those thanked: "esp dawn, who made the cake", "surtout pierre, tu".
SINGLED_OUT = frozenset("especially esp specially surtout vooral".split())
# Words of affection before a first name: "ma chérie sophie", "lieve sofie", "dear tom".
ENDEARMENTS = frozenset("lieve liefste dear dearest cher chère chéri chérie".split())
# Before a common first name that is a word too, typed in lower case ("merci guy", "hoi roger").
THANKS_AND_GREETINGS = THANKS_LEADS | GREETINGS | ENDEARMENTS
# Right before a name said to someone: "tkt pierre, t'as été solide", "esp dawn, who made".
ADDRESSING = THANKS_AND_GREETINGS | SINGLED_OUT | frozenset({"tkt"})
# ... and before a first name found capitalised in the post, typed again in lower case at a
# clause's end: praise as chat says it ("Respect roos ❤️", "Top lies!", "legend hope").
PRAISED_AGAIN = ADDRESSING | PRAISED | frozenset("respect top legend knap".split())
# ... and before a common first name that is no word: kin and affection ("zijn zoon jens",
# "ma chérie sophie").
NAME_OR_KIN_LEADS = NAME_LEADS | KIN_NOUNS | ENDEARMENTS
# Thanks, greetings and praise that a comma may part from a name in lower case ("merci, sophie
# !", "dank je wel, lotte", "hoi, jan", "goed gedaan, jens"), and the comma as typed ("merci ,
# jelle").
COMMA_LEADS = THANKS_AND_GREETINGS | PRAISED
COMMA_GAP = re.compile(r"[ \u00a0]?,[ \u00a0]{0,2}")
# ... but not these, which follow thanks and greetings as words: "bedankt ben je er morgen?",
# "merci à mon équipe", "bedankt lieve collega's", "hi hope you're well", "ok merci parfait !".
NOT_GREETED = frozenset({"ben", "mon", "lieve", "hope", "parfait"})
# After thanks, the end of the thanks: what a name that is a word too is followed by there
# ("thanks will 🙏", "merci blanche pour"; not "thanks, will do"), or "en", "et", "and" and
# another first name ("merci lot en pien"; not "dank aan bakker en iedereen").
THANKED_END = re.compile(
    r"[ \u00a0]*(?:$|[^\w\s'\u2019-]|(?:for|pour|pr|voor|vr|om|de|d['\u2019]|(?P<pair>en|et|and))"
    r"(?![^\W\d_]))"
)
# A comma after a name, then the one it is said to, or who they are: "tkt pierre, t'as été
# solide", "esp dawn, who made the cake", "esp will who carried".
ADDRESSED_AFTER = re.compile(
    r"(?:,[ \u00a0]*(?:t['\u2019]|(?:tu|ge|gij|you)(?![^\W\d_]))"
    r"|,?[ \u00a0]+(?P<who>who|qui)(?=[ \u00a0]+[^\W\d_]))",  # not "said who? everyone"
    re.IGNORECASE,
)
# "+1" before a name, as a reply seconds the thanks ("+1 nathalie", "+1 for grace,"), and
# "idem", "same" opening the reply or a clause ("idem pour sandrine", "same for stefanie"; not
# "dezelfde toon", "the same ward").
SECONDED = re.compile(
    r"(?:\+1|(?:^|(?<=[.!?;:,\n]))[ \u00a0]*(?:idem|same|ditto|pareil|zelfde))"
    r"[ \u00a0]+(?:(?:for|voor|pour|aan|à|a|to)[ \u00a0]+)?$"
)
# ... and what the reply says of them: "+1 dries is goud waard", "+1 sam est top".
IS_AFTER = re.compile(r"[ \u00a0]+(?:is|was|est|était)(?![^\W\d_])")
# Thanks addressed "to / à / aan" someone, then why or who ("merci à gloire de nous avoir ...",
# "big thanks to pierre for", "shoutout to divine who sang"): the word between is someone.
THANKED_TO = frozenset("à a aan to".split())
WHY_OR_WHO_AFTER = re.compile(
    r"[ \u00a0]+(?:(?P<person>who|qui|die"
    r"|de[ \u00a0]+(?:nous|vous|m['\u2019]|t['\u2019]|l['\u2019]|lui|leur|leurs)"
    r"|d['\u2019](?:avoir|être|etre))|de|d['\u2019]|pour|voor|om|for)(?![^\W\d_])"
)
# ... but not these, which follow thanks as words: "thanks mate!", "merci bien !", "thanks a
# lot for", "thanks love", "thanks doc", "merci petit", "thanks angel", "merci, chérie 😘",
# "merci, fiston".
NOT_THANKED = NOT_GREETED | frozenset(
    """mate man love babe lot bien doc buddy pal darling doctor les amie beste lord jesus om
    allen too ever again god petit angel chérie cherie fiston""".split()
)
# Small words between thanks and a name: "dank je wel jan", "merci beaucoup à sophie",
# "thank you so much yonas".
LEAD_LINKS = frozenset("je u aan à a to you wel beaucoup bcp bien so much very".split())
MAX_LINKS = 3
# Words between thanks and the comma before a name: "merci pour tout, camille", "thanks again,
# priya", "goed gedaan vannacht, jens".
COMMA_LINKS = LEAD_LINKS | frozenset(
    """voor pour for alles tout everything all again encore nogmaals toi jou lot vannacht
    tonight""".split()
)
NOT_NAMES = frozenset(
    """mango moment moments slack teams kerstmis kerst pasen noël noel christmas easter
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag lundi mardi mercredi jeudi
    vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday""".split()
)
