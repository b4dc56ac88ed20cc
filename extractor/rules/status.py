"""Rule for status: ``closed`` where the text says the job no longer takes applications.

SPEC defines status as ``closed`` where the document says so and ``open`` otherwise, and its
gold labels an ordinary posting ``open``. So ``open`` is not a guess but the contract's default:
the rule proposes it (with no span, since no text supports it) unless a structured source
already states a status, which would only make the merge warn of a conflict with a default.
"""

from __future__ import annotations

import re

from extractor.candidates import Candidate
from extractor.rules import RuleContext, rule_candidate
from extractor.rules.prefilter import AlternationScanner

_JOB = (
    r"(?:job|position|role|vacancy|posting|opening|job\s+posting|job\s+offer|listing|"
    r"requisition|job\s+ad)"
)

_CLOSED = re.compile(
    r"(?:"
    # English
    rf"\b(?:this|the)\s+{_JOB}\s+(?:is\s+)?(?:no\s+longer\s+(?:open|available|active|listed)"
    r"|has\s+(?:been\s+)?(?:filled|closed|expired)|is\s+(?:closed|filled|expired)"
    r"|(?:was|has\s+been)\s+(?:removed|taken\s+down|archived))"
    r"|\bno\s+longer\s+(?:accepting|taking|receiving)\s+(?:new\s+)?applications"
    r"|\b(?:applications|hiring)\s+(?:for\s+this\s+\w+\s+)?(?:are|is|have|has)\s+"
    r"(?:now\s+)?closed"
    r"|\bposition\s+(?:has\s+been|is)\s+filled"
    r"|^\s{0,4}(?:job|position|posting)\s+(?:expired|closed|filled)\s{0,4}$"
    # German
    r"|\bdiese\s+(?:Stelle|Stellenanzeige|Anzeige|Position|Ausschreibung)\s+ist\s+"
    r"(?:leider\s+)?(?:nicht\s+mehr\s+(?:verfügbar|aktiv|online|offen|ausgeschrieben)"
    r"|bereits\s+besetzt|besetzt|abgelaufen|geschlossen)"
    r"|\b(?:Stelle|Position)\s+(?:wurde|ist)\s+(?:bereits\s+)?besetzt"
    r"|\bBewerbungen\s+(?:werden\s+)?(?:sind\s+)?nicht\s+mehr\s+(?:angenommen|möglich)"
    # Spanish
    r"|\b(?:esta|la)\s+(?:oferta|vacante|posición|convocatoria)(?:\s+de\s+empleo)?\s+"
    r"(?:ya\s+)?(?:no\s+está\s+(?:disponible|activa)|ha\s+(?:sido\s+cubierta|caducado|expirado"
    r"|finalizado)|está\s+(?:cerrada|cubierta))"
    r"|\bya\s+no\s+(?:se\s+)?(?:aceptan|acepta|admite|admiten)\s+(?:más\s+)?"
    r"(?:candidaturas|solicitudes|postulaciones)"
    # French
    r"|\b(?:cette|l['’])\s{0,4}(?:offre|annonce|poste)(?:\s+d['’]emploi)?\s+"
    r"(?:n['’]est\s+plus\s+(?:disponible|active|en\s+ligne|ouverte)|a\s+(?:été\s+pourvue?"
    r"|expiré)|est\s+(?:pourvue?|expirée|clôturée|fermée))"
    r"|\b(?:ce\s+)?poste\s+(?:a\s+été|est)\s+(?:déjà\s+)?pourvu"
    r"|\bles\s+candidatures\s+sont\s+(?:closes|clôturées|fermées)"
    r")",
    re.IGNORECASE | re.MULTILINE,
)


# Runs only the alternatives whose words the text holds; the first match is the same.
_CLOSED_SCANNER = AlternationScanner(_CLOSED)


def RULE(context: RuleContext) -> list[Candidate]:
    """``closed`` with the sentence that says so; otherwise ``open`` as SPEC's default."""
    if context.known.get("status"):
        return []
    match = next(_CLOSED_SCANNER.finditer(context.text), None)
    if match:
        return [rule_candidate("status", "status", "closed", match.span())]
    return [rule_candidate("status", "status", "open", None)]
