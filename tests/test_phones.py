"""phones.py: numbers as staff write them, stored as E.164, shown in the national format."""

import pytest

from generator import phones


@pytest.mark.parametrize("written, stored", [
    ("021-5662400", "+62215662400"),
    ("(021) 5662400", "+62215662400"),
    ("+62 21 5662400", "+62215662400"),
    ("0812-3456-7890", "+6281234567890"),
])
def test_normalise(written, stored):
    assert phones.normalise(written) == stored


def test_mobile_accepts_a_mobile_number():
    assert phones.normalise("0812 3456 7890", mobile=True) == "+6281234567890"


def test_mobile_rejects_a_landline():
    with pytest.raises(phones.PhoneError, match="^a landline$"):
        phones.normalise("021-5662400", mobile=True)


@pytest.mark.parametrize("written", ["021-452776", "08123", "nomor kantor"])
def test_invalid(written):
    with pytest.raises(phones.PhoneError):
        phones.normalise(written)


def test_display_and_links():
    assert phones.display("+62215662400") == "(021) 5662400"
    assert phones.display("+6281234567890") == "0812-3456-7890"
    assert phones.tel_uri("+62215662400") == "tel:+62215662400"
    assert phones.whatsapp_uri("+6281234567890", "Halo, Kelurahan Gunung?") == (
        "https://wa.me/6281234567890?text=Halo%2C%20Kelurahan%20Gunung%3F"
    )
