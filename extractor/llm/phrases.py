"""The keyword tables grounding uses: phrases that support an enum value, cue words that must
sit near a field's evidence, and the words for pay periods, currencies and years. Patterns are
regular expressions matched case-insensitively as whole words; extend a table to teach
grounding a new language or phrasing.
"""

from __future__ import annotations

import re

WORKPLACE_PHRASES: dict[str, tuple[str, ...]] = {
    "remote": (
        r"remote(?:ly)?",
        r"anywhere",
        r"work(?:ing)?\s+from\s+home",
        r"wfh",
        r"t[ée]l[ée]travail",
        r"teletrabajo",
        r"remoto",
        r"home\s?-?office",
        r"telecommut\w*",
        r"fully\s+distributed",
    ),
    "hybrid": (r"hybrid", r"hybride", r"h[íi]brido"),
    "onsite": (
        r"on-?\s?site",
        r"in[- ]office",
        r"office[- ]based",
        r"vor\s+ort",
        r"pr[ée]sentiel",
        r"presencial",
    ),
}
SENIORITY_PHRASES: dict[str, tuple[str, ...]] = {
    "intern": (r"intern(?:ship)?", r"praktik\w*", r"stagiaire", r"pr[áa]cticas"),
    "entry": (r"junior", r"jr\.?", r"graduate", r"entry[- ]level", r"associate", r"trainee"),
    "mid": (r"mid[- ]?level", r"intermediate", r"[A-Za-z]+\s+II", r"mid[- ]senior"),
    "senior": (r"senior", r"sr\.?", r"[A-Za-z]+\s+III", r"s[ée]nior"),
    "lead": (r"lead", r"staff", r"principal", r"distinguished", r"tech\s+lead"),
    "manager": (r"manager", r"managing\s+a\s+team", r"people\s+management", r"teamleit\w*"),
    "director": (r"director", r"head\s+of", r"directeur", r"directora?"),
    "executive": (
        r"vp",
        r"vice\s+president",
        r"chief\s+\w+\s+officer",
        r"c[teofi]o",
        r"c-level",
    ),
}
EMPLOYMENT_PHRASES: dict[str, tuple[str, ...]] = {
    "FULL_TIME": (
        r"full[- ]?time",
        r"vollzeit",
        r"temps\s+plein",
        r"tiempo\s+completo",
        r"jornada\s+completa",
        r"permanent",
    ),
    "PART_TIME": (
        r"part[- ]?time",
        r"teilzeit",
        r"temps\s+partiel",
        r"medio\s+tiempo",
        r"media\s+jornada",
    ),
    "CONTRACTOR": (
        r"contract(?:or)?",
        r"freelanc\w*",
        r"b2b",
        r"self[- ]employed",
        r"independent",
        r"auto[- ]?entrepreneur",
    ),
    "TEMPORARY": (r"temporary", r"fixed[- ]term", r"befristet\w*", r"cdd", r"temporal"),
    "INTERN": (r"intern(?:ship)?", r"praktik\w*", r"stage", r"pr[áa]cticas", r"werkstudent\w*"),
    "VOLUNTEER": (r"volunteer\w*", r"b[ée]n[ée]vol\w*"),
    "PER_DIEM": (r"per\s+diem",),
    "OTHER": (),
}
EDUCATION_PHRASES: dict[str, tuple[str, ...]] = {
    "none": (r"no\s+degree", r"degree\s+(?:is\s+)?not\s+required", r"without\s+a\s+degree"),
    "high_school": (r"high\s+school", r"ged", r"secondary\s+school", r"abitur", r"baccalaur[ée]at"),
    "associate": (r"associate(?:'s)?\s+degree", r"adn", r"associate\s+of"),
    "bachelor": (
        r"bachelor(?:'s|s)?",
        r"b\.?\s?sc?\.?",
        r"b\.?a\.?",
        r"undergraduate\s+degree",
        r"licence",
        r"licenciatura",
        r"grado",
        r"university\s+degree",
    ),
    "master": (r"master(?:'s|s)?", r"m\.?\s?sc?\.?", r"mba", r"m\.a\.", r"graduate\s+degree"),
    "doctorate": (r"ph\.?\s?d\.?", r"doctorate", r"doctoral", r"promotion", r"doctorado"),
}
STATUS_CLOSED = (
    r"no\s+longer\s+(?:open|accepting|available|taking)",
    r"(?:position|job|posting|vacancy|role)\s+(?:is\s+|has\s+been\s+)?(?:closed|filled|expired)",
    r"applications?\s+(?:are\s+)?closed",
    r"expired",
)
NEGATION = re.compile(
    r"\b(?:no|not|unable|cannot|can't|can’t|won't|don't|do\s+not|will\s+not|without|nor|never)\b"
    r"|n't\b",
    re.IGNORECASE,
)
SPONSOR = re.compile(r"sponsor\w*|visa", re.IGNORECASE)

