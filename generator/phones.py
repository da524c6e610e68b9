"""Indonesian phone numbers: parsed with `phonenumbers`, stored as E.164.

Staff write numbers the way they are printed ("021-5662400", "0812 3456 7890",
"+62 812..."); the data keeps them normalised (+62215662400) and the pages show
them in the national format with tel: and wa.me links.
"""

from __future__ import annotations

import functools

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

REGION = "ID"
MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


class PhoneError(ValueError):
    """The text is not a valid Indonesian number; str() says why."""


def parse(text: str) -> phonenumbers.PhoneNumber:
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        raise PhoneError("not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise PhoneError("not a valid number: check the number of digits")
    return number


@functools.lru_cache(maxsize=None)  # the feed checks every past version of the data, with the same numbers
def normalise(text: str, *, mobile: bool = False) -> str:
    """E.164 form of `text`; with mobile=True, only a mobile number is accepted."""
    number = parse(text)
    if mobile and phonenumbers.number_type(number) not in MOBILE_TYPES:
        raise PhoneError("a landline")
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


@functools.lru_cache(maxsize=None)  # parsed again for every page that shows the number
def display(e164: str) -> str:
    """How the number is printed for residents: (021) 5662400, 0812-3456-7890."""
    return phonenumbers.format_number(phonenumbers.parse(e164), PhoneNumberFormat.NATIONAL)


def tel_uri(e164: str) -> str:
    return "tel:" + e164


def whatsapp_uri(e164: str, message: str) -> str:
    from urllib.parse import quote

    return f"https://wa.me/{e164.lstrip('+')}?text={quote(message)}"
