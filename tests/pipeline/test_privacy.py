"""Redaction and pseudonymization: what must leave the logs, what must stay, and key handling."""

from __future__ import annotations

import socket
import time

import pytest

from pipeline.privacy import (
    KEY_VERSION_ENV,
    KEYS_ENV,
    PLACEHOLDERS,
    DetectedEntity,
    MissingPseudonymKeyError,
    Pseudonymizer,
    Redactor,
    default_redactor,
)


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return default_redactor()


def _redacts(redactor: Redactor, text: str, secret: str, placeholder: str) -> None:
    out = redactor.redact(text)
    assert secret not in out, out
    assert placeholder in out, out


def test_placeholders_are_typed() -> None:
    assert set(PLACEHOLDERS.values()) == {
        "<EMAIL>",
        "<PHONE>",
        "<CARD>",
        "<SSN>",
        "<IP>",
        "<IBAN>",
        "<URL>",
        "<PERSON>",
        "<ADDRESS>",
        "<DATE_OF_BIRTH>",
        "<DRIVER_LICENSE>",
        "<PASSPORT>",
    }


@pytest.mark.parametrize(
    ("text", "secret", "placeholder"),
    [
        ("my driver's license D1234567 expired", "D1234567", "<DRIVER_LICENSE>"),
        ("DL# A12-345-678 please", "A12-345-678", "<DRIVER_LICENSE>"),
        ("Führerscheinnummer: B072RRE2I55", "B072RRE2I55", "<DRIVER_LICENSE>"),
        ("passport no. 123456789", "123456789", "<PASSPORT>"),
        ("mi pasaporte es PAB123456", "PAB123456", "<PASSPORT>"),
        ("Reisepass C01X00T47", "C01X00T47", "<PASSPORT>"),
    ],
)
def test_identity_documents_after_a_cue(text: str, secret: str, placeholder: str) -> None:
    _redacts(Redactor(), text, secret, placeholder)


@pytest.mark.parametrize(
    "text", ["the license is MIT 2.0", "it failed to pass 12345 tests", "order 1234567 shipped"]
)
def test_codes_without_a_document_cue_are_kept(text: str) -> None:
    assert Redactor().redact(text) == text


def test_default_redactor_is_shared() -> None:
    assert default_redactor() is default_redactor()


@pytest.mark.parametrize("email", ["john.doe@example.com", "maria_g+refunds@correo.es"])
def test_email(redactor: Redactor, email: str) -> None:
    _redacts(redactor, f"Write to {email} please.", email, "<EMAIL>")


def test_email_without_public_suffix_is_kept(redactor: Redactor) -> None:
    assert redactor.redact("decorator @property in file.py") == "decorator @property in file.py"


@pytest.mark.parametrize(
    "phone",
    [
        "+44 20 7946 0958",
        "(415) 555-0132",
        "415.555.0132",
        "+49 30 1234567",
        "+34 612 345 678",
        "030 1234567",
    ],
)
def test_phone(redactor: Redactor, phone: str) -> None:
    _redacts(redactor, f"Call me on {phone} after six.", phone, "<PHONE>")


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        # Missed by the leakage test: an area code libphonenumber rejects as unassigned.
        ("Call me back on 798-555-0134.", "798-555-0134"),
        ("My number is 523-555-0108, text me.", "523-555-0108"),
        # Variants: other separators and cues; spaces and a leading 1 only after a cue.
        ("text me at 957.555.0162 when it ships", "957.555.0162"),
        ("contact me on (293) 555-0106, not by email", "(293) 555-0106"),
        ("You can reach me at 798 555 0134 anytime.", "798 555 0134"),
        ("call me at 123-456-7890", "123-456-7890"),
        ("Office line: 400-555-0167.", "400-555-0167"),
    ],
)
def test_phone_nanp_lenient(redactor: Redactor, text: str, phone: str) -> None:
    _redacts(redactor, text, phone, "<PHONE>")


@pytest.mark.parametrize(
    "text",
    [
        "Build 2024-03-14 reached 100.200.3000 requests.",
        "Ticket 555-555-55555 is closed.",
        "Sizes 798 555 0134 in the table are bytes.",
    ],
)
def test_phone_nanp_look_alikes_are_kept(redactor: Redactor, text: str) -> None:
    assert "<PHONE>" not in redactor.redact(text)


