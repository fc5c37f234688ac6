"""Closed word classes the rules read: articles, head nouns, roles, titles, organisation heads.

These are grammar of German administrative prose, not facts about particular documents.
"""

from __future__ import annotations

import re

from ikz_extract.nlp.resources import Level

# An article or article-bearing preposition right before a capitalised word makes it a common
# noun ("das Münster", "die Lage", "beim Essen"), never a bare place name.
ARTICLES = frozenset({
    "der", "die", "das", "dem", "den", "des", "ein", "eine", "einem", "einen", "einer",
    "eines", "im", "am", "beim", "zum", "zur", "vom", "ins", "ans", "aufs", "unser", "unsere",
    "unserem", "unseren", "unserer", "ihr", "ihre", "ihrem", "ihren", "ihrer", "sein", "seine",
    "seinem", "seinen", "seiner", "dieser", "diese", "dieses", "diesem", "diesen", "jede",
    "jeder", "jedes", "kein", "keine", "viel", "viele", "mehr", "gutes", "gute", "schlechtes",
})  # fmt: skip

# Closed word classes (prepositions, conjunctions, pronouns, sentence adverbs): a capitalised
# one at a sentence start is never a surname ("Peter Hartz Durch …").
CLOSED_CLASS = frozenset({
    "ab", "an", "auf", "aus", "bei", "bis", "durch", "für", "gegen", "hinter", "in", "mit",
    "nach", "neben", "ohne", "seit", "um", "unter", "über", "von", "vor", "während", "wegen",
    "zu", "zwischen", "trotz", "statt", "laut", "per", "pro", "und", "oder", "aber", "denn",
    "doch", "sondern", "wenn", "als", "wie", "so", "da", "dann", "auch", "noch", "nur",
    "schon", "hier", "dort", "heute", "morgen", "gestern", "nun", "jetzt", "immer", "nie",
    "sie", "er", "es", "wir", "ich", "du", "man", "wer", "was", "wo", "dass", "ob", "weil",
    "damit", "daher", "deshalb", "zudem", "außerdem", "bereits", "nicht", "mehr", "sehr",
    "the", "of", "and", "for", "to", "with", "on", "at", "by", "from",
})  # fmt: skip

# Prepositions after which a capitalised ambiguous name reads as a place ("in Senden").
PLACE_PREPOSITIONS = frozenset({"in", "aus", "nach", "bei", "von", "zwischen", "über"})

# Tokens that join the members of an enumeration.
ENUM_JOINERS = frozenset({",", "und", "sowie", "oder", "bzw.", "/", "&", "u."})

# Head nouns before a place name, by the level they assert; plural ones distribute over an
# enumeration ("die Kreise Borken, Coesfeld und Steinfurt").
_HEADS: dict[Level, tuple[list[str], list[str]]] = {
    "MUNICIPALITY": (
        ["stadt", "gemeinde", "hansestadt", "kreisstadt", "universitätsstadt", "bundesstadt",
         "landeshauptstadt", "hochschulstadt", "großstadt", "mittelstadt", "kleinstadt",
         "kommune", "markt", "marktgemeinde", "ortsgemeinde", "stadtgemeinde", "flecken",
         "nachbarstadt", "nachbargemeinde", "nachbarkommune", "partnerstadt", "mitgliedskommune",
         "stadtverwaltung", "gemeindeverwaltung"],
        ["städte", "städten", "gemeinden", "kommunen", "hansestädte", "nachbarstädte",
         "nachbargemeinden", "nachbarkommunen", "mitgliedskommunen", "partnerkommunen",
         "umlandkommunen", "städte/gemeinden"],
    ),
    "DISTRICT": (
        ["kreis", "kreises", "landkreis", "landkreises", "partnerkreis", "partnerkreises",
         "nachbarkreis", "nachbarkreises", "kreisgebiet", "kreisgebietes"],
        ["kreise", "kreisen", "landkreise", "landkreisen", "nachbarkreise", "nachbarkreisen",
         "partnerkreise", "partnerkreisen"],
    ),
    "GOV_REGION": (
        ["regierungsbezirk", "regierungsbezirks", "regierungsbezirkes", "reg.-bez."],
        ["regierungsbezirke", "regierungsbezirken"],
    ),
}  # fmt: skip
SINGULAR_HEADS: dict[str, Level] = {w: lvl for lvl, (sg, _) in _HEADS.items() for w in sg}
PLURAL_HEADS: dict[str, Level] = {w: lvl for lvl, (_, pl) in _HEADS.items() for w in pl}
# Heads that describe an administration rather than the territory: still the place's key,
# but an organisation rule may claim them ("Stadtverwaltung Münster").
ADMIN_HEADS = frozenset({"stadtverwaltung", "gemeindeverwaltung", "kreisgebiet", "kreisgebietes"})

