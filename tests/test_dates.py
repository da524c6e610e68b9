"""dates.py: Indonesian dates."""

import datetime as dt

from generator.dates import long_date, plain_date


def test_long_date():
    assert long_date(dt.date(2020, 3, 17)) == "Selasa, 17 Maret 2020"
    assert long_date(dt.date(2020, 4, 2)) == "Kamis, 2 April 2020"


def test_plain_date():
    assert plain_date(dt.date(2020, 8, 17)) == "17 Agustus 2020"