def test_phone_not_found_in_version_or_small_numbers(redactor: Redactor) -> None:
    text = "SDK v10.2.3 fails with error 404 after 12 retries."
    assert redactor.redact(text) == text


@pytest.mark.parametrize(
    "card",
    [
        "4111 1111 1111 1111",
        "4111111111111111",
        "5500-0000-0000-0004",
        "2223 0031 2200 3222",
        "3782 822463 10005",
    ],
)
def test_card_luhn_valid(redactor: Redactor, card: str) -> None:
    _redacts(redactor, f"My card {card} was charged twice", card, "<CARD>")


def test_card_luhn_invalid_is_kept(redactor: Redactor) -> None:
    text = "Tracking number 4111111111111112 is not a card."
    assert redactor.redact(text) == text


def test_ssn(redactor: Redactor) -> None:
    _redacts(redactor, "SSN 536-22-8741 on file", "536-22-8741", "<SSN>")
    _redacts(redactor, "my social security number is 536228741", "536228741", "<SSN>")


def test_bare_nine_digits_without_cue_are_not_ssn(redactor: Redactor) -> None:
    assert "<SSN>" not in redactor.redact("Order 536228741 shipped")


@pytest.mark.parametrize("ip", ["192.168.1.20", "2001:db8:85a3::8a2e:370:7334", "fe80::1"])
def test_ip(redactor: Redactor, ip: str) -> None:
    _redacts(redactor, f"Requests from {ip} are blocked", ip, "<IP>")


def test_version_string_is_not_ip(redactor: Redactor) -> None:
    assert redactor.redact("Upgrade to v10.2.3 today") == "Upgrade to v10.2.3 today"


def test_iban_checksum(redactor: Redactor) -> None:
    _redacts(redactor, "IBAN DE89 3704 0044 0532 0130 00 please", "3704 0044", "<IBAN>")
    _redacts(redactor, "cuenta ES9121000418450200051332", "ES9121000418450200051332", "<IBAN>")
    bad = "IBAN DE89 3704 0044 0532 0130 01 please"
    assert "<IBAN>" not in redactor.redact(bad)


@pytest.mark.parametrize(
    "url",
    [
        "https://facebook.com/maria.gonzalez84",
        "https://x.com/u?id=123&email=ana%40mail.com",
        "https://example.org/users/jsmith/settings",
        "https://shop.example.com/track?customer_id=88",
    ],
)
def test_personal_url(redactor: Redactor, url: str) -> None:
    _redacts(redactor, f"See {url} for details", url, "<URL>")


@pytest.mark.parametrize(
    "url", ["https://docs.python.org/3/", "https://example.com/pricing", "www.wikipedia.org"]
)
def test_generic_url_is_kept(redactor: Redactor, url: str) -> None:
    text = f"The docs at {url} explain it."
    assert redactor.redact(text) == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi, my name is Maria Gonzalez and I need a refund.", "Maria Gonzalez"),
        ("Please ask Dr. Okonkwo about it", "Okonkwo"),
        ("The patient John Smith asked for his results.", "John Smith"),
        ("hi, my name is maria and I need help", "maria"),
        ("Thanks,\nEmily Carter", "Emily Carter"),
    ],
)
def test_person_english(redactor: Redactor, text: str, name: str) -> None:
    _redacts(redactor, text, name, "<PERSON>")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hola, me llamo José García y necesito ayuda.", "José García"),
        ("Mi nombre es Lucía Fernández.", "Lucía Fernández"),
        ("La Sra. Martínez llamó ayer.", "Martínez"),
        ("Hallo, ich heiße Jürgen Schmidt.", "Jürgen Schmidt"),
        ("Mein Name ist Anna Weber.", "Anna Weber"),
        ("Herr Müller hat angerufen.", "Müller"),
        ("Frau Schneider wartet.", "Schneider"),
    ],
)
def test_person_spanish_german(redactor: Redactor, text: str, name: str) -> None:
    _redacts(redactor, text, name, "<PERSON>")