# ---------------------------------------------------------------------------- persons
TITLE_RE = re.compile(
    r"^(?:Dr|Prof|PD|Mag|Dipl\.-[A-ZÄÖÜ][a-zäöü]+|Dr\.-Ing|Dr\.\s?med|Dr\.\s?rer\.\s?nat|"
    r"Dr\.\s?phil|Dr\.\s?jur|M\.\s?A|M\.\s?Sc|B\.\s?A|B\.\s?Sc|LL\.\s?M|h\.\s?c)\.?$"
)
HONORIFICS = frozenset({"Herr", "Herrn", "Frau", "Herren", "Frauen"})

# Role stems: the masculine singular form, its feminine form and the pieces a text may glue
# to them. Compounds are read by their last part (Klimaschutzmanager, Fachbereichsleiterin).
ROLE_STEMS: dict[str, str] = {
    "bürgermeister": "bürgermeisterin",
    "oberbürgermeister": "oberbürgermeisterin",
    "landrat": "landrätin",
    "regierungspräsident": "regierungspräsidentin",
    "regierungsvizepräsident": "regierungsvizepräsidentin",
    "stadtbaurat": "stadtbaurätin",
    "baurat": "baurätin",
    "stadtrat": "stadträtin",
    "kreisdirektor": "kreisdirektorin",
    "stadtdirektor": "stadtdirektorin",
    "gemeindedirektor": "gemeindedirektorin",
    "dezernent": "dezernentin",
    "beigeordneter": "beigeordnete",
    "beigeordnete": "beigeordnete",
    "kämmerer": "kämmerin",
    "geschäftsführer": "geschäftsführerin",
    "minister": "ministerin",
    "ministerpräsident": "ministerpräsidentin",
    "staatssekretär": "staatssekretärin",
    "manager": "managerin",
    "vorsitzender": "vorsitzende",
    "vorsitzende": "vorsitzende",
    "sprecher": "sprecherin",
    "leiter": "leiterin",
    "referent": "referentin",
    "koordinator": "koordinatorin",
    "beauftragter": "beauftragte",
    "beauftragte": "beauftragte",
    "präsident": "präsidentin",
    "direktor": "direktorin",
    "vorstand": "vorständin",
    "ortsvorsteher": "ortsvorsteherin",
    "abgeordneter": "abgeordnete",
    "abgeordnete": "abgeordnete",
    "wirtschaftsförderer": "wirtschaftsförderin",
    "planer": "planerin",
    "berater": "beraterin",
    "landesrat": "landesrätin",
    "kreisrat": "kreisrätin",
    "regierungsrat": "regierungsrätin",  # also Oberregierungsrat
    "ministerialrat": "ministerialrätin",
    "sekretär": "sekretärin",  # Generalsekretär
    "rektor": "rektorin",  # also Prorektor
    "chef": "chefin",  # Verwaltungschef, Behördenchef
    "gastgeber": "gastgeberin",  # ", Gastgeberin der Zukunftsmesse"
    "brandmeister": "brandmeisterin",  # Kreisbrandmeister
    "wehrführer": "wehrführerin",
}
_ROLE_ALT = "|".join(sorted({*ROLE_STEMS, *ROLE_STEMS.values()}, key=len, reverse=True))
# Gender and number endings: -in, -innen, *in, *innen, :in, _innen, /in, -en, -e, -s, -n.
_ROLE_TAIL = r"(?:[*:_/]?(?:in|innen|In|Innen)|innen|en|e|s|n)?"
_DEPUTY = r"(?:stellv\.-?|stellvertretende[rn]?-?)?"
ROLE_RE = re.compile(rf"^{_DEPUTY}(\w*?)({_ROLE_ALT}){_ROLE_TAIL}$", re.IGNORECASE)
# Feminine stems that differ from the masculine one (Landrät-, Kämmer-): gender forms and the
# feminine plural glue their ending to these (Landrät*innen, Stadtbaurät:in, Landrätinnen).
ROLE_GENDER_BASES: dict[str, str] = {
    f[:-2]: m for m, f in ROLE_STEMS.items() if f.endswith("in") and not f.startswith(m)
}
_BASE_ALT = "|".join(sorted(ROLE_GENDER_BASES, key=len, reverse=True))
ROLE_GENDER_RE = re.compile(
    rf"^{_DEPUTY}(\w*?)({_BASE_ALT})(?:[*:_/]?(?:in|innen|In|Innen))$", re.IGNORECASE
)
# A compound whose last part is a role but which is not one (Stadtplaner is; Bauleiter is;
# Sportdirektor …): only these first parts are refused.
NON_ROLE_PARTS = frozenset({"wetter", "bau", "zug", "lauf", "licht", "hoch", "draht"})

