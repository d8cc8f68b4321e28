"""Person names: cue phrases, form fields, titles, initials, chat speakers and the name lexicon."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from presidio_analyzer import LocalRecognizer, RecognizerResult

from pipeline.privacy.lexicons import (
    _GAP,
    _LO,
    _NAME_LIKE_WORDS,
    _NOT_NAME_WORDS,
    _PARTICLE,
    _STOP_WORDS,
    _TITLE,
    _UP,
)

# the words of `_PARTICLE`, plus Arabic ones the name model meets inside names
_PARTICLES = frozenset(re.findall(r"[a-z]+", _PARTICLE)) | {"bin", "ibn", "al", "el", "abu", "ben"}


def _function_words() -> frozenset[str]:
    from spacy.lang.de.stop_words import STOP_WORDS as GERMAN
    from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH
    from spacy.lang.es.stop_words import STOP_WORDS as SPANISH

    return frozenset(ENGLISH | GERMAN | SPANISH) - _PARTICLES


_FUNCTION_WORDS = _function_words()


_LOWERCASE_NAME_CUE = re.compile(
    rf"(?:\b(?:i[ \t]+am|i'?m|its|it's|this[ \t]+is|my[ \t]+name[ \t]+is|name[ \t]*:"
    rf"|account[ \t]+holder|(?:account|booking|order)[ \t]+is[ \t]+under|under[ \t]+the[ \t]+name"
    rf"|tell|add|ask|invite|ping|message|text|cc|my[ \t]+ex|sag|dile|dis[ \t]+à)"
    rf")[ \t]+(?P<first>[{_LO}]+(?:-[{_LO}]+)?)(?:[ \t]+(?P<second>[{_LO}]+(?:-[{_LO}]+)?))?"
)
# every pair of lowercase words, overlapping (the match itself is empty)
_LOWERCASE_PAIR = re.compile(
    rf"(?<![\w@.'’-])(?=(?P<first>[{_LO}]{{2,}})[ \t]+(?P<second>[{_LO}]{{2,}})(?![\w@'’-]))"
)
_NAME_END = re.compile(r"[ \t]*(?:$|[,.;:!?)\n]|and\b|again\b|here\b|from\b)")
# after a name: an initial, a particle or a capitalised word (hyphens and apostrophes inside)
_NAME_CONTINUES = re.compile(
    rf"[ \t]+(?P<word>[{_UP}]\.|(?:{_PARTICLE}|'t|Mac|Mc|Ó|Ní|Nic)(?=[ \t]+(?:[{_UP}]|'t\b))|"
    rf"(?:[{_UP}]['’])?[{_UP}][{_LO}]+(?:[-'’][{_UP}]?[{_LO}]+)*)"
)
_NAME_PRECEDES = re.compile(rf"(?P<word>(?:[{_UP}][{_LO}]+|{_PARTICLE}))[ \t]+")
# a run of letters of a script without case (CJK, Hangul, Arabic) or Cyrillic and Greek, up to
# four words: in a Latin-script log, almost always a name
_OTHER_SCRIPT_RUN = re.compile(
    r"[^\W\d_a-zA-Z\u00c0-\u024f]{2,}(?:[ \t]+[^\W\d_a-zA-Z\u00c0-\u024f]{2,}){0,3}"
)


# A form field whose value is a name, up to the end of its line or field: "Name: JOEL RITTER",
# "Prénom : Marie", "Destinatário: PIETRA LOPES", "Parent/Guardian: Lai Xiuying", "name on
# card RYAN ROBINSON", "titular Mercedes Jurado Godoy", "From: Nyokabi Chebet <...>".
_NAME_FIELD_LABEL = (
    r"(?:full[ \t]+|first[ \t]+|last[ \t]+|given[ \t]+|family[ \t]+|sur)?name|sender|recipient"
    r"|applicant|addressee|policyholder|policy[ \t]+holder|cardholder|card[ \t]+holder"
    r"|account[ \t]+holder|parent/guardian|parent|guardian|emergency[ \t]+contact|student"
    r"|patient|passenger|traveller|traveler|employee|tenant|landlord|beneficiary|payee"
    r"|destinatário|remetente|titular|titulaire|intestatario|nom|prénom|nombre|apellidos?"
    r"|nome|cognome|vorname|nachname|empfänger|absender|kontoinhaber|begünstigter"
    r"|naam|voornaam|achternaam|from|to|cc"
)
_NAME_VALUE = r"[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,4}"
_NAME_FIELD = re.compile(
    rf"(?im:^[ \t]*(?:{_NAME_FIELD_LABEL})[ \t]*:[ \t]*)(?P<pii>{_NAME_VALUE})"
    rf"(?=[ \t]*(?:\n|$|[,;|(]|<))"
    rf"|(?i:\b(?:name[ \t]+on[ \t]+(?:the[ \t]+)?card|titular|titulaire|intestatario"
    rf"|account[ \t]+holder|beneficiary)[ \t:]+)(?P<held>{_NAME_VALUE})(?=[ \t]*(?:$|[,;.|(]))"
)
# A greeting before a name and a comma: "Hi Adeniyi, I left the keys", "Hola Begoña!".
_GREETED_NAME = re.compile(
    rf"(?i:\b(?:hi|hello|hey|hola|hallo|bonjour|salut|ciao|olá|oi|dear))[ \t]+"
    rf"(?!(?:Team|All|Everyone|There|Folks|Guys|Support|Again|Sir|Madam|Friends?)\b)"
    rf"(?P<pii>{_TITLE}(?:[ \t]+{_TITLE})?)(?=[ \t]*[,!\n])"
)
# Initials before a surname ("A.K. Powell", "S O Miura", "M. C. Al Nahyan") and a given name,
# a middle initial and a surname ("Manabu R. Ishii", "Ji-woo S. Hwang").
_INITIALLED_NAME = re.compile(
    rf"(?P<pii>(?<![\w.])(?!(?:U\.S|U\.K|E\.U|P\.S|A\.M|P\.M|D\.C|N\.Y|L\.A|Q\.E\.D)\.)"
    rf"(?:[{_UP}]\.[ \t]?){{1,3}}(?!(?:No|Nr|St|Co|Ltd|Inc|Mt)\b){_TITLE}(?:[ \t]+{_TITLE})?"
    rf"|\b[{_UP}][ \t][{_UP}][ \t]{_TITLE}"
    rf"|\b{_TITLE}[ \t]+[{_UP}]\.[ \t]+{_TITLE})"
)


# A pasted chat: speaker labels at line starts ("[10:42] Frank: hey", "Adaeze : chez moi").
_SPEAKER = re.compile(
    rf"(?m)^[ \t]*(?P<stamp>\[\d{{1,2}}:\d{{2}}(?::\d{{2}})?\][ \t]*)?"
    rf"(?P<pii>{_TITLE}(?:[ \t]+{_TITLE}){{0,2}})[ \t]?:[ \t]"
)
_NOT_SPEAKERS = frozenset(
    [
        "subject",
        "date",
        "from",
        "to",
        "cc",
        "bcc",
        "name",
        "address",
        "phone",
        "email",
        "e-mail",
        "note",
        "notes",
        "re",
        "fw",
        "fwd",
        "agent",
        "customer",
        "user",
        "assistant",
        "bot",
        "system",
        "support",
        "admin",
        "moderator",
        "q",
        "a",
        "question",
        "answer",
        "update",
        "warning",
        "error",
        "edit",
        "ps",
        "nb",
        "tip",
        "important",
        "reason",
        "step",
        "result",
        "summary",
        "title",
        "status",
        "kunde",
        "cliente",
        "client",
        "agente",
        "usuario",
        "nutzer",
    ]
)


def _transcript_speakers(text: str) -> list[tuple[int, int]]:
    """Speaker names of a pasted chat, which a label that starts two lines or more (form
    fields do not repeat, speakers take turns) or a timestamp shows the text to be; role and
    form words ("Agent:", "Subject:") are not names."""
    labels = [m for m in _SPEAKER.finditer(text) if m.group("pii").lower() not in _NOT_SPEAKERS]
    turns = Counter(m.group("pii") for m in labels)
    chat = any(m.group("stamp") for m in labels) or any(n > 1 for n in turns.values())
    return [m.span("pii") for m in labels] if chat else []


class PersonRecognizer(LocalRecognizer):
    """Names from cue phrases and a first/last-name lexicon; no NLP model needed."""

    _STRONG_CUES = (
        r"(?:regards|thanks|thank[ \t]+you|cheers|best|sincerely|saludos|atentamente"
        r"|gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)),?[ \t]*(?=\n)"
        r"|my[ \t]+(?:mother|father|mom|mum|dad|son|daughter|wife|husband|brother|sister|friend"
        r"|boss|colleague|coworker|neighbou?r|landlord|landlady|partner|grandmother|grandfather"
        r"|aunt|uncle|cousin|tenant|employee|manager|patient|client|customer|student|pupil"
        r"|teacher|doctor|nurse|therapist|lawyer|attorney|roommate|flatmate|girlfriend|boyfriend"
        r"|fiancée?|assistant|supervisor)"
        r"|mi[ \t]+(?:madre|padre|hijo|hija|esposa|esposo|marido|mujer|hermano|hermana|amigo|amiga"
        r"|jefe|jefa|vecino|vecina|abuela|abuelo|compañer[oa]|casero|casera)"
        r"|mein(?:e[rn]?)?[ \t]+(?:Mutter|Vater|Sohn|Tochter|Frau|Mann|Bruder|Schwester|Freund"
        r"|Freundin|Chef|Chefin|Kollegen?|Kollegin|Nachbarn?|Nachbarin|Vermieter|Vermieterin"
        r"|Oma|Opa)"
        r"|my[ \t]+name[ \t]+is|my[ \t]+name's|full[ \t]+name[ \t]*:|name[ \t]*:|call[ \t]+me"
        r"|dear|estimad[oa]|sehr[ \t]+geehrte[r]?|signed"
        r"|cardholder[ \t]*:?|account[ \t]+holder[ \t]*:?"
        r"|me[ \t]+llamo|mi[ \t]+nombre[ \t]+es|nombre[ \t]*:|se[ \t]+llama"
        r"|ich[ \t]+hei(?:ß|ss)e|mein[ \t]+name[ \t]+ist|hei(?:ß|ss)t"
    )
    _TITLES = (
        r"Mr|Mrs|Ms|Mx|Miss|Dr|Dra|Prof|Sr|Sra|Srta|Dña|Don|Doña|Herr|Herrn|Frau|Fr|M|Mme|Mlle"
        r"|Monsieur|Madame|[Ss]ignor|[Ss]ignora|Sig|Sig\.ra|Dott|Dott\.ssa|Avv|Ing|Dhr|Mevr"
    )
    _WEAK_CUES = (
        r"i'm|i[ \t]+am|this[ \t]+is|it's|patient|customer|client|user|contact|ask|tell|from"
        r"|patientin|patienten|hi|hello|hey|regards,?|thanks,?|cheers,?|best,?|sincerely,?"
        r"|soy|hola|querid[oa]|paciente|cliente|saludos,?|atentamente,?"
        r"|ich[ \t]+bin|hallo|liebe|lieber|kunde|kundin|gr(?:ü|ue)(?:ß|ss)e,?"
        r"|gru(?:ß|ss),?|mit[ \t]+freundlichen[ \t]+gr(?:ü|ue)(?:ß|ss)en,?"
    )
    # "This is Ananya Iyer writing", "I'm Rahul Mehta here": a weak cue that reads as a
    # self-introduction counts as a strong one.
    _INTRO_CUES = frozenset(("this is", "i'm", "i am", "it's"))
    _INTRO_END = re.compile(r"[ \t,]+(?:writing|here|speaking|calling|again)\b")
    _NAME_RUN = rf"{_TITLE}(?:{_GAP}(?:{_PARTICLE}{_GAP})?{_TITLE}){{0,3}}"

    def __init__(
        self,
        first_names: Iterable[str],
        last_names: Iterable[str],
        wide_first_names: Iterable[str] = (),
        wide_last_names: Iterable[str] = (),
    ) -> None:
        self.first_names = frozenset(first_names) - _NOT_NAME_WORDS
        self.last_names = frozenset(last_names) - _NOT_NAME_WORDS
        # The wider lists: a name after a weak cue when two or more words long, or cue-free
        # when a wide first name is followed by a known last name ("Rahul Patel").
        self.wide_first = (frozenset(wide_first_names) - _NOT_NAME_WORDS) | self.first_names
        self.wide_last = (frozenset(wide_last_names) - _NOT_NAME_WORDS) | self.last_names
        self.first_lower = frozenset(n.lower() for n in self.first_names)
        self.wide_first_lower = frozenset(n.lower() for n in self.wide_first)
        self.wide_last_lower = frozenset(n.lower() for n in self.wide_last)
        after = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
        lowercase_run = rf"[{_LO}]+(?:{_GAP}[{_LO}]+)?"
        self._cues = (
            (
                "strong",
                re.compile(
                    rf"(?i:\b(?:{self._STRONG_CUES})){after}(?P<pii>{self._NAME_RUN}|{lowercase_run})"
                ),
            ),
            (
                "title",
                re.compile(rf"\b(?:(?:{self._TITLES})\.?{_GAP})+(?P<pii>{self._NAME_RUN})"),
            ),
            ("field", _NAME_FIELD),
            ("greeting", _GREETED_NAME),
            ("initials", _INITIALLED_NAME),
            ("weak", re.compile(rf"(?i:\b(?:{self._WEAK_CUES})){after}(?P<pii>{self._NAME_RUN})")),
        )
        self._runs = re.compile(rf"(?<![\w@/.])(?P<pii>{self._NAME_RUN})(?![\w@])")
        self._token = re.compile(_TITLE)
        super().__init__(supported_entities=["PERSON"], name="PersonRecognizer")

    def load(self) -> None:
        """The lexicon is passed in, so there is nothing to load."""

    def lowercase_cued_names(self, text: str) -> list[tuple[int, int]]:
        """All-lowercase names after a self-introduction or account cue ("hi i am kristi smith
        and", "hey its bradley again", "account holder henry wood"): the first word must be a
        listed given name; a second counts when listed as a surname, or when the name ends
        there (before "and", "again", punctuation or the end)."""
        spans = []
        for match in _LOWERCASE_NAME_CUE.finditer(text):
            first = match.group("first")
            if first not in self.wide_first_lower or first in _FUNCTION_WORDS:
                continue
            start, end = match.span("first")
            second = match.group("second")
            if (
                second
                and second not in _FUNCTION_WORDS
                and (second in self.wide_last_lower or _NAME_END.match(text, match.end("second")))
            ):
                end = match.end("second")
            spans.append((start, end))
        return spans

    def lowercase_listed_names(self, text: str) -> list[tuple[int, int]]:
        """Two lowercase words that are a listed given name and a listed surname ("my ex nicole
        hughes", "tell lei min i said hi"), with no cue: words that are also common words are
        not in the lists, and function words never count."""
        spans = []
        for match in _LOWERCASE_PAIR.finditer(text):
            first, second = match.group("first"), match.group("second")
            if (
                first in self.wide_first_lower
                and second in self.wide_last_lower
                and first not in _FUNCTION_WORDS
                and second not in _FUNCTION_WORDS
            ):
                spans.append((match.start("first"), match.end("second")))
        return spans

    def extended(self, text: str, start: int, end: int) -> tuple[int, int]:
        """A found name widened over the rest of its run: middle initials ("Deborah F.
        Sullivan"), particles ("Sanne van 't Hof") and capitalised words after it, and listed
        names or particles before it ("Ngo Van An")."""
        while match := _NAME_CONTINUES.match(text, end):
            if match.group("word").lower() in _FUNCTION_WORDS and not self._is_name(
                match.group("word")
            ):
                break
            end = match.end()
        while match := _NAME_PRECEDES.search(text, 0, start):
            word = match.group("word")
            if match.end() != start or not (
                word in self.wide_first or word in self.wide_last or word.lower() in _PARTICLES
            ):
                break
            start = match.start()
        return start, end

    def plausible_model_name(self, span: str) -> bool:
        """Whether a PERSON the statistical model found reads as a name.

        The English model tags capitalised German and Spanish words as people ("Mein Profil",
        "Rechnung"): a span holding a function word of English, German or Spanish, a short
        all-capitals token ("GB", "API") or a lowercase word other than a name particle is not
        a name (unless it is also a listed name: "Ella", "Sean", "Lange"); a one-word span must
        be in the name lists, and one of three words or more must be a core-list name.
        """
        words = [word.strip(".,;:'’\"()") for word in span.split()]
        for position, word in enumerate(words):
            lower = word.lower()
            if lower in _PARTICLES and 0 < position < len(words) - 1:
                continue
            if word[:1].islower() or (lower in _FUNCTION_WORDS and not self._is_name(word)):
                return False
            if word.isupper() and len(word) <= 3:
                return False
        if len(words) == 1:
            return words[0] in self.wide_first or words[0] in self.wide_last
        # three words and more ("Adobe Acrobat Reader") must hold a name of the core lists (the
        # wide last-name lists hold too many words)
        return len(words) == 2 or any(self._is_name(w) for w in words)

    def _is_name(self, token: str) -> bool:
        return token in self.first_names or token in self.last_names

    def _trim(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Cut a capitalized run at the first word that is not plausibly part of a name."""
        tokens = list(self._token.finditer(text, start, end))
        kept_end = None
        for token in tokens:
            if token.group() in _STOP_WORDS:
                break
            kept_end = token.end()
        return (start, kept_end) if kept_end is not None else None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: object = None
    ) -> list[RecognizerResult]:
        spans: list[tuple[int, int]] = []
        for kind, cue in self._cues:
            for match in cue.finditer(text):
                span = self._cued_span(kind, text, match)
                if span:
                    spans.append(span)
        spans += _transcript_speakers(text)
        for match in self._runs.finditer(text):
            span = self._lexicon_span(text, *match.span("pii"))
            if span:
                spans.append(span)
        return [RecognizerResult("PERSON", s, e, 0.7) for s, e in spans]

    def _cued_span(self, kind: str, text: str, match: re.Match[str]) -> tuple[int, int] | None:
        """After a strong cue or a title a capitalized run is a name; weak cues need the lexicon."""
        start, end = match.span("pii")
        if kind == "initials":
            # "Jay-Z. They got married": an initial before a sentence's first word is no name
            surname = match.group("pii").split()[-1].strip(".").lower()
            return None if surname in _FUNCTION_WORDS else (start, end)
        if kind in ("field", "greeting"):
            return start, end
        words = match.group("pii").split()
        if words[0][0].islower():
            if kind != "strong" or words[0] not in self.first_lower:
                return None
            keep_both = len(words) > 1 and words[1].capitalize() in self.last_names
            return start, end if keep_both else start + len(words[0])
        span = self._trim(text, start, end)
        if kind != "weak" or span is None or self._is_name(words[0]):
            return span
        cue = " ".join(text[match.start() : start].split()).lower()
        if cue in self._INTRO_CUES and self._INTRO_END.match(text, span[1]):
            return span
        # A weak cue ("this is", "I'm", "patient") before two or more capitalized words: a name
        # when it starts with a given name from the wider lists (or one that is also a word, like
        # "Grace") or ends in a core last name: "This is Ananya Iyer", not "This is Visual Studio"
        # (the wide last-name lists hold too many words: "Adobe Acrobat Reader").
        kept = [t.group() for t in self._token.finditer(text, *span)]
        if len(kept) < 2:
            return None
        if kept[0] in self.wide_first or kept[0] in _NAME_LIKE_WORDS:
            return span
        return span if kept[-1] in self.last_names else None

    def _lexicon_span(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """A run is a name when it starts with a known first name (and is not just a word)."""
        tokens = list(self._token.finditer(text, start, end))
        for i, token in enumerate(tokens):
            word = token.group()
            if word not in self.first_names:
                # A given name from the wider lists needs a known last name right after it.
                after = tokens[i + 1].group() if i + 1 < len(tokens) else ""
                if word not in self.wide_first or after not in self.wide_last:
                    continue
            run_end = token.end()
            for nxt in tokens[i + 1 :]:
                if nxt.group() in _STOP_WORDS:
                    break
                run_end = nxt.end()
            return token.start(), run_end
        return None