def test_capitalized_non_names_are_kept(redactor: Redactor) -> None:
    text = "Python failed on Monday in Paris, so I emailed Support."
    assert redactor.redact(text) == text
    german = "Meine Frau hat die Rechnung bezahlt."
    assert redactor.redact(german) == german


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Missed by an end-to-end leakage test on the sample logs: self-introductions with names
        # outside the core lexicon, and a name after "my patient".
        ("This is Ananya Iyer writing.", "Ananya Iyer"),
        ("This is Rahul Mehta writing.", "Rahul Mehta"),
        ("This is for my patient Rahul Mehta.", "Rahul Mehta"),
        ("My name is Grace Whitfield.", "Grace Whitfield"),
        ("This is Grace Whitfield writing.", "Grace Whitfield"),
        # Variants: other cues, other names outside the lexicon.
        ("Hi, this is Sunil Deshpande here, the export failed.", "Sunil Deshpande"),
        ("It's Meera Pillai again, any update?", "Meera Pillai"),
        ("I'm Harish Menon speaking for the team.", "Harish Menon"),
        ("I am Kavya Reddy and I need my invoice.", "Kavya Reddy"),
        ("Please help my client Tanvi Ghosh with the form.", "Tanvi Ghosh"),
        ("call me Ishmael", "Ishmael"),
        ("cc Rahul Patel on the reply", "Rahul Patel"),
    ],
)
def test_person_outside_core_lexicon(redactor: Redactor, text: str, name: str) -> None:
    _redacts(redactor, text, name, "<PERSON>")


@pytest.mark.parametrize(
    "text",
    [
        "This is Python",
        "This is Monday",
        "I am Sure it worked yesterday.",
        "I'm Happy to help with that.",
        "This is Visual Studio Code",
        "It's Black Friday",
        "Royal Bank of Canada declined it.",
        "This is Python writing to the file, why does it fail?",
        "I exported it from Adobe Acrobat Reader.",
        "I'm Iron Man",
    ],
)
def test_capitalized_words_after_intro_cues_are_kept(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text) == text


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Ship it to 1600 Amphitheatre Parkway, Mountain View", "1600 Amphitheatre Parkway"),
        ("I live at 221B Baker Street.", "221B Baker Street"),
        ("Vivo en Calle Mayor 5, Madrid", "Calle Mayor 5"),
        ("Meine Adresse: Hauptstraße 12, Berlin", "Hauptstraße 12"),
        ("Lieferung an Berliner Straße 5a", "Berliner Straße 5a"),
    ],
)
def test_address(redactor: Redactor, text: str, address: str) -> None:
    _redacts(redactor, text, address, "<ADDRESS>")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # Missed by the leakage test: an all-caps street token and an Indian PIN code.
        ("I live at 166 MG Road, Bengaluru 560001.", "166 MG Road, Bengaluru 560001"),
        ("I live at 60 MG Road, Bengaluru 560001.", "60 MG Road, Bengaluru 560001"),
        # Variants: abbreviations, street types the pattern does not know, other postcodes.
        ("My address is 14 Nehru Marg, New Delhi 110001", "14 Nehru Marg, New Delhi 110001"),
        (
            "I live at 7 JP Nagar 2nd Phase, Bengaluru 560078.",
            "7 JP Nagar 2nd Phase, Bengaluru 560078",
        ),
        ("I live at 12 Rue Lepic, 75018 Paris.", "12 Rue Lepic, 75018 Paris"),
        ("Ship it to 80 Strand, London WC2R 0RL please", "80 Strand, London WC2R 0RL"),
        ("Send it to 55 King St W, Toronto, ON M5K 1A1", "55 King St W, Toronto, ON M5K 1A1"),
        ("Delivery to 9 M.G. Road, Pune 411001 failed", "9 M.G. Road, Pune 411001"),
        (
            "We moved to 12 Maple Avenue, Springfield, IL 62704.",
            "12 Maple Avenue, Springfield, IL 62704",
        ),
        ("my address: 31 Prinsengracht, 1015 DK Amsterdam", "31 Prinsengracht, 1015 DK Amsterdam"),
    ],
)
def test_address_with_abbreviations_and_postcodes(
    redactor: Redactor, text: str, address: str
) -> None:
    out = redactor.redact(text)
    assert address not in out and "<ADDRESS>" in out, out
    assert not any(ch.isdigit() for ch in out), out  # city and postcode went with the street


