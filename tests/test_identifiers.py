"""identifiers.py: the fast uuid5 is exactly uuid.uuid5 in the guide's namespace."""

from __future__ import annotations

import uuid

import pytest

from generator.identifiers import NAMESPACE, stable_uuid, uuid5_text


@pytest.mark.parametrize("name", ["", "location\x1f31.74.07.1002", "service_at_location\x1fktp-el\x1f32.01.01.2003",
                                  "Kelurahan Pelabuhan Ratu · ö 😀", "x" * 1000])
def test_the_same_as_the_standard_library(name):
    assert uuid5_text(name) == str(uuid.uuid5(NAMESPACE, name))


def test_every_version_and_variant_bit_over_many_names():
    names = [f"phone\x1f{n}" for n in range(5000)]
    assert [uuid5_text(n) for n in names] == [str(uuid.uuid5(NAMESPACE, n)) for n in names]


def test_stable_uuid_joins_kind_and_keys():
    assert stable_uuid("location", "31.74.07.1002") == str(uuid.uuid5(NAMESPACE, "location\x1f31.74.07.1002"))
