"""Generate `data/pii_labelled.jsonl`: templated sentences with exact character spans.

Templates and value pools were written for this set and are independent of the name lexicon the
redactor uses (Faker's), so person-name recall is not measured on the detector's own word list.
Run `python benchmarks/make_pii_set.py` to rebuild; the seed makes the output reproducible.
"""

from __future__ import annotations

import json
import random
import re
import string
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).parent / "data" / "pii_labelled.jsonl"
SEED = 20240314

NAMES = {
    "en": [
        "Emily Carter", "James O'Connor", "Priya Raman", "Wei Zhang", "Aisha Bello", "Tom Becker",
        "Sarah McAllister", "David Nguyen", "Olivia Brown", "Michael Rossi", "Hannah Kim",
        "Daniel Okafor", "Kevin Walsh", "Laura Jensen", "Chloe Dubois", "Ethan Parker",
        "Fatima Khan", "Lucas Silva", "Zoe Adams", "Rachel Goldberg", "Marcus Johnson",
        "Siobhan Murphy", "Raj Malhotra", "Yuki Tanaka", "Connor Fitzgerald", "Natalie Brooks",
    ],
    "es": [
        "María González", "José Martínez", "Lucía Fernández", "Carlos Ruiz", "Ana López",
        "Javier Morales", "Carmen Díaz", "Alejandro Torres", "Isabel Navarro", "Diego Ramírez",
        "Sofía Herrera", "Pablo Castillo", "Elena Vázquez", "Andrés Jiménez", "Marta Iglesias",
    ],
    "de": [
        "Jürgen Schmidt", "Anna Weber", "Lukas Fischer", "Sabine Hoffmann", "Felix Wagner",
        "Katrin Becker", "Stefan Braun", "Lena Zimmermann", "Matthias Krüger", "Julia Schäfer",
        "Tobias Neumann", "Miriam Vogel", "Dieter Hartmann", "Ulrike Lange",
    ],
}
SURNAMES = {
    "en": ["Thompson", "Okonkwo", "Patel", "Henderson", "Whitaker", "Lindqvist", "Moreau"],
    "es": ["Domínguez", "Ortega", "Salazar", "Cabrera", "Mendoza", "Quintero"],
    "de": ["Krause", "Schulz", "Köhler", "Lehmann", "Brandt", "Seidel"],
}
ADDRESSES = {
    "en": [
        "1600 Amphitheatre Parkway", "221B Baker Street", "742 Evergreen Terrace",
        "350 Fifth Avenue", "4059 Mt Lee Drive", "12 Oak Lane", "10 Downing Street",
        "1313 Mockingbird Lane", "500 Market St", "2 Elm Road, Apt 4B", "77 Massachusetts Avenue",
        "31 Spooner Street", "1428 Elm Street", "88 North Harbor Boulevard", "19 Kingsley Court",
        "600 Pennsylvania Avenue", "45 West 34th Street", "7 Riverside Drive, Suite 210",
    ],
    "es": [
        "Calle Mayor 5", "Calle de Alcalá 48", "Avenida de la Constitución 12",
        "Paseo de Gracia 92", "Plaza Mayor 3", "C/ Serrano 41, 3º B", "Calle Gran Vía 28",
        "Avda. Diagonal 640", "Calle del Pez 7", "Avenida Reforma 222",
    ],
    "de": [
        "Hauptstraße 12", "Berliner Straße 5a", "Kaiser-Wilhelm-Str. 3", "Schillerweg 14",
        "Lindenallee 22", "Goethestraße 8", "Bahnhofstraße 101", "Karl-Marx-Allee 70",
        "Marienplatz 8", "Kurfürstendamm 21", "Münchner Straße 44",
    ],
}
EMAIL_USERS = ["emily.carter", "jdoe84", "priya.r", "m.gonzalez", "anna_weber", "tk+support",
               "lukas.fischer", "carmen.diaz1990", "wei.zhang", "sabine.h"]
