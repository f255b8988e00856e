"""The words of the digest in Dutch, French and English (by the organisation's language)."""

import datetime as dt
from typing import Final

from schemas import Language

MESSAGES: Final[dict[Language, dict[str, str]]] = {
    Language.NL: {
        "brand": "Mangomomenten",
        "week": "week",
        "moment": "moment",
        "moments": "momenten",
        "subject_partners": "voor partners",
        "intro_board": "Wat teams van {org} in week {week} ({dates}) voor patiënten, naasten en "
        "collega's deden.",
        "intro_partners": "Goede praktijken en momenten die medewerkers van {org} in week {week} "
        "({dates}) met u delen, zonder namen.",
        "empty": "In week {week} werden geen momenten gedeeld.",
        "total": "Momenten",
        "mention": "@collega",
        "good_practices": "Goede praktijken",
        "other_moments": "Andere momenten",
        "by_department": "Per afdeling",
        "by_team_type": "Per type team",
        "by_beneficiary": "Voor wie",
        "trend": "Laatste 4 weken",
        "highlights": "In de kijker",
        "good_practice": "Goede praktijk",
        "moment_label": "Moment",
        "view": "Bekijk het bericht",
        "by": "door",
        "contact": "Vragen of ideeën? Contacteer de Mangomoment-ambassadeur: {name} ({email}).",
        "footer_partners": "Enkel momenten waarvan de auteur toestemming gaf om extern te delen. "
        "Afdelingen met minder dan 5 momenten zijn samengevoegd.",
        "other_departments": "Andere afdelingen",
        "oncology": "Oncologie",
        "non_oncology": "Niet-oncologie",
        "patient": "Patiënten",
        "loved_one": "Naasten",
        "colleague": "Collega's",
        "other": "Anderen",
    },
    Language.FR: {
        "brand": "Moments Mango",
        "week": "semaine",
        "moment": "moment",
        "moments": "moments",
        "subject_partners": "pour les partenaires",
        "intro_board": "Ce que les équipes de {org} ont fait la semaine {week} ({dates}) pour les "
        "patients, les proches et les collègues.",
        "intro_partners": "Bonnes pratiques et moments que le personnel de {org} partage avec "
        "vous, sans noms (semaine {week}, {dates}).",
        "empty": "Aucun moment n'a été partagé la semaine {week}.",
        "total": "Moments",
        "mention": "@collègue",
        "good_practices": "Bonnes pratiques",
        "other_moments": "Autres moments",
        "by_department": "Par service",
        "by_team_type": "Par type d'équipe",
        "by_beneficiary": "Pour qui",
        "trend": "4 dernières semaines",
        "highlights": "À la une",
        "good_practice": "Bonne pratique",
        "moment_label": "Moment",
        "view": "Voir le message",
        "by": "par",
        "contact": "Questions ou idées\u00a0? Contactez l'ambassadeur Mangomoment\u00a0: {name} "
        "({email}).",
        "footer_partners": "Uniquement les moments dont l'auteur a accepté le partage externe. "
        "Les services de moins de 5 moments sont regroupés.",
        "other_departments": "Autres services",
        "oncology": "Oncologie",
        "non_oncology": "Hors oncologie",
        "patient": "Patients",
        "loved_one": "Proches",
        "colleague": "Collègues",
        "other": "Autres",
    },
    Language.EN: {
        "brand": "Mango Moments",
        "week": "week",
        "moment": "moment",
        "moments": "moments",
        "subject_partners": "for partners",
        "intro_board": "What the teams of {org} did in week {week} ({dates}) for patients, loved "
        "ones and colleagues.",
        "intro_partners": "Good practices and moments that the staff of {org} share with you, "
        "without names (week {week}, {dates}).",
        "empty": "No moments were shared in week {week}.",
        "total": "Moments",
        "mention": "@colleague",
        "good_practices": "Good practices",
        "other_moments": "Other moments",
        "by_department": "By department",
        "by_team_type": "By team type",
        "by_beneficiary": "For whom",
        "trend": "Last 4 weeks",
        "highlights": "Highlights",
        "good_practice": "Good practice",
        "moment_label": "Moment",
        "view": "View the message",
        "by": "by",
        "contact": "Questions or ideas? Contact the Mangomoment ambassador: {name} ({email}).",
        "footer_partners": "Only moments whose author consented to external sharing. "
        "Departments with fewer than 5 moments are merged.",
        "other_departments": "Other departments",
        "oncology": "Oncology",
        "non_oncology": "Non-oncology",
        "patient": "Patients",
        "loved_one": "Loved ones",
        "colleague": "Colleagues",
        "other": "Others",
    },
}


MONTHS: Final[dict[Language, list[str]]] = {
    Language.NL: (
        "januari februari maart april mei juni juli augustus september oktober november december"
    ).split(),
    Language.FR: (
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    ).split(),
    Language.EN: (
        "January February March April May June July August September October November December"
    ).split(),
}


def week_dates(monday: dt.date, language: Language) -> str:
    """`16-22 november 2026`, `30 november - 6 december 2026`, `29 December 2025 - 4 January
    2026` (with an en dash; in French: `du 16 au 22 novembre 2026`)."""
    sunday = monday + dt.timedelta(days=6)
    months = MONTHS[language]

    def day(date: dt.date, *, month: bool, year: bool) -> str:
        text = str(date.day)
        if month:
            text += f" {months[date.month - 1]}"
        if year:
            text += f" {date.year}"
        return text

    same_year = monday.year == sunday.year
    same_month = same_year and monday.month == sunday.month
    first = day(monday, month=not same_month, year=not same_year)
    last = day(sunday, month=True, year=True)
    if language is Language.FR:
        return f"du {first} au {last}"
    dash = "\u2013"  # en dash
    return f"{first}{dash}{last}" if same_month else f"{first} {dash} {last}"
