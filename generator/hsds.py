"""The services as Open Referral HSDS 3.0 (Human Services Data Specification) records.

Each service becomes one fully nested HSDS `service` (what the HSDS API's
/services/{id} returns), written to data/hsds/services/<id>.json, and
data/hsds/services.json lists them all as the API's /services page does.

Where a service is delivered: the data does not say which offices serve which
service, and every office carries the closures of "all face-to-face services",
so each service lists every office (the Dinas, the Suku Dinas, every
kecamatan and kelurahan) as a `service_at_location`, each with its
`location`: name, address, and phones with their source and year (in the
phone's `description`).

Status as of the build date: `temporarily closed` when a closure in force
that day covers the service at every office, else `active`; closures in force
at some offices only are told in the service's `alert` and in the
`description` of each closed office's `service_at_location`.

Identifiers are uuid5 of the records' own ids (identifiers.py), so they do not
change between builds.
"""

from __future__ import annotations

import datetime as dt
import json

from . import urls
from .dates import long_date, plain_date

from .identifiers import stable_uuid
from .model import Closure, Contact, Guide, Office, Service

COUNTRY = "ID"
UNKNOWN = ""  # a required HSDS field whose value the data does not hold


def service_uuid(service: Service) -> str:
    return stable_uuid("service", service.id)


def location_uuid(office: Office) -> str:
    return stable_uuid("location", office.kode)


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def closes(closure: Closure, service: Service) -> bool:
    """Whether the closure shuts this service's counters (no list: every face-to-face service)."""
    return not closure.layanan or service.id in {s.id for s in closure.layanan}


def closures_in_force(office: Office, service: Service, day: dt.date) -> list[Closure]:
    return [c for c in office.closures_on(day) if closes(c, service)]


# --- the service itself ----------------------------------------------------------


def description(service: Service) -> str:
    parts = [sentence(service.ringkasan), f"Hasil: {sentence(service.hasil)}"]
    if service.waktu_proses:
        parts.append(f"Lama proses: {sentence(service.waktu_proses)}")
    if service.belum_pasti:
        parts.append(f"Belum dipastikan: {sentence(service.belum_pasti)}")
    if service.dasar_hukum:
        parts.append("Dasar hukum: " + sentence("; ".join(b.citation for b in service.dasar_hukum)))
    return " ".join(parts)


def application_process(service: Service) -> str:
    steps = [f"{n}. {sentence(step)}" for n, step in enumerate(service.langkah, 1)]
    channels = [c.nama + (f" ({c.url})" if c.url else "") for c in service.kanal]
    return "\n".join([*steps, "Kanal: " + ("; ".join(channels) if channels else "belum dipastikan") + "."])


def required_documents(service: Service) -> list[dict]:
    return [
        {
            "id": stable_uuid("required_document", service.id, r.dokumen, r.kondisi or ""),
            "service_id": service_uuid(service),
            "document": r.dokumen + (f" ({r.kondisi})" if r.kondisi else ""),
        }
        for r in service.persyaratan
    ]


def closure_text(closure: Closure) -> str:
    """One closure, as the alert and the locations tell it."""
    basis = f" ({closure.referensi})" if closure.referensi else ""
    return (f"{closure.judul}{basis}: loket tatap muka di {closure.region_name} tutup "
            f"{plain_date(closure.mulai)} sampai dengan {plain_date(closure.selesai)}. {sentence(closure.alternatif)}")


def alert(guide: Guide, service: Service, day: dt.date) -> str | None:
    current = [c for c in sorted(guide.closures, key=lambda c: (c.mulai, c.selesai, c.id))
               if c.covers(day) and closes(c, service)]
    if not current:
        return None
    return f"Per {long_date(day)}: " + " ".join(closure_text(c) for c in current)


def status(guide: Guide, service: Service, day: dt.date) -> str:
    closed_everywhere = all(closures_in_force(office, service, day) for office in guide.offices)
    return "temporarily closed" if closed_everywhere else "active"


# --- where it is delivered -------------------------------------------------------


def contact_note(contact: Contact) -> str:
    """Who answers, and how far to trust the number: its source and year, or the day it was checked."""
    parts = [sentence(contact.label)]
    if contact.jam:
        parts.append(f"Jam layanan: {sentence(contact.jam)}")
    if contact.diverifikasi:
        parts.append(f"Diperiksa {plain_date(contact.diverifikasi)}.")
    if contact.sumber:
        parts.append(f"Sumber: {contact.sumber.judul}, data tahun {contact.sumber.tahun}.")
        if not contact.diverifikasi:
            parts.append("Belum diperiksa ulang; nomor mungkin sudah berubah.")
    if contact.catatan:
        parts.append(f"Catatan: {sentence(contact.catatan)}")
    if contact.diragukan:
        parts.append(f"Nomor ini diragukan: {sentence(contact.diragukan)}")
    return " ".join(parts)


def location_phones(office: Office) -> list[dict]:
    found = []
    for contact in office.kontak:
        numbers = [(n, "voice", "") for n in contact.telepon]
        if contact.whatsapp:
            numbers.append((contact.whatsapp, "text", "WhatsApp. "))
        for number, kind, prefix in numbers:
            found.append({
                "id": stable_uuid("phone", office.kode, contact.peran, kind, number),
                "location_id": location_uuid(office),
                "number": number,
                "type": kind,
                "description": prefix + contact_note(contact),
            })
    return found