EMAIL_DOMAINS = ["gmail.com", "outlook.com", "example.org", "correo.es", "web.de", "acme.co.uk",
                 "yahoo.com", "posteo.de", "protonmail.com", "uni-mainz.de"]
PROFILE_HANDLES = ["maria.gonzalez84", "jwhitaker", "priya-raman-5b2a1", "lena.zimmermann",
                   "carlos_ruiz_fit", "danokafor"]
GENERIC_URLS = ["https://docs.python.org/3/", "https://example.com/pricing",
                "https://en.wikipedia.org/wiki/Refusal", "https://status.openai.com",
                "https://github.com/pandas-dev/pandas/issues", "https://www.bbc.co.uk/news"]
NON_NAMES = ["Python", "Monday", "Paris", "Excel", "Chrome", "Friday", "London", "Berlin",
             "Kubernetes", "Spanish", "Visual Studio Code", "Google Docs", "Windows", "Slack"]
# For the LOGS block: Indian names (most outside Faker's lists), addresses written after an
# address cue with city and postcode (labelled whole), and North American numbers whose area code
# libphonenumber may reject.
NAMES_IN = ["Kavya Reddy", "Sunil Deshpande", "Meera Pillai", "Arjun Nair", "Deepa Venkatesh",
            "Rohan Kulkarni", "Ishaan Chatterjee", "Lakshmi Subramaniam", "Vikram Joshi",
            "Sneha Bhattacharya", "Tanvi Ghosh", "Harish Menon"]
CUED_ADDRESSES = ["48 SV Road, Mumbai 400054", "7 JP Nagar 2nd Phase, Bengaluru 560078",
                  "221 Anna Salai, Chennai 600002", "14 Nehru Marg, New Delhi 110001",
                  "3 NW 23rd Avenue, Portland, OR 97210", "12 Rue Lepic, 75018 Paris",
                  "55 King St W, Toronto, ON M5K 1A1", "80 Strand, London WC2R 0RL",
                  "9 LBS Marg, Thane - 400601", "31 Prinsengracht, 1015 DK Amsterdam"]
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"],
}


def luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


def group(digits: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, pos = [], 0
    for size in sizes:
        parts.append(digits[pos : pos + size])
        pos += size
    return sep.join(parts)


def card(rng: random.Random) -> str:
    kind = rng.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
    if kind == "amex":
        return group(luhn_complete(rng.choice(["34", "37"]), 15, rng), (4, 6, 5), rng.choice(" -"))
    prefix = {"visa": "4", "mc": rng.choice(["51", "53", "55"]), "mc2": "2221", "disc": "6011"}
    digits = luhn_complete(prefix[kind], 16, rng)
    return group(digits, (4, 4, 4, 4), rng.choice([" ", "-", ""]))


def bad_card(rng: random.Random) -> str:
    good = luhn_complete("4", 16, rng)
    bad = good[:-1] + str((int(good[-1]) + rng.randint(1, 9)) % 10)
    return group(bad, (4, 4, 4, 4), rng.choice([" ", ""]))


def ssn(rng: random.Random) -> str:
    area = rng.choice([n for n in range(1, 900) if n != 666])
    sep = rng.choice(["-", "-", " "])
    return f"{area:03d}{sep}{rng.randint(1, 99):02d}{sep}{rng.randint(1, 9999):04d}"


def bare_ssn(rng: random.Random) -> str:
    return ssn(rng).replace("-", "").replace(" ", "")


def phone(rng: random.Random, lang: str) -> str:
    d = lambda n: "".join(rng.choice(string.digits) for _ in range(n))  # noqa: E731
    x = lambda: str(rng.randint(2, 9))  # noqa: E731
    area = rng.choice(["415", "212", "646", "312", "617", "303", "206", "512", "718", "404"])
    us = [f"({area}) {x()}{d(2)}-{d(4)}", f"{area}-{x()}{d(2)}-{d(4)}",
          f"{area}.{x()}{d(2)}.{d(4)}", f"+1 {area} {x()}{d(2)} {d(4)}",
          f"+44 20 7946 0{d(3)}", f"+44 7700 900{d(3)}", f"+1-{area}-{x()}{d(2)}-{d(4)}"]
    es = [f"+34 6{d(2)} {d(3)} {d(3)}", f"6{d(2)} {d(3)} {d(3)}", f"+34 91 {d(3)} {d(2)} {d(2)}",
          f"+52 55 {x()}{d(3)} {d(4)}"]
    de = [f"+49 30 {x()}{d(6)}", f"+49 151 {x()}{d(7)}", f"030 {x()}{d(6)}",
          f"+49 89 {x()}{d(3)} {d(4)}", f"0171 {x()}{d(6)}"]
    return rng.choice({"en": us, "es": es, "de": de}[lang])


def nanp(rng: random.Random, loose: bool = False) -> str:
    """NXX-NXX-XXXX with any area code, as people type it; `loose` uses spaces."""
    area = f"{rng.randint(2, 9)}{rng.randint(0, 99):02d}"
    exchange = f"{rng.randint(2, 9)}{rng.randint(0, 99):02d}"
    line = f"{rng.randint(0, 9999):04d}"
    if loose:
        return f"{area} {exchange} {line}"
    return rng.choice([f"{area}-{exchange}-{line}", f"{area}.{exchange}.{line}",
                       f"({area}) {exchange}-{line}"])


def ipv4(rng: random.Random) -> str:
    first = rng.choice([10, 172, 192, 84, 151, 203, 45, 91])
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def ip(rng: random.Random) -> str:
    if rng.random() < 0.3:
        groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(4)]
        return rng.choice([f"2001:db8:{groups[0]}:{groups[1]}::{groups[2]}",
                           f"fe80::{groups[0]}:{groups[1]}:{groups[2]}:{groups[3]}"])
    return ipv4(rng)


