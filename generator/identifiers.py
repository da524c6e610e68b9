"""Identifiers that never change between builds: UUIDs derived from the records' own ids.

HSDS records, calendar events and feed entries are named by uuid5 of a kind
and a record's own keys (a service id, an office code, a closure id), in one
fixed namespace. The same data therefore always gets the same identifiers,
and a subscriber's calendar or a directory that imported the services
recognises a record it has seen before.
"""

from __future__ import annotations

import uuid

# Fixed once for this guide; changing it would rename every record for every consumer.
NAMESPACE = uuid.UUID("811d5fa1-1f2b-41d2-bf68-83d53420df2e")


def stable_uuid(kind: str, *keys: str) -> str:
    """stable_uuid("location", "31.74.07.1002") -> the same UUID in every build."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join([kind, *keys])))