@pytest.mark.parametrize(
    "text",
    [
        "The cache needs 5 GB Drive space.",
        "Send it to 3 Different Teams for review.",
        "I live at the end of the road, 2 minutes from the station.",
    ],
)
def test_address_look_alikes_are_kept(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text) == text


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("I was born on 03/14/1985 in Ohio", "03/14/1985"),
        ("DOB: 1985-03-14", "1985-03-14"),
        ("Ich bin geboren am 14.03.1985", "14.03.1985"),
        ("Fui nacido el 14/03/1985", "14/03/1985"),
        ("date of birth is March 14, 1985", "March 14, 1985"),
        ("fecha de nacimiento: 14 de marzo de 1985", "14 de marzo de 1985"),
    ],
)
def test_date_of_birth(redactor: Redactor, text: str, date: str) -> None:
    _redacts(redactor, text, date, "<DATE_OF_BIRTH>")


def test_plain_dates_are_kept(redactor: Redactor) -> None:
    text = "The outage on 2024-03-14 lasted until 03/15/2024."
    assert redactor.redact(text) == text


def test_analyze_reports_typed_non_overlapping_spans(redactor: Redactor) -> None:
    text = "Mail maria@example.com from 10.0.0.1"
    spans = redactor.analyze(text)
    assert spans == [DetectedEntity(5, 22, "EMAIL"), DetectedEntity(28, 36, "IP")]


def test_none_and_empty(redactor: Redactor) -> None:
    assert redactor.redact(None) is None
    assert redactor.redact("") == ""
    assert redactor.redact_many([None, "", "a@b.co", None]) == [None, "", "<EMAIL>", None]


def test_redact_many_matches_redact(redactor: Redactor) -> None:
    texts = ["Call +44 20 7946 0958", "no pii here", "Call +44 20 7946 0958", None]
    assert redactor.redact_many(texts) == [redactor.redact(t) for t in texts]