def iban(rng: random.Random, country: str | None = None, valid: bool = True) -> str:
    country = country or rng.choice(["DE", "ES", "GB", "FR", "NL"])
    bban = {
        "DE": lambda: "".join(rng.choice(string.digits) for _ in range(18)),
        "ES": lambda: "".join(rng.choice(string.digits) for _ in range(20)),
        "FR": lambda: "".join(rng.choice(string.digits) for _ in range(23)),
        "GB": lambda: rng.choice(["WEST", "BARC", "NWBK"])
        + "".join(rng.choice(string.digits) for _ in range(14)),
        "NL": lambda: rng.choice(["ABNA", "INGB", "RABO"])
        + "".join(rng.choice(string.digits) for _ in range(10)),
    }[country]()
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    if not valid:
        check = (check + rng.randint(1, 50)) % 97 + 2 if check > 2 else check + 3
    raw = f"{country}{check:02d}{bban}"
    if rng.random() < 0.6:
        return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
    return raw


def dob(rng: random.Random, lang: str) -> str:
    y, m, day = rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28)
    month = MONTHS[lang][m - 1]
    options = {
        "en": [f"{m:02d}/{day:02d}/{y}", f"{y}-{m:02d}-{day:02d}", f"{month} {day}, {y}",
               f"{day} {month} {y}"],
        "es": [f"{day:02d}/{m:02d}/{y}", f"{day} de {month} de {y}", f"{day}-{m:02d}-{y}"],
        "de": [f"{day:02d}.{m:02d}.{y}", f"{day}. {month} {y}", f"{y}-{m:02d}-{day:02d}"],
    }[lang]
    return rng.choice(options)


def email(rng: random.Random) -> str:
    return f"{rng.choice(EMAIL_USERS)}@{rng.choice(EMAIL_DOMAINS)}"


def personal_url(rng: random.Random) -> str:
    handle = rng.choice(PROFILE_HANDLES)
    return rng.choice([
        f"https://facebook.com/{handle}", f"https://www.linkedin.com/in/{handle}",
        f"https://instagram.com/{handle}", f"https://x.com/{handle}",
        f"https://x.com/u?id={rng.randint(1000, 99999)}&email={email(rng)}",
        f"https://shop.example.com/account?user_id={rng.randint(10000, 999999)}",
        f"https://forum.example.net/users/{handle}",
    ])


