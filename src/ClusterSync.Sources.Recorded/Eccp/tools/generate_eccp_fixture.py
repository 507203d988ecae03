#!/usr/bin/env python3
"""Writes the MODELLED ECCP fixture: ../eccp_cluster_organisations.json and ../eccp_ground_truth.csv.

Deterministic: the same tables (eccp_fixture_data.py) and seed always give byte-identical files.
Run from anywhere with Python 3.9+:  python3 generate_eccp_fixture.py
"""
import csv
import io
import json
import random
import unicodedata
import uuid
from datetime import datetime, timezone
from pathlib import Path

from eccp_fixture_data import COUNTRIES, ECOSYSTEMS, NACE, ORGANISATIONS, OVERSEAS, TOPICS

HERE = Path(__file__).resolve().parent
NAMESPACE = uuid.UUID("6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5")
RNG = random.Random(20240917)
ECOSYSTEM_TYPE = "taxonomy_term--industrial_ecosystems"
NACE_TYPE = "taxonomy_term--nace_sectors"
FIRST_CHANGE = int(datetime(2021, 1, 4, tzinfo=timezone.utc).timestamp())
LAST_CHANGE = int(datetime(2025, 6, 27, tzinfo=timezone.utc).timestamp())
LEGAL_FORMS = ["e.V.", "GmbH", "SAS", "GIE", "AIE", "S.c.a r.l.", "S.r.l.", "Sp. z o.o.", "S.A.", "z.s.", "s.r.o.", "z.ú.",
               "B.V.", "Coöperatie U.A.", "ek. för.", "AB", "ry", "Oy", "Egyesület", "Kft.", "Nonprofit Kft.", "Zrt.",
               "S.R.L.", "d.o.o.", "ООД", "ЕООД", "ТОВ", "ГО", "Α.Ε.", "Ε.Π.Ε.", "Verein", "asbl", "vzw", "NV", "ApS",
               "A/S", "forening", "CLG", "Ltd", "DAC", "o.z.", "z.z.p.o.", "GIZ", "zavod", "udruga", "UAB", "VšĮ",
               "asociacija", "SIA", "biedrība", "MTÜ", "OÜ", "SA", "AS", "Derneği", "A.Ş.", "ideell förening", "Inc."]
STREETS = {
    "de": ["Technologiepark {n}", "Industriestraße {n}", "Am Innovationszentrum {n}"],
    "fr": ["{n} rue de l'Industrie", "{n} avenue de la Recherche", "{n} boulevard des Entreprises"],
    "es": ["Calle de la Innovación {n}", "Avenida de la Ciencia {n}", "Parque Tecnológico, Edificio {n}"],
    "it": ["Via dell'Innovazione {n}", "Corso della Scienza {n}", "Viale dell'Industria {n}"],
    "pl": ["ul. Przemysłowa {n}", "ul. Innowacyjna {n}", "al. Nauki {n}"],
    "cs": ["Technologická {n}", "Průmyslová {n}", "Vědecká {n}"],
    "nl": ["Innovatieweg {n}", "Industrieplein {n}", "Kennispark {n}"],
    "pt": ["Rua da Inovação, {n}", "Avenida da Ciência, {n}", "Parque Tecnológico, Lote {n}"],
    "sv": ["Innovationsgatan {n}", "Teknikringen {n}", "Industrivägen {n}"],
    "fi": ["Innovaatiokatu {n}", "Teknologiantie {n}", "Tehdaskatu {n}"],
    "hu": ["Innováció utca {n}.", "Ipari park {n}.", "Tudomány tér {n}."],
    "ro": ["Strada Inovației nr. {n}", "Bulevardul Științei nr. {n}", "Calea Industriei nr. {n}"],
    "sr": ["Улица иновација {n}", "Ulica inovacija {n}", "Булевар науке {n}"],
    "bg": ["ул. Иновации {n}", "бул. Наука {n}"],
    "uk": ["вул. Інноваційна, {n}", "просп. Науки, {n}"],
    "el": ["Οδός Καινοτομίας {n}", "Λεωφόρος Επιστήμης {n}"],
    "da": ["Innovationsvej {n}", "Teknologiparken {n}"],
    "en": ["{n} Innovation Park", "Unit {n}, Technology Centre"],
    "sk": ["Inovačná {n}", "Priemyselná {n}"],
    "sl": ["Inovacijska ulica {n}", "Tehnološki park {n}"],
    "hr": ["Ulica inovacija {n}", "Tehnološki park {n}"],
    "lt": ["Inovacijų g. {n}", "Mokslo al. {n}"],
    "lv": ["Inovāciju iela {n}", "Zinātnes bulvāris {n}"],
    "et": ["Innovatsiooni tn {n}", "Teaduspargi {n}"],
    "nb": ["Innovasjonsveien {n}", "Teknologiparken {n}"],
    "tr": ["İnovasyon Caddesi No:{n}", "Teknopark Sokak No:{n}"],
}
PARTNERSHIPS = ["Euroclusters", "ESCP-4i", "ESCP-S3", "European Cluster Partnership for Excellence"]