def test_robust_to_control_characters_and_emoji(redactor: Redactor) -> None:
    text = "\x00\x07 bell\x1b[31m ansi 😀👍🏽 mail\u200bme: ana@example.com \ufeff\r\n\t مرحبا 你好"
    out = redactor.redact(text)
    assert "ana@example.com" not in out
    # a run of another script in a Latin-script text is taken for a name (lean to redaction)
    assert out.startswith("\x00\x07 bell") and out.endswith("\t <PERSON>")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Write a reminder to 王杨 (late invoice)", "Write a reminder to <PERSON> (late invoice)"),
        ("Sender: عزمي همدان, Berlin", "Sender: <PERSON>, Berlin"),
        ("Mit freundlichen Grüßen\nМарк Макаров", "Mit freundlichen Grüßen\n<PERSON>"),
        # a text in that script is left alone: its words are the request, not a name
        ("مرحبا، أريد مساعدة في كتابة رسالة", "مرحبا، أريد مساعدة في كتابة رسالة"),
    ],
)
def test_other_scripts_inside_latin_text_are_names(text: str, expected: str) -> None:
    assert Redactor().redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hi i am kristi smith and i want help", "hi i am <PERSON> and i want help"),
        ("hey its bradley again, call me", "hey its <PERSON> again, call me"),
        ("account holder henry wood)", "account holder <PERSON>)"),
        ("hi i am trying to log in", "hi i am trying to log in"),
        ("Please add Deborah F. Sullivan to the invite", "Please add <PERSON> to the invite"),
        ("for Sanne van 't Hof please", "for <PERSON> please"),
    ],
)
def test_names_are_taken_whole_and_lowercase_ones_after_a_cue(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor.redact(text) == expected


def test_robust_to_long_text(redactor: Redactor) -> None:
    chunk = "Please help, my email is ana@example.com and the app keeps crashing. "
    text = (chunk * (32_768 // len(chunk) + 1))[:32_768]
    started = time.perf_counter()
    out = redactor.redact(text)
    assert time.perf_counter() - started < 5
    assert "ana@example.com" not in out
    assert len(out) <= len(text)


def test_text_without_pii_is_returned_unchanged(redactor: Redactor) -> None:
    text = "I'm sorry, but I can't help with that. 🙏 Let's try something else!"
    assert redactor.redact(text) is not None
    assert redactor.redact(text) == text


def test_no_network_access(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    fresh = Redactor()
    assert fresh.redact("mail ana@example.co.uk now") == "mail <EMAIL> now"


# --------------------------------------------------------------------------- pseudonymization

SECRET_A = "a" * 32
SECRET_B = "b-very-secret-value-1234"


def test_pseudonymize_is_deterministic_hex() -> None:
    p = Pseudonymizer.from_env({KEYS_ENV: f"v1={SECRET_A}"})
    digest = p.pseudonymize("user-42")
    assert digest == p.pseudonymize("user-42")
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert digest != p.pseudonymize("user-43")
    assert p.pseudonymize(None) is None


def test_different_keys_give_different_pseudonyms() -> None:
    a = Pseudonymizer.from_env({KEYS_ENV: f"v1={SECRET_A}"})
    b = Pseudonymizer.from_env({KEYS_ENV: f"v1={SECRET_B}"})
    assert a.pseudonymize("user-42") != b.pseudonymize("user-42")


def test_key_rotation_and_version() -> None:
    env = {KEYS_ENV: f"v1={SECRET_A};v2={SECRET_B}"}
    latest = Pseudonymizer.from_env(env)
    assert latest.active_version == "v2"
    assert set(latest.keys) == {"v1", "v2"}
    pinned = Pseudonymizer.from_env({**env, KEY_VERSION_ENV: "v1"})
    assert pinned.active_version == "v1"
    only_v1 = Pseudonymizer.from_env({KEYS_ENV: f"v1={SECRET_A}"})
    assert pinned.pseudonymize("u") == only_v1.pseudonymize("u")
    assert pinned.pseudonymize("u") != latest.pseudonymize("u")


@pytest.mark.parametrize(
    "env",
    [
        {},
        {KEYS_ENV: ""},
        {KEYS_ENV: "   "},
        {KEYS_ENV: SECRET_A},
        {KEYS_ENV: "v1="},
        {KEYS_ENV: "v1=short-secret"},
        {KEYS_ENV: f"v1={SECRET_A}", KEY_VERSION_ENV: "v9"},
    ],
)
def test_missing_or_bad_key_is_an_error_naming_the_variable(env: dict[str, str]) -> None:
    with pytest.raises(MissingPseudonymKeyError) as excinfo:
        Pseudonymizer.from_env(env)
    message = str(excinfo.value)
    assert KEYS_ENV in message
    assert SECRET_A not in message and "short-secret" not in message


def test_secrets_never_in_repr() -> None:
    p = Pseudonymizer.from_env({KEYS_ENV: f"v1={SECRET_A};v2={SECRET_B}"})
    text = repr(p) + str(p)
    assert SECRET_A not in text and SECRET_B not in text
    assert "v1" in text and "v2" in text


def test_secret_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("DEBUG"):
        Pseudonymizer.from_env({KEYS_ENV: f"v1={SECRET_A}"})
    assert SECRET_A not in caplog.text


def test_demo_key() -> None:
    demo = Pseudonymizer.for_demo()
    assert demo.active_version == "demo"
    assert demo.pseudonymize("x") == Pseudonymizer.for_demo().pseudonymize("x")


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # the unit, neighbourhood, postcode and city around a street line
        (
            "el piso en Calle de Toledo 14, piso 2, puerta 3, 28005 Madrid, por favor",
            "28005 Madrid",
        ),
        ("Endereço: Rua das Acácias, 120, apto 41 - Moema - São Paulo/SP - CEP 04077-001", "04077"),
        (
            "Not delivered. Address: H.No. 4-2-118, 6th Cross, Jayanagar, Mysuru 570011.",
            "4-2-118",
        ),
        ("Via Garibaldi, 12 bis - 10122 Torino (TO) e fa rumore", "10122 Torino"),
        ("Flat 4, 22 Holloway Road, London N7 8JG", "Flat 4"),
        # lower case, German "Am ...", post-office boxes, Japanese blocks
        ("last i knew she lived at 48 orchard close. can u find her", "48 orchard close"),
        ("bin noch bei oma, lindenstraße 12a", "lindenstraße 12a"),
        ("Paket ging an: Am Anger 7. Meine Adresse ist anders", "Am Anger 7"),
        ("Please update my mailing address to P.O. Box 3321, Tulsa, OK 74101.", "P.O. Box 3321"),
        ("please deliver it to 2-14-3 Shimokitazawa instead", "2-14-3 Shimokitazawa"),
    ],
)
def test_address_shapes_of_many_countries_are_redacted(text, secret):
    assert secret not in default_redactor().redact(text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("SENDER: PARK JI-HOON\nCONTENTS: BOOKS", "PARK"),
        ("Nom : DUVAL\nPrénom : Odile", "DUVAL"),
        ("the card is declined, name on card MARTA KOWALSKA, billing zip the same", "KOWALSKA"),
        ("Is R.J. Ellison a real author? I can't find her.", "Ellison"),
        ("Insurance claim - policyholder: Haruto K. Mori; phone: none", "Mori"),
        ("Hi Chidinma, I left the keys at reception", "Chidinma"),
        ("Warum antwortet Herr Dr. Wojcik nicht auf meine Mails?", "Wojcik"),
        ("pls add olena and dmytro to the cc on that email", "olena"),
    ],
)
def test_names_in_capitals_forms_initials_and_greetings_are_redacted(text, secret):
    assert secret not in default_redactor().redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "The cache uses 5 GB Drive space after v3.9.8.",
        "I ran 5 miles down the road and back",
        "Hi Team, the export is broken again",
        "The U.S. Army manual says otherwise",
    ],
)
def test_look_alikes_of_the_new_shapes_stay(text):
    assert default_redactor().redact(text) == text