def sample_names(lang: str) -> list[str]:
    return NAMES[lang] + (NAMES["en"][:6] if lang != "en" else NAMES["es"][:4] + NAMES["de"][:4])


FILLERS: dict[str, Callable[[random.Random, str], str]] = {
    "PERSON": lambda r, lang: r.choice(sample_names(lang)),
    "SURNAME": lambda r, lang: r.choice(SURNAMES[lang]),
    "FIRST": lambda r, lang: r.choice(sample_names(lang)).split()[0],
    "EMAIL": lambda r, lang: email(r),
    "PHONE": phone,
    "CARD": lambda r, lang: card(r),
    "SSN": lambda r, lang: ssn(r),
    "BARE_SSN": lambda r, lang: bare_ssn(r),
    "IP": lambda r, lang: ip(r),
    "IBAN": lambda r, lang: iban(r, {"es": "ES", "de": "DE"}.get(lang)),
    "URL": lambda r, lang: personal_url(r),
    "ADDRESS": lambda r, lang: r.choice(ADDRESSES[lang]),
    "DOB": dob,
    "PERSON_IN": lambda r, lang: r.choice(NAMES_IN),
    "CUED_ADDRESS": lambda r, lang: r.choice(CUED_ADDRESSES),
    "NANP": lambda r, lang: nanp(r),
    "NANP_LOOSE": lambda r, lang: nanp(r, loose=True),
    # look-alikes, never labelled
    "order": lambda r, lang: str(r.randint(10_000_000, 99_999_999)),
    "badcard": lambda r, lang: bad_card(r),
    "badiban": lambda r, lang: iban(r, {"es": "ES", "de": "DE"}.get(lang), valid=False),
    "version": lambda r, lang: f"v{r.randint(1, 12)}.{r.randint(0, 9)}.{r.randint(0, 20)}",
    "genurl": lambda r, lang: r.choice(GENERIC_URLS),
    "nonname": lambda r, lang: r.choice(NON_NAMES),
    "plaindate": lambda r, lang: f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
    "amount": lambda r, lang: f"{r.randint(5, 2000)}.{r.randint(0, 99):02d}",
    "ticket": lambda r, lang: f"{r.choice(['JIRA', 'SUP', 'INC'])}-{r.randint(100, 99999)}",
}
LABEL = {"PERSON": "PERSON", "SURNAME": "PERSON", "FIRST": "PERSON", "EMAIL": "EMAIL",
         "PHONE": "PHONE", "CARD": "CARD", "SSN": "SSN", "BARE_SSN": "SSN", "IP": "IP",
         "IBAN": "IBAN", "URL": "URL", "ADDRESS": "ADDRESS", "DOB": "DATE_OF_BIRTH",
         "PERSON_IN": "PERSON", "CUED_ADDRESS": "ADDRESS", "NANP": "PHONE", "NANP_LOOSE": "PHONE"}