def kota_of(office: Office) -> Office | None:
    return next((o for o in [office, *office.ancestors] if o.level == "kota"), None)


def address(office: Office) -> dict:
    kota = kota_of(office)
    return {
        "id": stable_uuid("address", office.kode),
        "location_id": location_uuid(office),
        "address_1": office.alamat,
        "city": (kota.nama_resmi or kota.nama) if kota else UNKNOWN,
        "state_province": office.province,
        "postal_code": office.kode_pos or UNKNOWN,
        "country": COUNTRY,
        "address_type": "physical",
    }


def location_description(office: Office) -> str:
    """Where the office stands in the hierarchy, and where its address comes from."""
    areas = [o.title for o in office.ancestors if o.level != "dinas"]
    parts = [", ".join([office.office_name, *areas]) + "."]
    if office.sumber_alamat:
        parts.append(f"Sumber alamat: {office.sumber_alamat.judul}, data tahun {office.sumber_alamat.tahun}.")
    elif not office.alamat:
        parts.append("Alamat belum tersedia.")
    if not office.kontak:
        parts.append("Nomor telepon dan WhatsApp belum tersedia.")
    return " ".join(parts)


def location(office: Office, site_url: str) -> dict:
    record = {
        "id": location_uuid(office),
        "location_type": "physical",
        "url": urls.absolute(site_url, office.page),
        "name": office.office_name,
        "description": location_description(office),
        "external_identifier": office.kode,
        "external_identifier_type": "Kode wilayah Kemendagri (Kepmendagri No. 300.2.2-2430 Tahun 2025)",
    }
    if office.alamat:
        record["addresses"] = [address(office)]
    phones = location_phones(office)
    if phones:
        record["phones"] = phones
    return record


def location_state(current: list[Closure], day: dt.date) -> str:
    """What a service_at_location says of the day: the closures in force there, or that none is recorded."""
    if current:
        return f"Loket tatap muka tutup pada {long_date(day)}: " + " ".join(
            f"{c.judul}, {plain_date(c.mulai)} sampai dengan {plain_date(c.selesai)}." for c in current)
    return f"Tidak ada penutupan loket yang tercatat pada {long_date(day)}."


def service_at_location(service: Service, office: Office, day: dt.date, place: dict,
                        in_force: list[Closure] | None = None) -> dict:
    """The service at one office; `place` is the office's location record, shared by every service,
    `in_force` the closures in force there that day (default: worked out here)."""
    current = [c for c in (office.closures_on(day) if in_force is None else in_force) if closes(c, service)]
    return {
        "id": stable_uuid("service_at_location", service.id, office.kode),
        "service_id": service_uuid(service),
        "location_id": place["id"],
        "description": location_state(current, day),
        "location": place,
    }


# --- the files -------------------------------------------------------------------


def list_fields(guide: Guide, service: Service, day: dt.date, site_url: str) -> dict:
    """The one-to-one fields: what the list of services shows."""
    record = {
        "id": service_uuid(service),
        "name": service.nama,
        "description": description(service),
        "url": urls.absolute(site_url, service.page),
        "status": status(guide, service, day),
        "application_process": application_process(service),
        "fees_description": service.biaya,
        "assured_date": service.ditinjau.isoformat(),
    }
    notice = alert(guide, service, day)
    if notice:
        record["alert"] = notice
    return record


def service_record(guide: Guide, service: Service, day: dt.date, site_url: str,
                   places: dict[str, dict] | None = None, in_force: dict[str, list[Closure]] | None = None) -> dict:
    """One fully nested HSDS service as of `day`; `places`: each office's location record by code,
    `in_force`: the closures in force at each office that day, by code (both worked out here by default)."""
    places = places or {o.kode: location(o, site_url) for o in guide.offices}
    in_force = in_force or {o.kode: o.closures_on(day) for o in guide.offices}
    return {
        **list_fields(guide, service, day, site_url),
        "required_documents": required_documents(service),
        "service_at_locations": [service_at_location(service, o, day, places[o.kode], in_force[o.kode])
                                 for o in guide.offices],
    }


def services_page(guide: Guide, day: dt.date, site_url: str) -> dict:
    """Every service on one page, shaped as the HSDS API's paginated /services answer."""
    contents = [list_fields(guide, s, day, site_url) for s in guide.services]
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def json_text(document: dict) -> str:
    """Compact (the nested services are large), one record per file, ending with a newline."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def render(guide: Guide, day: dt.date, site_url: str) -> dict[str, str]:
    """{path in the site: JSON text}: the list and one file per service."""
    files = {urls.HSDS_SERVICES: json_text(services_page(guide, day, site_url))}
    places = {o.kode: location(o, site_url) for o in guide.offices}  # each office's, once for every service
    in_force = {o.kode: o.closures_on(day) for o in guide.offices}
    for service in guide.services:
        record = service_record(guide, service, day, site_url, places, in_force)
        files[urls.hsds_service(service_uuid(service))] = json_text(record)
    return files