def uid(kind, key):
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def ascii_slug(text, words=3):
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    tokens = [t for t in "".join(c if c.isalnum() else " " for c in plain.lower()).split()
              if t not in {"e", "v", "s", "a", "r", "l", "o", "z", "u", "de", "del", "la", "des", "du", "di", "della", "for", "and", "the"}]
    return "-".join(tokens[:words])


def phone(country, city):
    cc, trunk, keep_trunk = COUNTRIES[country]["phone"]
    _, _, _, _, _, area, digits = city
    subscriber = str(RNG.randint(2, 9)) + "".join(str(RNG.randint(0, 9)) for _ in range(digits - 1))
    grouped = " ".join(subscriber[i:i + 3] for i in range(0, len(subscriber), 3)) if RNG.random() < 0.6 else subscriber
    if RNG.random() < 0.5:
        return f"+{cc} {trunk if keep_trunk else ''}{area} {grouped}"
    return f"{trunk}{area} {grouped}"


def website(slug, tld):
    roll = RNG.random()
    host = f"www.{slug}.{tld}" if RNG.random() < 0.55 else f"{slug}.{tld}"
    if roll < 0.12:
        return None
    if roll < 0.22:
        return host
    return ("https://" if roll < 0.85 else "http://") + host + ("/" if RNG.random() < 0.3 else "")


