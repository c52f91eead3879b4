#!/usr/bin/env python3
"""Writes the cross-check corpus: corpus/*.json and corpus/manifest.json.

Each document is a create request that differs from a valid one in one way, so that each rule
the schema expresses has documents on both sides of it. manifest.json records the verdict each
document was written to get from pc-customer (lenient and strict), so that a document that stops
testing its rule is noticed. The few documents that test what JSON Schema cannot say (member
names in any case, a member given twice, lengths in UTF-16 code units, lone surrogates) carry a
"skip" reason there: check.mjs does not ask ajv to agree on them, but still holds pc-customer to
its verdict.

Run from anywhere: python3 tests/schema_crosscheck/make_corpus.py
"""

import copy
import json
import pathlib
import shutil

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

GUID = "484e548c-f5f3-4528-93a9-c16c6373cb59"


def gb():
    return {
        "companyProfile": {"domain": "contoso.onmicrosoft.com"},
        "billingProfile": {
            "email": "billing@contoso.com",
            "culture": "en-GB",
            "language": "en",
            "companyName": "Contoso Ltd",
            "defaultAddress": {
                "country": "GB",
                "city": "London",
                "addressLine1": "1 High Street",
                "postalCode": "SW1A 1AA",
                "firstName": "Ada",
                "lastName": "Lovelace",
                "phoneNumber": "+44 20 7946 0000",
            },
        },
        "associatedPartnerId": GUID,
    }


def us():
    doc = gb()
    doc["billingProfile"].update({"culture": "en-US", "language": "en", "companyName": "Wingtip Toys"})
    doc["billingProfile"]["defaultAddress"] = {
        "country": "US",
        "city": "Redmond",
        "state": "WA",
        "addressLine1": "One Microsoft Way",
        "postalCode": "98052",
        "firstName": "Gena",
        "lastName": "Soto",
        "phoneNumber": "4255550101",
    }
    return doc


def pt():
    doc = gb()
    doc["billingProfile"].update({"culture": "pt-PT", "language": "pt"})
    doc["billingProfile"]["defaultAddress"] = {
        "country": "PT",
        "city": "Lisboa",
        "addressLine1": "Avenida da Liberdade 1",
        "postalCode": "1250-096",
    }
    return doc


def ru():
    doc = gb()
    doc["companyProfile"]["organizationRegistrationNumber"] = "1027700132195"
    doc["billingProfile"].update({"culture": "ru-RU", "language": "ru"})
    doc["billingProfile"]["defaultAddress"] = {
        "country": "RU",
        "city": "Moscow",
        "addressLine1": "Tverskaya 1",
        "phoneNumber": "+7 495 000 00 00",
    }
    return doc


def at(doc, path):
    """The object at path ("billingProfile/defaultAddress"), for changes in place."""
    node = doc
    for part in path.split("/") if path else []:
        node = node[part]
    return node


def with_value(base, path, member, value):
    doc = copy.deepcopy(base)
    at(doc, path)[member] = value
    return doc


def without(base, path, member):
    doc = copy.deepcopy(base)
    del at(doc, path)[member]
    return doc


BILLING = "billingProfile"
ADDRESS = "billingProfile/defaultAddress"
COMPANY = "companyProfile"

# name -> (document or raw text, valid in lenient mode, valid in strict mode)
documents = {}
# name -> (document or raw text, why the schema cannot judge it, valid in lenient mode, in strict)
skipped = {}


def valid(name, doc, strict=True):
    documents["valid-" + name] = (doc, True, strict)


def invalid(name, doc):
    documents["invalid-" + name] = (doc, False, False)


def skip(name, doc, reason, valid=False, strict=None):
    skipped["skip-" + name] = (doc, reason, valid, valid if strict is None else strict)


