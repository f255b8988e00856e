"""Every user-facing string of ingest in Dutch (default), French and English."""

import re

from schemas.events import Beneficiary, Kind, Language

DEFAULT_LANGUAGE = Language.NL

MESSAGES: dict[str, dict[Language, str]] = {
    # field errors
    "unreadable_form": {
        Language.NL: "Je formulier kon niet gelezen worden. Open het formulier opnieuw en "
        "probeer het nog eens.",
        Language.FR: "Votre formulaire n'a pas pu être lu. Rouvrez le formulaire et réessayez.",
        Language.EN: "Your form could not be read. Open the form again and try once more.",
    },
    "text_required": {
        Language.NL: "Beschrijf je moment.",
        Language.FR: "Décrivez votre moment.",
        Language.EN: "Describe your moment.",
    },
    "text_too_long": {
        Language.NL: "Maximaal 4000 tekens.",
        Language.FR: "4000 caractères au maximum.",
        Language.EN: "At most 4,000 characters.",
    },
    "too_long_page": {  # the whole post was over the size cap: there is no field to mark
        Language.NL: "Je tekst is te lang (maximaal 4000 tekens). Ga terug, maak hem korter en "
        "deel hem opnieuw.",
        Language.FR: "Votre texte est trop long (4000 caractères au maximum). Revenez en "
        "arrière, raccourcissez-le et partagez-le à nouveau.",
        Language.EN: "Your text is too long (at most 4,000 characters). Go back, shorten it and "
        "share it again.",
    },
    "title_too_long": {
        Language.NL: "Maximaal 200 tekens.",
        Language.FR: "200 caractères au maximum.",
        Language.EN: "At most 200 characters.",
    },
    "name_too_long": {
        Language.NL: "Maximaal 120 tekens.",
        Language.FR: "120 caractères au maximum.",
        Language.EN: "At most 120 characters.",
    },
    "choose_department": {
        Language.NL: "Kies een afdeling.",
        Language.FR: "Choisissez un service.",
        Language.EN: "Choose a department.",
    },
    "unknown_colleague": {  # a Slack mention whose name Slack did not give in time
        Language.NL: "collega",
        Language.FR: "collègue",
        Language.EN: "colleague",
    },
    "department_placeholder": {
        Language.NL: "Kies je afdeling",
        Language.FR: "Choisissez votre service",
        Language.EN: "Choose your department",
    },
    "choose_kind": {
        Language.NL: "Kies wat je deelt.",
        Language.FR: "Choisissez ce que vous partagez.",
        Language.EN: "Choose what you are sharing.",
    },
    "choose_beneficiary": {
        Language.NL: "Kies voor wie het moment was.",
        Language.FR: "Choisissez pour qui était ce moment.",
        Language.EN: "Choose who the moment was for.",
    },
    # rejections
    "csrf": {
        Language.NL: "Dit formulier is verlopen. Open het opnieuw via de link hieronder.",
        Language.FR: "Ce formulaire a expiré. Rouvrez-le via le lien ci-dessous.",
        Language.EN: "This form has expired. Open it again with the link below.",
    },
    "form_expired_kept": {
        Language.NL: "Dit formulier stond te lang open en is verlopen. Je tekst staat er nog: "
        "kijk hem na en klik opnieuw op Delen.",
        Language.FR: "Ce formulaire est resté ouvert trop longtemps et a expiré. Votre texte est "
        "toujours là : relisez-le et cliquez à nouveau sur Partager.",
        Language.EN: "This form was open too long and has expired. Your text is still here: "
        "check it and press Share again.",
    },
    "rate_limited": {
        Language.NL: "Even geduld: te veel berichten na elkaar. Probeer het over een minuut "
        "opnieuw.",
        Language.FR: "Un instant : trop d'envois à la suite. Réessayez dans une minute.",
        Language.EN: "Please wait: too many posts in a row. Try again in a minute.",
    },
    "slack_help": {
        Language.NL: "*/mango* gevolgd door wat er gebeurde deelt meteen een Mango Moment voor de "
        "afdeling van dit kanaal. */mango* zonder tekst opent een formulier. Dat kan ook via "
        "*Share as Mango moment* in het menu van een bericht.",
        Language.FR: "*/mango* suivi de ce qui s'est passé partage tout de suite un moment Mango "
        "pour le service de ce canal. */mango* sans texte ouvre un formulaire, tout comme "
        "*Share as Mango moment* dans le menu d'un message.",
        Language.EN: "*/mango* followed by what happened shares a Mango Moment right away, for "
        "this channel's department. */mango* with no text opens a form, as does *Share as Mango "
        "moment* in a message's menu.",
    },
    "teams_help": {
        Language.NL: "Schrijf @Mango gevolgd door wat er gebeurde: dat deelt meteen een Mango "
        "Moment voor de afdeling van dit kanaal.",
        Language.FR: "Écrivez @Mango suivi de ce qui s'est passé : cela partage tout de suite un "
        "moment Mango pour le service de ce canal.",
        Language.EN: "Write @Mango followed by what happened: that shares a Mango Moment right "
        "away, for this channel's department.",
    },
    "help_more": {  # after slack_help or teams_help
        Language.NL: "Hashtags: #praktijk (goede praktijk), #patient, #naaste, #collega (voor "
        "wie). Bedank een collega met @naam. Schrijf liefst geen namen of gegevens van "
        "patiënten; wat toch doorglipt, wordt vervangen voordat iemand het ziet.",
        Language.FR: "Hashtags : #pratique (bonne pratique), #patient, #proche, #collègue (pour "
        "qui). Remerciez un collègue avec @nom. Évitez les noms et données de patients ; ce qui "
        "passe malgré tout est remplacé avant que quiconque le voie.",
        Language.EN: "Hashtags: #practice (good practice), #patient, #family, #colleague (for "
        "whom). Thank a colleague with @name. Please leave out patients' names and details; "
        "anything that slips through is replaced before anyone sees it.",
    },
    "unmapped_channel_teams": {  # Teams has no /mango: the ambassador links the channel
        Language.NL: "Dit kanaal is aan geen afdeling gekoppeld. Vraag je Mango-ambassadeur om "
        "het te koppelen, of deel je moment via het webformulier.",
        Language.FR: "Ce canal n'est lié à aucun service. Demandez à votre ambassadeur Mango de "
        "le lier, ou partagez votre moment via le formulaire web.",
        Language.EN: "This channel is not linked to a department. Ask your Mango ambassador to "
        "link it, or share your moment with the web form.",
    },
    "unmapped_channel": {
        Language.NL: "Dit kanaal is aan geen afdeling gekoppeld. Typ /mango zonder tekst om een "
        "afdeling te kiezen.",
        Language.FR: "Ce canal n'est lié à aucun service. Tapez /mango sans texte pour choisir "
        "un service.",
        Language.EN: "This channel is not linked to a department. Type /mango without text to "
        "choose one.",
    },
    "unknown_workspace": {
        Language.NL: "Deze werkruimte is niet gekoppeld aan Mangomoment. Vraag je "
        "Mango-ambassadeur om ze te koppelen.",
        Language.FR: "Cet espace de travail n'est pas lié à Mangomoment. Demandez à votre "
        "ambassadeur Mango de le lier.",
        Language.EN: "This workspace is not linked to Mangomoment. Ask your Mango ambassador to "
        "link it.",
    },
    "try_again": {
        Language.NL: "Het lukte even niet. Probeer het zo nog eens.",
        Language.FR: "Cela n'a pas fonctionné. Réessayez dans un instant.",
        Language.EN: "That did not work. Please try again in a moment.",
    },
    "saving": {
        Language.NL: "Je moment wordt bewaard… Je krijgt hier zo een bevestiging.",
        Language.FR: "Votre moment est en cours d'enregistrement… Vous recevrez une "
        "confirmation ici.",
        Language.EN: "Saving your moment… You will get a confirmation here shortly.",
    },
    "not_saved": {
        Language.NL: "Je moment is niet bewaard. Probeer het zo nog eens.",
        Language.FR: "Votre moment n'a pas été enregistré. Réessayez dans un instant.",
        Language.EN: "Your moment was not saved. Please try again in a moment.",
    },
    "not_confirmed": {
        Language.NL: "We kunnen nog niet bevestigen dat je moment bewaard is. Kijk over een paar "
        "minuten in {where} of het er staat; staat het er niet, deel het dan opnieuw.",
        Language.FR: "Nous ne pouvons pas encore confirmer que votre moment est enregistré. "
        "Regardez dans quelques minutes dans {where} s'il y figure ; sinon, partagez-le à "
        "nouveau.",
        Language.EN: "We cannot confirm yet that your moment was saved. In a few minutes, check "
        "{where} for it; if it is not there, share it again.",
    },
    # confirmations
    "thanks": {
        Language.NL: "Bedankt! Je moment verschijnt in {where}.",
        Language.FR: "Merci ! Votre moment apparaîtra dans {where}.",
        Language.EN: "Thank you! Your moment will appear in {where}.",
    },
    "thanks_review": {  # no place is promised: the ambassador decides what happens next
        Language.NL: "Bedankt! Je moment bevat misschien nog gegevens van een patiënt. Daarom "
        "ziet voorlopig enkel je Mango-ambassadeur het; die neemt zo nodig contact met je op.",
        Language.FR: "Merci ! Votre moment contient peut-être encore des données de patient. "
        "Pour l'instant, seul votre ambassadeur Mango le voit ; il vous contactera si "
        "nécessaire.",
        Language.EN: "Thank you! Your moment may still contain a patient's details, so for now "
        "only your Mango ambassador sees it; they will contact you if needed.",
    },
    "wall": {
        Language.NL: "de Mango-muur",
        Language.FR: "le mur Mango",
        Language.EN: "the Mango wall",
    },
    "and": {Language.NL: "en", Language.FR: "et", Language.EN: "and"},
    # form and modal labels
    "title_page": {
        Language.NL: "Deel een Mango-moment",
        Language.FR: "Partagez un moment Mango",
        Language.EN: "Share a Mango moment",
    },
    "intro": {
        Language.NL: "Een klein gebaar met grote waarde? Vertel het in een paar zinnen. Schrijf "
        "geen namen of gegevens van patiënten.",
        Language.FR: "Un petit geste de grande valeur ? Racontez-le en quelques phrases. "
        "N'écrivez ni noms ni données de patients.",
        Language.EN: "A small gesture of great value? Tell us in a few sentences. Do not write "
        "patients' names or details.",
    },
    "label_department": {
        Language.NL: "Afdeling",
        Language.FR: "Service",
        Language.EN: "Department",
    },
    "label_kind": {
        Language.NL: "Wat deel je?",
        Language.FR: "Que partagez-vous ?",
        Language.EN: "What are you sharing?",
    },
    "label_beneficiary": {
        Language.NL: "Voor wie?",
        Language.FR: "Pour qui ?",
        Language.EN: "For whom?",
    },
    "label_title": {
        Language.NL: "Titel van een goede praktijk",
        Language.FR: "Titre d'une bonne pratique",
        Language.EN: "Title of a good practice",
    },
    "optional": {  # after a web form label (Slack marks optional fields itself)
        Language.NL: "optioneel",
        Language.FR: "facultatif",
        Language.EN: "optional",
    },
    "label_text": {
        Language.NL: "Je moment",
        Language.FR: "Votre moment",
        Language.EN: "Your moment",
    },
    "label_name": {
        Language.NL: "Je naam (optioneel)",
        Language.FR: "Votre nom (facultatif)",
        Language.EN: "Your name (optional)",
    },
    "label_anonymous": {
        Language.NL: "Anoniem delen",
        Language.FR: "Publier anonymement",
        Language.EN: "Post anonymously",
    },
    "label_share": {
        Language.NL: "Mag gedeeld worden met externe partners",
        Language.FR: "Peut être partagé avec des partenaires externes",
        Language.EN: "May be shared with external partners",
    },
    "label_options": {Language.NL: "Opties", Language.FR: "Options", Language.EN: "Options"},
    "submit": {Language.NL: "Delen", Language.FR: "Partager", Language.EN: "Share"},
    "cancel": {Language.NL: "Annuleren", Language.FR: "Annuler", Language.EN: "Cancel"},
    "another": {
        Language.NL: "Nog een moment delen",
        Language.FR: "Partager un autre moment",
        Language.EN: "Share another moment",
    },
    "errors_summary": {
        Language.NL: "Controleer de gemarkeerde velden.",
        Language.FR: "Vérifiez les champs signalés.",
        Language.EN: "Please check the marked fields.",
    },
    "language": {Language.NL: "Taal", Language.FR: "Langue", Language.EN: "Language"},
    "thanks_title": {  # the thank-you page's heading; its message starts with the thanks
        Language.NL: "Je moment is ontvangen",
        Language.FR: "Votre moment est bien reçu",
        Language.EN: "Your moment was received",
    },
    "error_title": {  # a form that came back with errors: the tab says so first
        Language.NL: "Fout: {title}",
        Language.FR: "Erreur : {title}",
        Language.EN: "Error: {title}",
    },
    "not_sent_title": {
        Language.NL: "Niet verstuurd",
        Language.FR: "Pas envoyé",
        Language.EN: "Not sent",
    },
    "not_confirmed_title": {
        Language.NL: "Nog niet bevestigd",
        Language.FR: "Pas encore confirmé",
        Language.EN: "Not confirmed yet",
    },
    "text_hint": {
        Language.NL: "Maximaal 4000 tekens. Geen namen of gegevens van patiënten.",
        Language.FR: "4000 caractères au maximum. Ni noms ni données de patients.",
        Language.EN: "At most 4,000 characters. No patients' names or details.",
    },
}