REGION_PHRASES: dict[str, tuple[str, ...]] = {
    "Worldwide": (r"worldwide", r"anywhere", r"global(?:ly)?", r"any\s+country"),
    "Americas": (r"americas",),
    "North America": (r"north\s+america\w*",),
    "Latin America": (r"latin\s+america\w*", r"latam", r"latinoam[ée]rica"),
    "Europe": (r"europe\w*", r"europa", r"cet", r"cest"),
    "EU": (r"eu", r"european\s+union", r"union\s+europ[ée]enne"),
    "EMEA": (r"emea",),
    "APAC": (r"apac", r"asia[- ]pacific"),
    "Africa": (r"africa\w*", r"afrique"),
    "Middle East": (r"middle\s+east", r"mena"),
    "Oceania": (r"oceania", r"australia\s+(?:and|&)\s+new\s+zealand", r"anz"),
}

PERIOD_PHRASES: dict[str, tuple[str, ...]] = {
    "HOUR": (r"hour\w*", r"hr", r"/\s?h", r"stunde\w*", r"heure", r"hora"),
    "DAY": (r"day", r"daily", r"per\s+diem", r"tag\w*", r"jour\w*", r"d[íi]a"),
    "WEEK": (r"week\w*", r"wk", r"woche\w*", r"semaine", r"semana"),
    "MONTH": (r"month\w*", r"mo", r"monat\w*", r"mois", r"mes", r"mensual\w*", r"mensuel\w*"),
    "YEAR": (
        r"year\w*",
        r"annual\w*",
        r"annum",
        r"yr",
        r"p\.?a\.?",
        r"jahr\w*",
        r"brutto",
        r"an",
        r"ann[ée]e",
        r"a[ñn]o",
        r"anual",
        r"\d+\s?[kK]",
        r"lakhs?",
        r"lpa",
    ),
}
CURRENCY_PHRASES: dict[str, tuple[str, ...]] = {
    "USD": (r"\$", r"usd", r"dollars?"),
    "EUR": (r"€", r"eur", r"euros?"),
    "GBP": (r"£", r"gbp", r"pounds?"),
    "INR": (r"₹", r"inr", r"rs\.?", r"lakhs?", r"lpa", r"crores?"),
    "JPY": (r"¥", r"jpy", r"円", r"yen"),
    "CNY": (r"¥", r"cny", r"rmb", r"元", r"yuan"),
    "RUB": (r"₽", r"rub", r"rur", r"руб\w*"),
    "CHF": (
        r"chf",
        r"fr\.",
    ),
    "PLN": (r"pln", r"zł", r"zl"),
    "CAD": (r"cad", r"c\$", r"ca\$"),
    "AUD": (r"aud", r"a\$", r"au\$"),
}

# Fields whose evidence must sit near a cue: (cue pattern, characters before, after). A bare
# match is not enough there: a small model calls any team-like name a department, any pay a
# third-party estimate, any date a deadline, any skill a nice-to-have.
CUES: dict[str, tuple[str, int, int]] = {
    "department": (
        r"team|department|dept|group|division|unit|squad|tribe|org|abteilung|bereich|"
        r"équipe|pôle|direction|equipo|área|departamento",
        60,
        60,
    ),
    "salary_estimate": (
        r"estimat\w*|schätz\w*|estim\w*|average|typical|median|similar\s+(?:jobs|roles)|"
        r"market\s+rate|glassdoor|payscale|levels\.fyi|promedio|moyenne|durchschnitt\w*",
        200,
        120,
    ),
    "valid_through": (
        r"until|deadline|clos\w*|apply\s+by|expir\w*|valid|bis|frist|jusqu\w*|date\s+limite|"
        r"hasta|plazo|vence",
        80,
        10,
    ),
    "nice_to_have": (
        r"nice[- ]to[- ]have|prefer\w*|bonus|plus|ideal\w*|wünschenswert|von\s+vorteil|"
        r"idéalement|atout|deseable|valora\w*",
        3000,
        0,
    ),
    "benefits": (
        r"benefits?|perks|we\s+offer|what\s+you\s+get|wir\s+bieten|vorteile|avantages|"
        r"nous\s+offrons|ofrecemos|beneficios|what's\s+in\s+it",
        4000,
        0,
    ),
}

YEARS_WORD = r"(?:years?|yrs?|jahre?n?|años?|ans|anni|anos?|лет|год\w*)"