# ---- valid documents ---------------------------------------------------------------------------
valid("gb", gb())
valid("us", us())
valid("us-zip-plus-four-es", with_value(with_value(with_value(us(), ADDRESS, "postalCode", "98052-6399"), BILLING, "culture", "es-US"), BILLING, "language", "es"))
valid("us-phone-formats", with_value(us(), ADDRESS, "phoneNumber", "(425) 555-0101"))
valid("us-phone-with-country-code", with_value(us(), ADDRESS, "phoneNumber", "1-425-555-0101"))
valid("us-blank-phone", with_value(us(), ADDRESS, "phoneNumber", "  "))
valid("pt", pt())
valid("ru", ru())
india = ru()
india["companyProfile"]["organizationRegistrationNumber"] = "U72200MH2009PLC123456"
india["billingProfile"].update({"culture": "hi-IN", "language": "hi"})
india["billingProfile"]["defaultAddress"].update({"country": "IN", "city": "Mumbai"})
valid("in", india)
ru_company_address = ru()
ru_company_address["companyProfile"]["address"] = {"country": "RU", "addressLine1": "Tverskaya 2", "phoneNumber": "+7 495 000 00 01"}
valid("ru-company-address-with-phone", ru_company_address)
nulls = gb()
nulls.update({"id": None, "commerceId": None, "relationshipToPartner": None, "allowDelegatedAccess": None,
              "userCredentials": None, "customDomains": None, "enableGDAPByDefault": None, "tags": None,
              "links": None, "attributes": None})
nulls["companyProfile"].update({"tenantId": None, "companyName": None, "organizationRegistrationNumber": None,
                                "address": None, "email": None})
nulls["billingProfile"].update({"id": None, "firstName": None, "lastName": None, "links": None, "attributes": None})
nulls["billingProfile"]["defaultAddress"].update({"region": None, "state": None, "addressLine2": None,
                                                  "middleName": None, "phoneNumber": None})
valid("optional-members-null", nulls)
extras = gb()
extras.update({
    "relationshipToPartner": "reseller",
    "allowDelegatedAccess": True,
    "userCredentials": {"userName": "admin"},
    "customDomains": ["contoso.com", "contoso.co.uk"],
    "enableGDAPByDefault": False,
    "tags": ["north", "retail"],
    "links": {"self": {"uri": "/customers", "method": "POST", "headers": [{"key": "MS-Contract-Version", "value": "v1"}]}},
    "attributes": {"objectType": "Customer"},
})
valid("optional-members-given", extras)
valid("password-null", with_value(gb(), "", "userCredentials", {"userName": "admin", "password": None}))
valid("company-address-gb", with_value(gb(), COMPANY, "address", {"country": "GB", "addressLine1": "2 High Street"}))
valid("domain-any-case-longest-prefix", with_value(gb(), COMPANY, "domain", "A" * 26 + "9.OnMicrosoft.COM"))
valid("lengths-at-most", with_value(with_value(with_value(gb(), ADDRESS, "addressLine1", "x" * 200), ADDRESS, "addressLine2", "y" * 200), ADDRESS, "lastName", "z" * 50))
valid("names-one-character", with_value(with_value(gb(), ADDRESS, "firstName", "A"), ADDRESS, "middleName", "B"))
valid("state-two-letters-gb", with_value(gb(), ADDRESS, "state", "EN"))
valid("blank-optional-text", with_value(with_value(gb(), ADDRESS, "addressLine2", "   "), ADDRESS, "region", ""))
valid("blank-optional-text-with-tab", with_value(gb(), ADDRESS, "addressLine3", "\t\r\n"))
valid("unicode-text", with_value(with_value(with_value(gb(), BILLING, "companyName", "Société Générale"), ADDRESS, "firstName", "Élodie"), ADDRESS, "addressLine1", "東京都千代田区1-1 🏢"))
valid("email-longest-local-part", with_value(gb(), BILLING, "email", "a" * 64 + "@contoso.com"))
valid("email-subdomain", with_value(gb(), BILLING, "email", "first.last+billing@mail.contoso.co.uk"))
valid("guid-upper-case", with_value(gb(), "", "associatedPartnerId", GUID.upper()))
valid("unknown-member", with_value(gb(), "", "comment", "not a member of Customer"), strict=False)
valid("unknown-member-nested", with_value(gb(), ADDRESS, "county", "Greater London"), strict=False)
valid("unknown-member-null", with_value(gb(), BILLING, "vatId", None), strict=False)