def members():
    roll = RNG.random()
    if roll < 0.15:
        return {}
    total = RNG.randint(15, 420)
    if roll < 0.25:
        return {"field_members_total": total}
    large = RNG.randint(1, max(1, total // 8))
    research = RNG.randint(1, max(1, total // 10))
    other = RNG.randint(0, max(0, total // 12))
    smes = total - large - research - other
    return {"field_members_total": total, "field_members_smes": smes, "field_members_large": large,
            "field_members_research": research, "field_members_other": other}


def iso(seconds):
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def relationships(topic, nid):
    ecosystems, sectors = TOPICS[topic]
    if RNG.random() < 0.07:
        ecosystems, sectors = [], []
    eco = [{"type": ECOSYSTEM_TYPE, "id": uid("eco", e), "meta": {"drupal_internal__target_id": ECOSYSTEMS.index(e) + 1}}
           for e in ecosystems]
    nace = [{"type": NACE_TYPE, "id": uid("nace", c), "meta": {"drupal_internal__target_id": 100 + sorted(NACE).index(c)}}
            for c in sectors]
    base = f"http://default/jsonapi/node/cluster_organisation/{uid('node', nid)}"
    return {
        "field_ecosystems": {"data": eco, "links": {"self": {"href": base + "/relationships/field_ecosystems"}}},
        "field_sectors": {"data": nace, "links": {"self": {"href": base + "/relationships/field_sectors"}}},
    }


def node(nid, changed, title, lang, address, geo, topic, extra):
    created = changed - RNG.randint(30, 900) * 86400
    attributes = {
        "drupal_internal__nid": nid,
        "langcode": lang,
        "status": True,
        "title": title,
        "created": iso(created),
        "changed": iso(changed),
        "promote": False,
        "path": {"alias": f"/content/{ascii_slug(title or 'profile', 5) or 'profile'}-{nid}", "pid": nid + 5000, "langcode": lang},
        "field_organisation_type": "Cluster organisation",
        "field_address": address,
        "field_geolocation": geo,
    }
    attributes.update(extra)
    return {
        "type": "node--cluster_organisation",
        "id": uid("node", nid),
        "links": {"self": {"href": f"http://default/jsonapi/node/cluster_organisation/{uid('node', nid)}"}},
        "attributes": attributes,
        "relationships": relationships(topic, nid),
    }


def european(nid, changed, spec, overrides=None):
    country, city_index, name, topic, acronym, slug = spec
    settings = COUNTRIES[country]
    city = settings["cities"][city_index]
    lang = settings["lang"]
    domain_slug = slug or ascii_slug(name)
    address = {"country_code": country, "administrative_area": None, "locality": city[0], "postal_code": city[2],
               "address_line1": RNG.choice(STREETS[lang]).format(n=RNG.randint(1, 120)), "address_line2": None}
    geo = {"lat": round(city[3] + RNG.uniform(-0.03, 0.03), 5), "lng": round(city[4] + RNG.uniform(-0.03, 0.03), 5)}
    if RNG.random() < 0.06:
        geo = None
    elif RNG.random() < 0.08:
        geo = {"lat": str(geo["lat"]), "lng": str(geo["lng"])}
    site = website(domain_slug, settings["tld"])
    extra = {
        "field_acronym": acronym,
        "field_nuts_region": city[1],
        "field_website": {"uri": site, "title": "", "options": []} if site else None,
        "field_email": f"{settings['mail']}@{domain_slug}.{settings['tld']}" if RNG.random() < 0.85 else None,
        "field_telephone": phone(country, city) if RNG.random() < 0.9 else None,
        "field_year_established": RNG.randint(1995, 2021) if RNG.random() < 0.85 else None,
        "field_esca_label": RNG.choices(["Gold", "Silver", "Bronze", None], [1, 2, 3, 4])[0],
        "field_partnerships": sorted(RNG.sample(PARTNERSHIPS, RNG.randint(1, 2))) if RNG.random() < 0.25 else [],
    }
    extra.update(members())
    record = node(nid, changed, name, lang, address, geo, topic, extra)
    for key, value in (overrides or {}).items():
        record["attributes"][key] = value
    return record


def overseas(nid, changed, spec):
    country, city, region, postal, lat, lng, tel, name, topic, site, _ = spec
    lang = {"US": "en", "CA": "en", "JP": "ja", "TR": "en"}[country]
    address = {"country_code": country, "administrative_area": region, "locality": city, "postal_code": postal,
               "address_line1": None, "address_line2": None}
    extra = {"field_acronym": None, "field_nuts_region": region if country == "TR" else None,
             "field_website": {"uri": site, "title": "", "options": []} if site else None,
             "field_email": None, "field_telephone": tel,
             "field_year_established": None, "field_esca_label": None, "field_partnerships": []}
    return node(nid, changed, name, lang, address, {"lat": lat, "lng": lng}, topic, extra)


def build():
    rows = []  # (nid, resource, entity, expected, us ids, case)
    order = list(range(len(ORGANISATIONS)))
    RNG.shuffle(order)
    nid = 1000
    entity_of_name = {}
    changes = RNG.sample(range(FIRST_CHANGE, LAST_CHANGE, 60), len(order) + len(OVERSEAS) + 40)
    change = iter(changes)
    for index in order:
        nid += RNG.randint(1, 6)
        spec = ORGANISATIONS[index]
        entity = f"E{index + 1:04d}"
        entity_of_name[spec[2]] = (entity, spec)
        rows.append((nid, european(nid, next(change), spec), entity, "readable", "", "original"))
    for i, spec in enumerate(OVERSEAS):
        nid += RNG.randint(1, 6)
        rows.append((nid, overseas(nid, next(change), spec), f"X{i + 1:04d}", "readable", spec[10],
                     "cross-atlantic" if spec[10] else "overseas"))
    nid = add_duplicates(rows, entity_of_name, change, nid)
    add_faulty(rows, change, nid)
    return rows


def add_duplicates(rows, entity_of_name, change, nid):
    def duplicate(name, case, **overrides):
        nonlocal nid
        nid += RNG.randint(3, 9)
        entity, spec = entity_of_name[name]
        changed = next(change)
        if "city" in overrides:
            spec = (spec[0], overrides.pop("city")) + spec[2:]
        record = european(nid, changed, spec, overrides)
        rows.append((nid, record, entity, "readable", "", case))
        return record

    first = next(r[1] for r in rows if r[1]["attributes"]["title"] == "Photonik-Netzwerk Isartal e.V.")
    duplicate("Photonik-Netzwerk Isartal e.V.", "re-registered", field_website=first["attributes"]["field_website"],
              field_email=first["attributes"]["field_email"])
    duplicate("Asociación Clúster de Energía Marina Vasca", "acronym-as-title", title="ACEMAV",
              field_website={"uri": "acemav.es", "title": "", "options": []})
    duplicate("Кластер аутомобилске индустрије Шумадија", "cyrillic-latin", title="Klaster automobilske industrije Šumadija",
              langcode="sr-Latn", field_website={"uri": "https://www.klaster-sumadija.rs", "title": "", "options": []})
    duplicate("Klastr Moravia Energy z.s.", "without-legal-form", title="Klastr Moravia Energy",
              field_website={"uri": "http://moravia-energy.cz", "title": "", "options": []})
    duplicate("Stichting Waterstofnetwerk Noord", "moved-address", city=7,
              field_website={"uri": "https://waterstofnetwerk-noord.nl/", "title": "", "options": []})
    duplicate("Śląski Klaster Energetyczny", "without-diacritics", title="Slaski Klaster Energetyczny",
              field_website={"uri": "slaskiklasterenergii.pl", "title": "", "options": []})
    duplicate("Клъстер Мехатроника и автоматизация ООД", "translated", title="Cluster Mechatronics and Automation",
              langcode="en", field_website={"uri": "https://mehatronika-klaster.bg", "title": "", "options": []})
    duplicate("Ελληνικό Cluster Αεροδιαστημικής", "translated", title="Hellenic Aerospace Cluster", langcode="en",
              field_website={"uri": "https://www.hellenic-aerospace.gr", "title": "", "options": []})
    duplicate("Suomen Pelialan Klusteri Oy", "translated", title="Finnish Games Cluster", langcode="en",
              field_website={"uri": "https://pelialanklusteri.fi", "title": "", "options": []})
    duplicate("Distretto Aerospaziale Campano S.c.a r.l.", "renamed", title="DAC – Distretto Aerospaziale della Campania")
    return nid


def add_faulty(rows, change, nid):
    spec = ("DE", 3, "placeholder", "logistics", None, None)
    nid += 11
    missing_title = european(nid, next(change), spec, {"title": None})
    rows.append((nid, missing_title, "Q0001", "quarantine", "", "no-title"))
    nid += 4
    atlantis = european(nid, next(change), ("DE", 3, "Atlantis Deep Sea Cluster", "maritime", None, "atlantis-deepsea"), {})
    atlantis["attributes"]["field_address"]["country_code"] = "Atlantis"
    atlantis["attributes"]["field_nuts_region"] = None
    rows.append((nid, atlantis, "Q0002", "quarantine", "", "unknown-country"))
    nid += 6
    broken = european(nid, next(change), ("FR", 0, "Cluster Export Défectueux", "aero", None, None), {})
    broken["attributes"] = ["drupal_internal__nid", nid, "title", "Cluster Export Défectueux"]
    rows.append((nid, broken, "U0001", "unreadable", "", "attributes-not-an-object"))
    nid += 3
    nested = european(nid, next(change), ("IT", 2, "Cluster con titolo annidato", "food", None, None), {})
    nested["attributes"]["title"] = {"value": "Cluster con titolo annidato", "format": "plain_text"}
    rows.append((nid, nested, "U0002", "quarantine", "", "title-not-a-string"))
    nid += 5
    flat = european(nid, next(change), ("AT", 0, "Cluster mit Adresse als Text", "ict", None, None), {})
    flat["attributes"]["field_address"] = "Technologiepark 1, 1010 Wien"
    rows.append((nid, flat, "U0003", "quarantine", "", "address-not-an-object"))
    nid += 2
    anonymous = european(nid, next(change), ("PL", 2, "Klaster bez identyfikatora", "maritime", None, None), {})
    del anonymous["id"]
    rows.append((nid, anonymous, "U0004", "unreadable", "", "no-id"))


def add_contact_person(rows):
    record = next(r[1] for r in rows if r[1].get("attributes", {}).__class__ is dict
                  and r[1]["attributes"].get("title") == "Podkarpacki Klaster Lotniczy Sp. z o.o.")
    record["attributes"]["field_contact_person"] = "Anna Przykładowa"
    record["attributes"]["field_email"] = "anna.przykladowa@podkarpacki-klaster-lotniczy.pl"


def terms():
    result = [{"type": ECOSYSTEM_TYPE, "id": uid("eco", name),
               "attributes": {"drupal_internal__tid": i + 1, "name": name, "langcode": "en"}}
              for i, name in enumerate(ECOSYSTEMS)]
    result += [{"type": NACE_TYPE, "id": uid("nace", code),
                "attributes": {"drupal_internal__tid": 100 + i, "name": NACE[code], "field_nace_code": code, "langcode": "en"}}
               for i, code in enumerate(sorted(NACE))]
    return result


def changed_of(resource):
    attributes = resource.get("attributes")
    if isinstance(attributes, dict):
        return int(datetime.fromisoformat(attributes["changed"]).timestamp())
    return None


def main():
    rows = build()
    add_contact_person(rows)
    lines = []
    for nid, resource, *_ in sorted(rows, key=lambda r: r[0]):
        changed = changed_of(resource) or (FIRST_CHANGE + nid * 3600)
        lines.append(json.dumps({"nid": nid, "changed": changed, "resource": resource}, ensure_ascii=False, separators=(",", ":")))
    term_lines = [json.dumps(t, ensure_ascii=False, separators=(",", ":")) for t in terms()]
    text = ('{"modelled":"MODELLED ECCP JSON:API data: invented cluster organisations, see README.md",\n"nodes":[\n'
            + ",\n".join(lines) + '\n],\n"terms":[\n' + ",\n".join(term_lines) + "\n]}\n")
    (HERE.parent / "eccp_cluster_organisations.json").write_text(text, encoding="utf-8", newline="\n")

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["nid", "uuid", "entity", "expected", "us_registry_org_ids", "case"])
    for nid, resource, entity, expected, us_ids, case in sorted(rows, key=lambda r: r[0]):
        writer.writerow([nid, resource.get("id", ""), entity, expected, us_ids, case])
    (HERE.parent / "eccp_ground_truth.csv").write_text(out.getvalue(), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