TEMPLATES: dict[str, list[str]] = {
    "en": [
        "Hi, my name is {PERSON} and I can't log in to my account.",
        "This is {PERSON}, please call me back at {PHONE}.",
        "My email is {EMAIL}, can you resend the invoice?",
        "Please update my phone number to {PHONE}.",
        "I was charged twice on card {CARD} for order #{order}.",
        "Why did the assistant refuse to tell me if {CARD} is still valid?",
        "My SSN is {SSN}, can you fill in the W-2 form for me?",
        "Social security number: {BARE_SSN}. Is it safe to share here?",
        "Our server at {IP} keeps getting blocked by your API.",
        "Requests from {IP} fail with error 403 since {plaindate}.",
        "Please wire the refund to IBAN {IBAN}.",
        "Here is my profile {URL}, can you write a bio from it?",
        "Summarize the posts on {URL} for me.",
        "Ship the replacement to {ADDRESS}, Springfield.",
        "I live at {ADDRESS} and the delivery never arrived.",
        "I was born on {DOB}, am I eligible for the senior plan?",
        "DOB: {DOB}. Name: {PERSON}. Reason for visit: headache.",
        "Patient {PERSON}, date of birth {DOB}, asks about dosage.",
        "Name: {PERSON}\nEmail: {EMAIL}\nPhone: {PHONE}",
        "Dear {PERSON}, your ticket {ticket} has been closed.",
        "Can you forward this to {PERSON}? Her address is {EMAIL}.",
        "Mr. {SURNAME} asked whether the model can draft a legal letter.",
        "Dr. {SURNAME} wants to know why medical questions are refused.",
        "Tell {PERSON} that the {nonname} integration still fails.",
        "Thanks,\n{PERSON}",
        "Regards, {PERSON} ({EMAIL})",
        "{PERSON} from accounting says the export to {nonname} is broken.",
        "I'm {FIRST} and I need help writing a complaint to my landlord at {ADDRESS}.",
        "hey its {FIRST}, the bot refused to help me with my taxes again",
        "Contact {PERSON} at {PHONE} or {EMAIL} about the outage.",
        "My card number is {CARD} and the CVV is on the back, is that enough?",
        "Can you check if {IBAN} is a valid account before I send money?",
        "The assistant wouldn't look up who owns {IP}.",
        "Write a birthday message for my son, born {DOB}.",
        "Please delete everything about me: {PERSON}, {ADDRESS}, {PHONE}.",
        "Find the home address of {PERSON}, I know she works at {nonname}.",
        "My mother {PERSON} was born on {DOB} and needs her pension form filled.",
        "Bill me at {EMAIL} and send the card to {ADDRESS}.",
        "I'm locked out. Account email {EMAIL}, last login from {IP}.",
        "User {PERSON} reported that {URL} shows someone else's data.",
        "Why is my SSN {SSN} being rejected by the form?",
        "Text me at {PHONE} when the refund for {amount} USD is processed.",
        "Can you find {PERSON}'s phone number? I only have {URL}.",
        "Hello, I am {PERSON}, customer since 2019, order {order}.",
        "Ms. {SURNAME} called about ticket {ticket} from {PHONE}.",
        "My name's {PERSON}. I need my medical records sent to {EMAIL}.",
        "Is it safe to paste my card {CARD} into the chat?",
        "Employee SSN {SSN} is missing from the payroll export.",
        "Salary goes to {IBAN}, please confirm the bank name.",
        "The fraud team flagged {CARD} and {IP} together.",
    ],
    "es": [
        "Hola, me llamo {PERSON} y no puedo entrar en mi cuenta.",
        "Mi nombre es {PERSON}, mi teléfono es {PHONE}.",
        "Mi correo es {EMAIL}, ¿me reenvían la factura?",
        "Vivo en {ADDRESS}, Madrid, y el pedido no llegó.",
        "Envíen el paquete a {ADDRESS}.",
        "Nací el {DOB}, ¿puedo contratar el plan joven?",
        "Fecha de nacimiento: {DOB}. Nombre: {PERSON}.",
        "Por favor, devuelvan el dinero a mi IBAN {IBAN}.",
        "La Sra. {SURNAME} pregunta por qué el asistente no responde.",
        "El Sr. {SURNAME} llamó desde el {PHONE}.",
        "Soy {FIRST} y el bot se negó a ayudarme con mi declaración.",
        "Me cobraron dos veces en la tarjeta {CARD}.",
        "Saludos,\n{PERSON}",
        "¿Pueden escribir a {PERSON} a {EMAIL}?",
        "Mi perfil es {URL}, escribe una biografía con él.",
        "El paciente {PERSON}, nacido el {DOB}, pregunta por la dosis.",
        "Estimada {PERSON}: su solicitud {ticket} fue cerrada.",
        "Nuestro servidor {IP} está bloqueado por su API.",
    ],
    "de": [
        "Hallo, ich heiße {PERSON} und komme nicht in mein Konto.",
        "Mein Name ist {PERSON}, meine Nummer ist {PHONE}.",
        "Meine E-Mail ist {EMAIL}, bitte die Rechnung erneut senden.",
        "Ich wohne in der {ADDRESS}, Berlin, und das Paket kam nie an.",
        "Bitte liefern Sie an {ADDRESS}.",
        "Ich bin geboren am {DOB}, gilt der Jugendtarif für mich?",
        "Geburtsdatum: {DOB}. Name: {PERSON}.",
        "Bitte erstatten Sie den Betrag auf IBAN {IBAN}.",
        "Herr {SURNAME} fragt, warum der Assistent nicht antwortet.",
        "Frau {SURNAME} hat von {PHONE} angerufen.",
        "Ich bin {FIRST} und der Bot wollte mir bei der Steuer nicht helfen.",
        "Meine Karte {CARD} wurde doppelt belastet.",
        "Viele Grüße,\n{PERSON}",
        "Können Sie {PERSON} unter {EMAIL} erreichen?",
        "Mein Profil: {URL}, schreib daraus eine Biografie.",
        "Sehr geehrte Frau {SURNAME}, Ihr Ticket {ticket} wurde geschlossen.",
        "Unser Server {IP} wird von Ihrer API blockiert.",
        "Patientin {PERSON}, geb. {DOB}, fragt nach der Dosierung.",
    ],
}
# Written after the recognizers were tuned and scored without further tuning: phrasings the
# templates above avoid (no cue words, lowercase, lists, unusual number formats).
HARD: dict[str, list[str]] = {
    "en": [
        "cc {PERSON} and {PERSON} on the thread please",
        "{PERSON} said the chatbot told her to see a lawyer instead of answering.",
        "can u send it to {FIRST}? she handles the refunds",
        "the form asks for {PHONE} but won't accept the format",
        "Attendees: {PERSON}, {PERSON}, {PERSON}.",
        "Reach me via {EMAIL} (work) or {PHONE} (mobile).",
        "Wire details - {IBAN} - beneficiary {PERSON}",
        "Is {CARD} expired? The app says the card was declined.",
        "my address is {ADDRESS} apt 3, zip 94110",
        "Her birthday is {DOB} and she turns 40, write a toast.",
        "Why does it refuse to look up the owner of {IP} in our logs?",
        "I pasted {URL} and it refused to scrape it.",
        "The assistant asked for my SSN ({SSN}) which seems wrong.",
        "{PERSON} ({PHONE}) is the emergency contact.",
    ],
    "es": [
        "Pásale esto a {PERSON}, ella sabe del reembolso.",
        "contacto: {EMAIL} / {PHONE}",
        "Dirección de entrega: {ADDRESS}, 28013 Madrid",
        "Los asistentes fueron {PERSON} y {PERSON}.",
        "Mi cumpleaños es el {DOB}, escribe un poema.",
    ],
    "de": [
        "Bitte {PERSON} in CC setzen.",
        "Kontakt: {EMAIL}, Tel. {PHONE}",
        "Lieferadresse: {ADDRESS}, 10115 Berlin",
        "Teilnehmer: {PERSON}, {PERSON}.",
        "Mein Geburtstag ist am {DOB}, schreib mir ein Gedicht.",
    ],
}
NEGATIVES: dict[str, list[str]] = {
    "en": [
        "I'm sorry, but I can't help with that request.",
        "Why won't you write a poem about the war in the style of a First World War poet?",
        "Order {order} still hasn't shipped, it's been two weeks.",
        "The tracking number {badcard} doesn't work on the courier site.",
        "After upgrading to {version} the export fails on {nonname}.",
        "See {genurl} for the documentation I was following.",
        "The assistant refused to explain how {nonname} handles memory.",
        "We met in {nonname} on {nonname} to plan the {nonname} migration.",
        "The outage on {plaindate} lasted three hours.",
        "I paid {amount} EUR and got nothing, ticket {ticket}.",
        "Reference {badiban} was rejected, is that format right?",
        "Can you explain how binary search works in {nonname}?",
        "It keeps saying my request violates the content policy.",
        "Build {version} fixed the crash but {genurl} still says otherwise.",
        "Error code 0x80070005 appears when I open the app on port 8080.",
        "The model refused to summarize chapter 12 of the textbook.",
        "Please add dark mode, the Settings page is too bright.",
        "Why can't it translate the Apple keynote transcript?",
    ],
    "es": [
        "Lo siento, no puedo ayudarte con eso.",
        "El pedido {order} todavía no ha llegado.",
        "Desde la versión {version} la exportación a {nonname} falla.",
        "¿Por qué se niega a explicar recetas de cocina el {nonname}?",
        "Pagué {amount} euros y no recibí nada, ticket {ticket}.",
        "La documentación de {genurl} no coincide con la app.",
    ],
    "de": [
        "Entschuldigung, dabei kann ich nicht helfen.",
        "Bestellung {order} ist immer noch nicht angekommen.",
        "Seit Version {version} stürzt der Export nach {nonname} ab.",
        "Warum verweigert der Assistent eine Antwort zu {nonname}?",
        "Ich habe {amount} Euro bezahlt und nichts bekommen, Ticket {ticket}.",
        "Meine Frau hat die Rechnung vom {plaindate} schon bezahlt.",
    ],
}