# ---- invalid documents, one rule each ----------------------------------------------------------
invalid("no-company-profile", without(gb(), "", "companyProfile"))
invalid("company-profile-null", with_value(gb(), "", "companyProfile", None))
invalid("no-billing-profile", without(gb(), "", "billingProfile"))
invalid("no-associated-partner-id", without(gb(), "", "associatedPartnerId"))
invalid("associated-partner-id-null", with_value(gb(), "", "associatedPartnerId", None))
invalid("associated-partner-id-blank", with_value(gb(), "", "associatedPartnerId", "   "))
invalid("associated-partner-id-not-guid", with_value(gb(), "", "associatedPartnerId", "not-a-guid"))
invalid("associated-partner-id-braces", with_value(gb(), "", "associatedPartnerId", "{" + GUID + "}"))
invalid("no-domain", without(gb(), COMPANY, "domain"))
invalid("domain-other-suffix", with_value(gb(), COMPANY, "domain", "contoso.sharepoint.com"))
invalid("domain-hyphen", with_value(gb(), COMPANY, "domain", "contoso-eu.onmicrosoft.com"))
invalid("domain-prefix-too-long", with_value(gb(), COMPANY, "domain", "a" * 28 + ".onmicrosoft.com"))
invalid("domain-no-prefix", with_value(gb(), COMPANY, "domain", ".onmicrosoft.com"))
invalid("no-email", without(gb(), BILLING, "email"))
invalid("email-no-dot", with_value(gb(), BILLING, "email", "billing@contoso"))
invalid("email-space", with_value(gb(), BILLING, "email", "billing @contoso.com"))
invalid("email-two-at", with_value(gb(), BILLING, "email", "billing@contoso@example.com"))
invalid("email-local-part-too-long", with_value(gb(), BILLING, "email", "a" * 65 + "@contoso.com"))
invalid("email-too-long", with_value(gb(), BILLING, "email", "a@" + ".".join(["b" * 60] * 5) + ".com"))
valid("email-no-break-space", with_value(gb(), BILLING, "email", "a\u00a0b@contoso.com"))
invalid("email-two-addresses", with_value(gb(), BILLING, "email", "a@contoso.com;b@contoso.com"))
invalid("no-culture", without(gb(), BILLING, "culture"))
invalid("culture-unknown", with_value(gb(), BILLING, "culture", "xx-XX"))
invalid("culture-blank", with_value(gb(), BILLING, "culture", " "))
invalid("no-language", without(gb(), BILLING, "language"))
invalid("language-three-letters", with_value(gb(), BILLING, "language", "eng"))
invalid("language-unsupported", with_value(gb(), BILLING, "language", "xx"))
invalid("no-company-name", without(gb(), BILLING, "companyName"))
invalid("company-name-blank", with_value(gb(), BILLING, "companyName", "\u3000"))
invalid("no-default-address", without(gb(), BILLING, "defaultAddress"))
invalid("no-country", without(gb(), ADDRESS, "country"))
invalid("country-uk", with_value(gb(), ADDRESS, "country", "UK"))
invalid("country-unknown", with_value(gb(), ADDRESS, "country", "ZZ"))
invalid("no-address-line-1", without(gb(), ADDRESS, "addressLine1"))
invalid("address-line-1-blank", with_value(gb(), ADDRESS, "addressLine1", "  "))
invalid("address-line-1-too-long", with_value(gb(), ADDRESS, "addressLine1", "x" * 201))
invalid("address-line-2-too-long", with_value(gb(), ADDRESS, "addressLine2", "y" * 201))
invalid("state-too-long", with_value(gb(), ADDRESS, "state", "ENG"))
invalid("first-name-empty", with_value(gb(), ADDRESS, "firstName", ""))
invalid("middle-name-empty", with_value(gb(), ADDRESS, "middleName", ""))
invalid("last-name-too-long", with_value(gb(), ADDRESS, "lastName", "z" * 51))
invalid("password-given", with_value(gb(), "", "userCredentials", {"userName": "admin", "password": "hunter2"}))
invalid("password-empty", with_value(gb(), "", "userCredentials", {"password": ""}))
invalid("registration-number-gb", with_value(gb(), COMPANY, "organizationRegistrationNumber", "12345"))
invalid("registration-number-blank-gb", with_value(gb(), COMPANY, "organizationRegistrationNumber", " "))
invalid("ru-no-registration-number", without(ru(), COMPANY, "organizationRegistrationNumber"))
invalid("ru-registration-number-null", with_value(ru(), COMPANY, "organizationRegistrationNumber", None))
invalid("ru-registration-number-blank", with_value(ru(), COMPANY, "organizationRegistrationNumber", "\t"))
invalid("ru-no-phone", without(ru(), ADDRESS, "phoneNumber"))
invalid("ru-phone-blank", with_value(ru(), ADDRESS, "phoneNumber", " "))
invalid("ru-company-address-no-phone", with_value(ru(), COMPANY, "address", {"country": "RU", "addressLine1": "Tverskaya 2"}))
invalid("us-no-state", without(us(), ADDRESS, "state"))
invalid("us-state-unknown", with_value(us(), ADDRESS, "state", "XX"))
invalid("us-no-city", without(us(), ADDRESS, "city"))
invalid("us-no-postal-code", without(us(), ADDRESS, "postalCode"))
invalid("us-postal-code-short", with_value(us(), ADDRESS, "postalCode", "9805"))
invalid("us-phone-short", with_value(us(), ADDRESS, "phoneNumber", "12345"))
invalid("us-culture-of-gb", with_value(us(), BILLING, "culture", "en-GB"))
invalid("us-language-fr", with_value(us(), BILLING, "language", "fr"))
invalid("us-company-address-no-state", with_value(gb(), COMPANY, "address", {"country": "US", "city": "Redmond", "addressLine1": "One Microsoft Way", "postalCode": "98052"}))
invalid("pt-postal-code-short", with_value(pt(), ADDRESS, "postalCode", "125"))
invalid("pt-no-city", without(pt(), ADDRESS, "city"))
invalid("domain-number", with_value(gb(), COMPANY, "domain", 42))
invalid("allow-delegated-access-string", with_value(gb(), "", "allowDelegatedAccess", "yes"))
invalid("custom-domains-not-array", with_value(gb(), "", "customDomains", "contoso.com"))
invalid("custom-domains-number-element", with_value(gb(), "", "customDomains", [1]))
invalid("custom-domains-null-element", with_value(gb(), "", "customDomains", [None]))
invalid("relationship-unknown", with_value(gb(), "", "relationshipToPartner", "partner"))
invalid("billing-profile-array", with_value(gb(), "", "billingProfile", [gb()["billingProfile"]]))
invalid("header-not-object", with_value(gb(), "", "links", {"self": {"headers": ["MS-Contract-Version: v1"]}}))
invalid("link-uri-number", with_value(gb(), "", "links", {"self": {"uri": 7}}))
invalid("control-character", with_value(gb(), ADDRESS, "addressLine1", "One\u0001Way"))
invalid("control-character-optional", with_value(gb(), ADDRESS, "city", "Lon\u007fdon"))
invalid("c1-control-character", with_value(gb(), ADDRESS, "region", "a\u0085b"))
invalid("newline-in-attribute", with_value(gb(), "", "attributes", {"objectType": "Cus\ntomer"}))
invalid("control-character-in-tag", with_value(gb(), "", "tags", ["ok", "b\u0000d"]))
invalid("root-array", [gb()])
invalid("root-null", None)
invalid("not-json", '{"companyProfile": {"domain": "contoso.onmicrosoft.com",}\n')