@pytest.mark.parametrize(
    ("text", "secret", "placeholder"),
    [
        ("Die Nummer meines Reisepasses lautet K7TR20Q4X, stimmt das?", "K7TR20Q4X", "<PASSPORT>"),
        ("Mi pasaporte es el PA4471902 y no funciona", "PA4471902", "<PASSPORT>"),
        ("mon permis de conduire, c'est 12AB34567, il va où ?", "12AB34567", "<DRIVER_LICENSE>"),
        ("National Insurance number QQ 12 34 56 C, is it valid?", "12 34 56", "<SSN>"),
        ("numéro de sécurité sociale 2 84 03 75 116 023 51", "116 023", "<SSN>"),
        ("Phone: 0113 728 6878\nReason for visit: migraines", "728 6878", "<PHONE>"),
    ],
)
def test_cued_documents_national_ids_and_phones_are_redacted(text, secret, placeholder):
    redacted = default_redactor().redact(text)
    assert secret not in redacted and placeholder in redacted


def test_a_national_id_stops_at_the_sentence_after_it():
    text = "Social security number: 651913285. Is it safe to share here?"
    assert default_redactor().redact(text).endswith(". Is it safe to share here?")


def test_lowercase_given_and_family_names_in_the_lists_are_redacted_without_a_cue():
    redacted = default_redactor().redact("so my ex nicole hughes blocked me everywhere")
    assert "nicole" not in redacted and "hughes" not in redacted
    kept = "i will grace you with my presence and mark the date"
    assert default_redactor().redact(kept) == kept


def test_speakers_of_a_pasted_chat_are_redacted_but_form_labels_are_not():
    chat = "Oksana : on se voit où ?\nTeodor : chez moi\nOksana : ok"
    assert "Oksana" not in default_redactor().redact(chat)
    assert "Teodor" not in default_redactor().redact(chat)
    form = "Grade: 7\nEmployer: none\nReason: a checkup"
    assert default_redactor().redact(form) == form


def test_an_initial_before_a_sentence_is_no_name():
    redacted = default_redactor().redact("She married Jay-Z. They met in 2001.")
    assert redacted.endswith("They met in 2001.")