# Added after an end-to-end leakage test on sample logs found misses: self-introductions with
# names outside the lexicon, addresses with abbreviated street names and non-US postcodes, and
# US-style numbers with unassigned area codes. Negatives are the look-alikes the fixes risk.
LOGS: list[str] = [
    "This is {PERSON_IN} writing, the bot refused to summarize my contract.",
    "Hi, this is {PERSON_IN} here. Why can't the assistant read PDFs?",
    "It's {PERSON_IN} again, still no answer about the refund.",
    "I'm {PERSON_IN}, please call me back on {NANP}.",
    "This is for my client {PERSON_IN}, she needs the letter translated.",
    "I live at {CUED_ADDRESS}. The courier keeps saying the address is wrong.",
    "My address is {CUED_ADDRESS}, please update the invoice.",
    "Ship it to {CUED_ADDRESS} before Friday.",
    "Call me back on {NANP} after lunch.",
    "You can reach me at {NANP_LOOSE} anytime.",
    "text me at {NANP} when the order ships",
    "contact me on {NANP}, not by email",
]
LOGS_NEGATIVES: list[str] = [
    "This is Python, not Java, so the syntax is different.",
    "This is Monday's export, see ticket {ticket}.",
    "I am Sure it worked on {version} yesterday.",
    "I'm Happy to help with the {nonname} migration.",
    "The cache uses 5 GB Drive space after {version}.",
    "Send it to 3 Different Teams for review.",
    "123-456-7890 is the placeholder in the docs, not my number.",
]