# ---- any case, as the validator compares codes, cultures, languages, states, enumerators --------
valid("country-lower-case", with_value(gb(), ADDRESS, "country", "gb"))
valid("culture-upper-case", with_value(gb(), BILLING, "culture", "EN-GB"))
valid("language-mixed-case", with_value(gb(), BILLING, "language", "En"))
valid("state-lower-case", with_value(us(), ADDRESS, "state", "wa"))
valid("relationship-capitalised", with_value(gb(), "", "relationshipToPartner", "Reseller"))
valid("relationship-upper-case", with_value(gb(), "", "relationshipToPartner", "MICROSOFT_SUPPORT"))
invalid("relationship-plural", with_value(gb(), "", "relationshipToPartner", "resellers"))
us_lower = with_value(with_value(us(), ADDRESS, "country", "us"), ADDRESS, "state", "Wa")
valid("us-lower-case-country-and-state", us_lower)
valid("us-lower-case-spanish", with_value(with_value(us_lower, BILLING, "culture", "ES-us"), BILLING, "language", "ES"))
invalid("us-lower-case-state-unknown", with_value(us_lower, ADDRESS, "state", "xx"))
invalid("us-lower-case-no-state", without(us_lower, ADDRESS, "state"))
invalid("us-lower-case-culture-of-gb", with_value(us_lower, BILLING, "culture", "en-gb"))
invalid("us-lower-case-language-fr", with_value(us_lower, BILLING, "language", "fr"))
invalid("us-lower-case-postal-code-short", with_value(us_lower, ADDRESS, "postalCode", "9805"))
valid("ru-lower-case", with_value(ru(), ADDRESS, "country", "ru"))
invalid("ru-lower-case-no-registration-number",
        without(with_value(ru(), ADDRESS, "country", "Ru"), COMPANY, "organizationRegistrationNumber"))
