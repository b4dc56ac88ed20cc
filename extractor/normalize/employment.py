"""Employment types into schema.org's values (SPEC section 1)."""

from __future__ import annotations

import re

from extractor.schema import EMPLOYMENT_TYPES

# Keys are folded: lower case, runs of space, "-" and "_" as one space.
_ALIASES: dict[str, str] = {
    "full time": "FULL_TIME",
    "fulltime": "FULL_TIME",
    "permanent": "FULL_TIME",
    "regular": "FULL_TIME",
    "vollzeit": "FULL_TIME",
    "temps plein": "FULL_TIME",
    "temps complet": "FULL_TIME",
    "cdi": "FULL_TIME",
    "tiempo completo": "FULL_TIME",
    "jornada completa": "FULL_TIME",
    "full": "FULL_TIME",
    "fulltime permanent": "FULL_TIME",
    "tam zamanlı": "FULL_TIME",
    "常勤": "FULL_TIME",
    "正社員": "FULL_TIME",
    "полный день": "FULL_TIME",
    "fulltid": "FULL_TIME",
    "heltid": "FULL_TIME",
    "part time": "PART_TIME",
    "parttime": "PART_TIME",
    "teilzeit": "PART_TIME",
    "temps partiel": "PART_TIME",
    "medio tiempo": "PART_TIME",
    "media jornada": "PART_TIME",
    "tiempo parcial": "PART_TIME",
    "パート": "PART_TIME",
    "アルバイト": "PART_TIME",
    "yarı zamanlı": "PART_TIME",
    "deltid": "PART_TIME",
    "частичная занятость": "PART_TIME",
    "contract": "CONTRACTOR",
    "contractor": "CONTRACTOR",
    "freelance": "CONTRACTOR",
    "freelancer": "CONTRACTOR",
    "b2b": "CONTRACTOR",
    "consultant": "CONTRACTOR",
    "contrato": "CONTRACTOR",
    "契約社員": "CONTRACTOR",
    "1099": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "temp": "TEMPORARY",
    "fixed term": "TEMPORARY",
    "befristet": "TEMPORARY",
    "cdd": "TEMPORARY",
    "seasonal": "TEMPORARY",
    "temporal": "TEMPORARY",
    "временная": "TEMPORARY",
    "проектная работа": "TEMPORARY",
    "intern": "INTERN",
    "internship": "INTERN",
    "praktikum": "INTERN",
    "stage": "INTERN",
    "prácticas": "INTERN",
    "practicas": "INTERN",
    "werkstudent": "INTERN",
    "trainee": "INTERN",
    "стажировка": "INTERN",
    "staj": "INTERN",
    "volunteer": "VOLUNTEER",
    "ehrenamt": "VOLUNTEER",
    "bénévolat": "VOLUNTEER",
    "волонтерство": "VOLUNTEER",
    "per diem": "PER_DIEM",
    "perdiem": "PER_DIEM",
    "prn": "PER_DIEM",
    "other": "OTHER",
    "全职": "FULL_TIME",
    "全職": "FULL_TIME",
    "兼职": "PART_TIME",
    "兼職": "PART_TIME",
    "实习": "INTERN",
    "實習": "INTERN",
    "インターン": "INTERN",
    "派遣社員": "TEMPORARY",
    "полная занятость": "FULL_TIME",
    "стажёр": "INTERN",
    "tempo integral": "FULL_TIME",
    "meio período": "PART_TIME",
    "tempo parziale": "PART_TIME",
    "tempo pieno": "FULL_TIME",
    "estágio": "INTERN",
    "tirocinio": "INTERN",
    "minijob": "PART_TIME",
    "festanstellung": "FULL_TIME",
    "freie mitarbeit": "CONTRACTOR",
}


def _fold(value: str) -> str:
    return re.sub(r"[\s_\-]+", " ", value.strip().lower())


def normalize_employment_type(value: object) -> list[str]:
    """schema.org employment types from a string, a comma list or a list of either."""
    if value is None:
        return []
    items: list[object] = list(value) if isinstance(value, list | tuple) else [value]
    found: list[str] = []
    for item in items:
        if not isinstance(item, str):
            continue
        for part in re.split(r"[,/;|]| or | and ", item):
            folded = _fold(part)
            if not folded:
                continue
            upper = folded.upper().replace(" ", "_")
            kind = upper if upper in EMPLOYMENT_TYPES else _ALIASES.get(folded)
            if kind and kind not in found:
                found.append(kind)
    return found