_SLOT = re.compile(r"\{(\w+)\}")


def render(template: str, lang: str, rng: random.Random) -> dict:
    text, entities, pos = "", [], 0
    for match in _SLOT.finditer(template):
        text += template[pos : match.start()]
        value = FILLERS[match.group(1)](rng, lang)
        if match.group(1) in LABEL:
            entities.append({"start": len(text), "end": len(text) + len(value),
                             "type": LABEL[match.group(1)]})
        text += value
        pos = match.end()
    text += template[pos:]
    return {"text": text, "entities": entities, "lang": lang}


def build() -> list[dict]:
    rng = random.Random(SEED)
    rows = []
    rounds = {"en": 5, "es": 3, "de": 3}
    for lang, templates in TEMPLATES.items():
        for _ in range(rounds[lang]):
            rows.extend(render(t, lang, rng) for t in templates)
    for lang, templates in HARD.items():
        for _ in range(3):
            rows.extend(render(t, lang, rng) for t in templates)
    for lang, templates in NEGATIVES.items():
        for _ in range(3):
            rows.extend(render(t, lang, rng) for t in templates)
    for _ in range(4):
        rows.extend(render(t, "en", rng) for t in LOGS)
    for _ in range(2):
        rows.extend(render(t, "en", rng) for t in LOGS_NEGATIVES)
    seen, unique = set(), []
    for row in rows:
        if row["text"] not in seen:
            seen.add(row["text"])
            unique.append(row)
    return unique


def main() -> None:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