# Words between a role and the names it governs that do not break the link.
ROLE_FILLERS = frozenset({"(v.l.)", "v.l.", "(v.", "l.)", "(von", "links)", "die", "der",
                          "drei", "zwei", "vier", "beiden", "beide"})  # fmt: skip

# ---------------------------------------------------------------------------- organisations
LEGAL_FORMS = frozenset({
    "e.V.", "e. V.", "eV", "GmbH", "gGmbH", "mbH", "AG", "KG", "OHG", "AöR", "eG", "SE",
    "UG", "KdöR", "GbR", "PartG", "e.G.", "GmbH & Co. KG", "gAG", "Stiftung", "KGaA",
})  # fmt: skip
# Single tokens that open an organisation name ("Bezirksregierung Münster", "FH Münster").
ORG_PREFIX_HEADS = frozenset({
    "bezirksregierung", "kreisverwaltung", "stadtverwaltung", "gemeindeverwaltung",
    "regierungspräsidium", "landesregierung", "bundesregierung", "staatskanzlei", "fh",
    "fachhochschule", "hochschule", "universität", "uni", "tu", "rwth", "zweckverband",
    "verband", "landschaftsverband", "regionalverband", "verein", "stiftung", "sparkasse",
    "stadtwerke", "volksbank", "kreissparkasse", "handwerkskammer", "hwk", "ihk",
    "kreishandwerkerschaft", "jobcenter", "polizeipräsidium", "kreispolizeibehörde",
    "amtsgericht", "landgericht", "verwaltungsgericht", "volkshochschule", "vhs",
    "wirtschaftsförderung", "agentur", "energieagentur", "landesbetrieb", "stadtregion",
    "kreissportbund", "stadtsportbund", "landkreistag", "städtetag", "caritasverband",
    "diakonie", "klinikum", "gesellschaft", "genossenschaft", "netzwerk", "kommunalverband",
    "ministerium", "bundesministerium", "landesministerium", "staatsministerium", "bundesamt",
    "landesamt", "landesanstalt", "bundesagentur", "akademie", "institut", "zentrum",
    "gemeindeprüfungsanstalt", "lenkungskreis", "klimakreis", "arbeitskreis",
})  # fmt: skip
# Compound endings that make a token an organisation head of the same kind.
ORG_HEAD_SUFFIXES = ("regierung", "verwaltung", "verband", "verein", "gesellschaft", "agentur",
                     "kammer", "schaft", "hochschule", "universität", "akademie", "institut",
                     "stiftung", "genossenschaft", "werke", "bank", "kasse", "gericht",
                     "ministerium", "präsidium", "netzwerk", "zentrum", "bund", "klimakreis",
                     "anstalt", "betrieb", "behörde", "amt", "tag", "theater", "bühne",
                     "museum", "galerie", "verlag", "klinik", "schule", "kolleg",
                     "bildstelle", "festival", "filmfest")  # fmt: skip
# Words that form names after an organisation head although they are common ("IHK Nord
# Westfalen").
COMPASS_WORDS = frozenset({"Nord", "Süd", "Ost", "West", "Nordwest", "Südwest", "Nordost",
                           "Südost", "Mitte", "Nieder", "Ober", "Mittel"})  # fmt: skip

# Connectors allowed inside a multi-word organisation name.
ORG_CONNECTORS = frozenset({"für", "zur", "zum", "der", "des", "und", "&", "von", "im", "in",
                            "an", "am", "-"})  # fmt: skip
# Organisations commonly named without any of the cues above.
KNOWN_ORGS = (
    "Vereinte Nationen",
    "Vereinten Nationen",
    "Europäische Union",
    "Europäischen Union",
    "Europäische Kommission",
    "Europäischen Kommission",
    "Landschaftsverband Westfalen-Lippe",
    "LWL",
    "LVR",
    "Städte- und Gemeindebund NRW",
    "Deutscher Städtetag",
    "Deutschen Städtetag",
    "Deutscher Landkreistag",
    "Landkreistag NRW",
    "EUREGIO",
    "Bundesagentur für Arbeit",
    "NRW.BANK",
    "IT.NRW",
    "IT. NRW",
)