invalid("ru-lower-case-no-phone", without(with_value(ru(), ADDRESS, "country", "rU"), ADDRESS, "phoneNumber"))
invalid("registration-number-gb-lower-case",
        with_value(with_value(gb(), ADDRESS, "country", "gb"), COMPANY, "organizationRegistrationNumber", "12345"))
valid("pt-culture-mixed-case", with_value(pt(), BILLING, "culture", "PT-pt"))
invalid("pt-culture-of-brazil", with_value(pt(), BILLING, "culture", "pt-BR"))
invalid("pt-lower-case-no-city", without(with_value(pt(), ADDRESS, "country", "pt"), ADDRESS, "city"))

# ---- the culture of the billing country's market -------------------------------------------------
france = with_value(with_value(with_value(gb(), ADDRESS, "country", "FR"), BILLING, "culture", "fr-FR"), BILLING, "language", "fr")
valid("fr", france)
valid("fr-culture-en-us", with_value(france, BILLING, "culture", "en-us"))
invalid("culture-of-another-country", with_value(gb(), BILLING, "culture", "fr-FR"))
invalid("culture-of-another-country-lower-case", with_value(with_value(gb(), ADDRESS, "country", "gb"), BILLING, "culture", "fr-fr"))
invalid("fr-culture-of-belgium", with_value(france, BILLING, "culture", "fr-BE"))
belgium = with_value(with_value(france, ADDRESS, "country", "BE"), BILLING, "culture", "nl-BE")
valid("be-dutch", with_value(belgium, BILLING, "language", "nl"))
valid("be-french", with_value(belgium, BILLING, "culture", "FR-be"))
invalid("be-culture-of-germany", with_value(belgium, BILLING, "culture", "de-DE"))
azerbaijan = with_value(with_value(with_value(ru(), ADDRESS, "country", "az"), BILLING, "culture", "AZ-latn-az"), BILLING, "language", "az")
valid("az-script-culture", azerbaijan)
invalid("az-culture-of-russia", with_value(azerbaijan, BILLING, "culture", "ru-RU"))
invalid("language-unsupported-upper-case", with_value(gb(), BILLING, "language", "XX"))