KIND_LABELS: dict[Kind, dict[Language, str]] = {
    Kind.MOMENT: {Language.NL: "Een moment", Language.FR: "Un moment", Language.EN: "A moment"},
    Kind.GOOD_PRACTICE: {
        Language.NL: "Een goede praktijk",
        Language.FR: "Une bonne pratique",
        Language.EN: "A good practice",
    },
}

BENEFICIARY_LABELS: dict[Beneficiary, dict[Language, str]] = {
    Beneficiary.PATIENT: {Language.NL: "Patiënt", Language.FR: "Patient", Language.EN: "Patient"},
    Beneficiary.LOVED_ONE: {Language.NL: "Naaste", Language.FR: "Proche", Language.EN: "Loved one"},
    Beneficiary.COLLEAGUE: {
        Language.NL: "Collega",
        Language.FR: "Collègue",
        Language.EN: "Colleague",
    },
    Beneficiary.OTHER: {
        Language.NL: "Iemand anders",
        Language.FR: "Quelqu'un d'autre",
        Language.EN: "Someone else",
    },
}

LANGUAGE_NAMES = {Language.NL: "Nederlands", Language.FR: "Français", Language.EN: "English"}


def _french_spacing(text: str) -> str:
    """A no-break space before ? ! ; : so that a phone never wraps them onto their own line."""
    return re.sub(r" ([?!;:])", "\u00a0\\1", text)


for _texts in MESSAGES.values():
    _texts[Language.FR] = _french_spacing(_texts[Language.FR])


def t(key: str, language: Language, **values: str) -> str:
    text = MESSAGES[key][language]
    return text.format(**values) if values else text


def choose_language(requested: str | None, accept_language: str | None) -> Language:
    """An explicit choice, else the first supported language in Accept-Language, else Dutch."""
    if requested in {lang.value for lang in Language}:
        return Language(requested)
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        weighted.append((-quality, index, tag.strip().lower()[:2]))
    for _, _, code in sorted(weighted):
        if code in {lang.value for lang in Language}:
            return Language(code)
    return DEFAULT_LANGUAGE