# ---- the company name: 2 characters, one a letter or number (general category L or N) ------------
invalid("company-name-one-character", with_value(gb(), BILLING, "companyName", "C"))
invalid("company-name-no-letter", with_value(gb(), BILLING, "companyName", "--"))
invalid("company-name-symbols", with_value(gb(), BILLING, "companyName", "\u00d7\u00f7 \u2014"))
valid("company-name-two-letters-cjk", with_value(gb(), BILLING, "companyName", "\u6771\u4eac"))
valid("company-name-arabic-indic-digits", with_value(gb(), BILLING, "companyName", "\u0663\u0663"))
valid("company-name-digit-and-dash", with_value(gb(), BILLING, "companyName", "7-"))
# The families a test of Unicode blocks let through: no letter or number among them.
invalid("company-name-two-emoji", with_value(gb(), BILLING, "companyName", "\U0001F600\U0001F600"))
invalid("company-name-one-astral-emoji", with_value(gb(), BILLING, "companyName", "\U0001F600"))
invalid("company-name-combining-accents", with_value(gb(), BILLING, "companyName", "\u0301\u0301"))
invalid("company-name-private-use", with_value(gb(), BILLING, "companyName", "\ue000\ue001"))
valid("company-name-roman-numeral", with_value(gb(), BILLING, "companyName", "\u216b-"))
valid("company-name-superscript-two", with_value(gb(), BILLING, "companyName", "\u00b2-"))

# ---- what JSON Schema cannot judge ---------------------------------------------------------------
skip("pascal-case-keys",
     (HERE.parent / "golden" / "valid.json").read_text(encoding="utf-8"),
     "member names match case-insensitively (the documented request is PascalCase)", valid=True)
skip("duplicate-key",
     json.dumps(gb(), indent=2).replace('"email": "billing@contoso.com",',
                                        '"email": "billing@contoso.com",\n    "Email": "other@contoso.com",'),
     "a member given twice, whatever its case, is an error; JSON parsers keep the last")
skip("name-astral-characters", with_value(gb(), ADDRESS, "firstName", "\U0001F600" * 26),
     "lengths count UTF-16 code units (52 here), JSON Schema code points (26)")
skip("lone-surrogate",
     json.dumps(gb(), indent=2).replace('"London"', '"Lon\\ud800don"'),
     "an escaped lone surrogate is refused; JSON.parse accepts it")
# check.mjs drops a byte order mark before JSON.parse, as the decoder does.
valid("byte-order-mark", "\ufeff" + json.dumps(gb(), indent=2))


def text_of(doc):
    if isinstance(doc, str):
        return doc
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def main():
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    CORPUS.mkdir()
    manifest = {}
    for name, (doc, lenient, strict) in sorted(documents.items()):
        (CORPUS / (name + ".json")).write_text(text_of(doc), encoding="utf-8")
        manifest[name + ".json"] = {"valid": lenient, "strictValid": strict}
    for name, (doc, reason, lenient, strict) in sorted(skipped.items()):
        (CORPUS / (name + ".json")).write_text(text_of(doc), encoding="utf-8")
        manifest[name + ".json"] = {"valid": lenient, "strictValid": strict, "skip": reason}
    manifest = dict(sorted(manifest.items()))
    (CORPUS / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"{len(documents)} documents judged by ajv, {len(skipped)} skipped, in {CORPUS}")


if __name__ == "__main__":
    main()
