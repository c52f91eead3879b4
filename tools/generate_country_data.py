#!/usr/bin/env python3
"""Generate include/partner_center/model/detail/country_data.hpp from the files in data/.

Inputs (data/README.md says where each comes from):
  - data/supported-locales.tsv: the Partner Center supported languages and locales table
    (country, iso2, iso3, cultures)
  - data/country-validation-rules/US.json, PT.json: real country validation rules responses
  - data/iso-3166-1.json: alpha_2 and name of every ISO 3166-1 entry, extracted from Debian's
    iso-codes package (--extract-iso re-extracts it)

Nothing outside the repository is read unless --extract-iso says so. The output is committed and
depends only on the inputs (no run date), so regenerating without a data change is a no-op;
`--check` writes nothing and fails when a committed file differs from what would be written.

Standard library only.
"""

import argparse
import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import textwrap

from generated_files import REPO_ROOT, repo_label, write_or_check

DATA_DIR = os.path.join(REPO_ROOT, "data")
DEFAULT_LOCALES = os.path.join(DATA_DIR, "supported-locales.tsv")
DEFAULT_RULES_DIR = os.path.join(DATA_DIR, "country-validation-rules")
DEFAULT_ISO = os.path.join(DATA_DIR, "iso-3166-1.json")
# Where Debian's iso-codes package installs the file the extract is taken from.
PACKAGED_ISO = "/usr/share/iso-codes/json/iso_3166-1.json"
DEFAULT_OUTPUT = os.path.join(
    REPO_ROOT, "include", "partner_center", "model", "detail", "country_data.hpp")

# Codes of the locales table that ISO 3166-1 does not assign (the table:
# https://learn.microsoft.com/partner-center/developer/partner-center-supported-languages-and-locales):
# Netherlands Antilles (withdrawn from ISO 3166-1), Saba, Sint Eustatius, Jan Mayen, Kosovo.
NON_ISO_MARKETS = frozenset({"AN", "XS", "XE", "XJ", "XK"})

# Countries whose customers need companyProfile.organizationRegistrationNumber and a phone number
# (the list is in
# https://learn.microsoft.com/partner-center/developer/customer-resources#customercompanyprofile):
# the 11 of the 2020 doc, then the 13 added by the doc update of 2021-03-30.
REGISTRATION_NUMBER_COUNTRIES_2020 = ("AM", "AZ", "BY", "HU", "KZ", "KG", "MD", "RU", "TJ", "UZ",
                                      "UA")
REGISTRATION_NUMBER_COUNTRIES_2021 = ("IN", "BR", "ZA", "PL", "AE", "SA", "TR", "TH", "VN", "MM",
                                      "IQ", "SS", "VE")

# Built-in country validation rules, each a real response of
# GET /v1/countryvalidationrules/{iso2}, recorded where the third member says.
BUILTIN_RULES = (
    ("US", "US.json",
     "captured 2019-01-11, microsoft/Partner-Center-PowerShell "
     "test/PowerShell.UnitTests/SessionRecords/GetPartnerCountryValidation.json"),
    ("PT", "PT.json", "2021-12-15, https://github.com/microsoft/Partner-Center-PowerShell/issues/383"),
)

LOCALES_SOURCE = ("https://learn.microsoft.com/partner-center/developer/"
                  "partner-center-supported-languages-and-locales (ms.date 6/29/2022)")

ALPHA2 = re.compile(r"^[A-Z]{2}$")
CULTURE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]+)+$")
RAW_DELIMITER = "json"
TABLE_WIDTH = 100


class InputError(Exception):
    pass


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def cpp_string(text):
    """A C++ string literal for text (UTF-8 source; only backslash and quote need escaping)."""
    for ch in text:
        if ord(ch) < 0x20 or ord(ch) == 0x7F:
            raise InputError(f"control character in {text!r}")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def iso_entries(data, path):
    """{alpha_2: name} of an iso-codes style document ({"3166-1": [{"alpha_2", "name"}...]})."""
    try:
        entries = data["3166-1"]
    except (KeyError, TypeError):
        raise InputError(f"{path}: no \"3166-1\" array")
    countries = {}
    for entry in entries:
        code, name = entry.get("alpha_2"), entry.get("name")
        if not isinstance(code, str) or not ALPHA2.match(code) or not isinstance(name, str):
            raise InputError(f"{path}: bad entry {entry!r}")
        if code in countries:
            raise InputError(f"{path}: alpha_2 {code} appears twice")
        countries[code] = name
    return countries


def read_iso(data, path):
    """The extract's countries and the iso-codes version it names."""
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 ({error})")
    version = document.get("source", {}).get("version") if isinstance(document, dict) else None
    if not isinstance(version, str) or not version:
        raise InputError(f"{path}: no source.version (re-extract it with --extract-iso)")
    return iso_entries(document, path), version


def packaged_iso_version(path):
    """The iso-codes release a packaged iso_3166-1.json comes from (the file carries no version):
    dpkg when it is the installed file, else the package's pkg-config file next to it."""
    if os.path.realpath(path) == os.path.realpath(PACKAGED_ISO):
        try:
            out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
                                 capture_output=True, text=True, check=True).stdout.strip()
            if out:
                return out
        except (OSError, subprocess.CalledProcessError):
            pass
    pc = os.path.join(os.path.dirname(os.path.realpath(path)), "..", "..", "pkgconfig",
                      "iso-codes.pc")
    try:
        with open(pc, encoding="utf-8") as f:
            for line in f:
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def extract_iso(path, version):
    """The bytes of data/iso-3166-1.json taken from iso-codes' iso_3166-1.json: alpha_2 and name
    of every entry in the file's order (nothing else is read), one entry a line."""
    with open(path, "rb") as f:
        raw = f.read()
    countries = iso_entries(json.loads(raw.decode("utf-8")), path)
    version = version or packaged_iso_version(path)
    if not version:
        raise InputError(f"{path}: cannot tell which iso-codes release this is; pass --iso-version")
    source = {
        "package": "iso-codes (Debian)",
        "version": version,
        "file": "/usr/share/iso-codes/json/iso_3166-1.json",
        "sha256": hashlib.sha256(raw).hexdigest(),
        "license": "LGPL-2.1-or-later",
        "fields": "alpha_2 and name of every entry, in the file's order",
    }
    lines = ["{", '  "source": {']
    lines.append(",\n".join(f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}"
                            for k, v in source.items()))
    lines += ["  },", '  "3166-1": [']
    lines.append(",\n".join(
        "    " + json.dumps({"alpha_2": code, "name": name}, ensure_ascii=False)
        for code, name in countries.items()))
    lines += ["  ]", "}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def read_locales(path):
    """Rows of (iso2, name, [cultures]) in the table's order."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header != ["country", "iso2", "iso3", "cultures"]:
            raise InputError(f"{path}: unexpected header {header!r}")
        rows, seen = [], {}
        for line_no, fields in enumerate(reader, start=2):
            if not fields:
                continue
            if len(fields) != 4:
                raise InputError(f"{path}:{line_no}: expected 4 columns, got {len(fields)}")
            name, iso2, _iso3, cultures_text = (field.strip() for field in fields)
            if not ALPHA2.match(iso2):
                raise InputError(f"{path}:{line_no}: iso2 {iso2!r} is not two capital letters")
            if iso2 in seen:
                raise InputError(
                    f"{path}:{line_no}: iso2 {iso2} appears twice (first on line {seen[iso2]})")
            seen[iso2] = line_no
            cultures = [c.strip() for c in cultures_text.split(" / ")]
            for culture in cultures:
                if not CULTURE.match(culture):
                    raise InputError(f"{path}:{line_no}: culture {culture!r} of {iso2} is malformed")
            if len({c.lower() for c in cultures}) != len(cultures):
                raise InputError(f"{path}:{line_no}: {iso2} lists a culture twice")
            rows.append((iso2, name, cultures))
    if not rows:
        raise InputError(f"{path}: no rows")
    return rows


def read_rules(rules_dir, markets):
    rules = []
    for alpha2, file_name, source in BUILTIN_RULES:
        path = os.path.join(rules_dir, file_name)
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        if not isinstance(document, dict) or document.get("iso2Code") != alpha2:
            raise InputError(f"{path}: iso2Code is not {alpha2}")
        if alpha2 not in markets:
            raise InputError(f"{path}: {alpha2} is not a market of the locales table")
        compact = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
        if ")" + RAW_DELIMITER + '"' in compact:
            raise InputError(f"{path}: text contains the raw string delimiter")
        rules.append((alpha2, repo_label(path), source, compact, sha256_of(path)))
    return rules


def validate(iso, locale_rows):
    markets = {iso2 for iso2, _, _ in locale_rows}
    unknown = sorted(code for code in markets - NON_ISO_MARKETS if code not in iso)
    if unknown:
        raise InputError("market codes not in ISO 3166-1 (and not known non-ISO codes): " +
                         " ".join(unknown))
    registration = REGISTRATION_NUMBER_COUNTRIES_2020 + REGISTRATION_NUMBER_COUNTRIES_2021
    if len(set(registration)) != len(registration):
        raise InputError("a registration-number country is listed twice")
    missing = sorted(code for code in registration if code not in markets)
    if missing:
        raise InputError("registration-number countries that are not markets: " + " ".join(missing))
    return markets, sorted(registration)


def structural_commas(text):
    """Offsets just past each comma of the JSON text that is not inside a string."""
    in_string = escaped = False
    for offset, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == ",":
            yield offset + 1


def wrap_raw_json(text, indent, width):
    """Adjacent raw string literals (the compiler joins them), broken only after JSON's own
    commas so no string value (a regex, say) is cut; a piece longer than the width stays whole."""
    overhead = indent + len('R"' + RAW_DELIMITER + "(") + len(")" + RAW_DELIMITER + '"')
    room = max(width - overhead, 20)
    breaks = list(structural_commas(text)) + [len(text)]
    pieces, start = [], 0
    while start < len(text):
        candidates = [b for b in breaks if b > start]
        fitting = [b for b in candidates if b - start <= room]
        end = fitting[-1] if fitting else candidates[0]
        pieces.append(text[start:end])
        start = end
    return [" " * indent + 'R"' + RAW_DELIMITER + "(" + piece + ")" + RAW_DELIMITER + '"'
            for piece in pieces]


def comment_lines(text, first_prefix, next_prefix, width=TABLE_WIDTH):
    return textwrap.wrap(text, width=width, initial_indent=first_prefix,
                         subsequent_indent=next_prefix, break_long_words=False,
                         break_on_hyphens=False)


def render(iso, iso_label, iso_version, iso_sha, locale_rows, locales_label, locales_sha,
           registration, rules):
    culture_offsets = {}
    flat_cultures = []
    for iso2, _, cultures in locale_rows:
        culture_offsets[iso2] = len(flat_cultures)
        flat_cultures.extend(cultures)
    if len(flat_cultures) > 0xFFFF:
        raise InputError("too many cultures for a std::uint16_t index")
    if max(len(cultures) for _, _, cultures in locale_rows) > 0xFF:
        raise InputError("a market has too many cultures for a std::uint8_t count")

    by_folded = {}
    for culture in flat_cultures:
        other = by_folded.setdefault(culture.lower(), culture)
        if other != culture:
            raise InputError(f"cultures {other!r} and {culture!r} differ only in case")
    distinct_cultures = sorted(by_folded.values(), key=str.lower)
    languages = sorted({culture.split("-", 1)[0].lower() for culture in flat_cultures})
    markets = sorted(locale_rows, key=lambda row: row[0])
    iso_sorted = sorted(iso.items())

    out = []
    emit = out.append
    emit("// Generated by tools/generate_country_data.py from the files below. Do not edit;")
    emit("// regenerate with `python3 tools/generate_country_data.py` and commit the result")
    emit("// (`--check` tells whether this file is up to date).")
    emit("//")
    emit("// Sources (data/README.md says where each comes from; sha256 of each file as read):")
    out.extend(comment_lines(f"{locales_label}: {LOCALES_SOURCE}", "//   ", "//     "))
    emit("//     sha256 " + locales_sha)
    for alpha2, label, source, _, sha in rules:
        out.extend(comment_lines(f"{label}: {source}", "//   ", "//     "))
        emit("//     sha256 " + sha)
    out.extend(comment_lines(f"{iso_label}: alpha_2 and name of iso_3166-1.json, Debian "
                             f"iso-codes {iso_version} (LGPL-2.1-or-later)", "//   ", "//     "))
    emit("//     sha256 " + iso_sha)
    emit("//")
    emit("// Strings are UTF-8 (market and country names); compilers that do not read sources as")
    emit("// UTF-8 by default need to be told (MSVC: /utf-8).")
    emit("#pragma once")
    emit("")
    emit("#include <array>")
    emit("#include <cstdint>")
    emit("#include <string_view>")
    emit("")
    emit("namespace partner_center::model::detail {")
    emit("")
    emit("struct iso_country {")
    emit("  std::string_view alpha2;")
    emit("  std::string_view name;")
    emit("};")
    emit("")
    emit("// Partner Center markets: one per row of the supported languages and locales table.")
    emit("// cultures: market_cultures[first_culture, first_culture + culture_count).")
    emit("struct market {")
    emit("  std::string_view alpha2;")
    emit("  std::string_view name;")
    emit("  std::uint16_t first_culture;")
    emit("  std::uint8_t culture_count;")
    emit("};")
    emit("")
    emit("// A country validation rules response (GET /v1/countryvalidationrules/{iso2}), compact.")
    emit("struct builtin_rules {")
    emit("  std::string_view alpha2;")
    emit("  std::string_view json;")
    emit("};")
    emit("")
    emit("// clang-format off")
    emit("")
    emit("// Every ISO 3166-1 entry, sorted by alpha2.")
    emit(f"inline constexpr std::array<iso_country, {len(iso_sorted)}> iso_3166_countries{{{{")
    for code, name in iso_sorted:
        emit(f"    {{{cpp_string(code)}, {cpp_string(name)}}},")
    emit("}};")
    emit("")
    emit("// Sorted by alpha2. Names as the locales table writes them. The table's non-ISO codes")
    emit("// AN, XE, XJ, XK, XS are kept as the doc lists them:")
    emit("// https://learn.microsoft.com/partner-center/developer/"
         "partner-center-supported-languages-and-locales")
    emit(f"inline constexpr std::array<market, {len(markets)}> supported_markets{{{{")
    for iso2, name, cultures in markets:
        emit(f"    {{{cpp_string(iso2)}, {cpp_string(name)}, {culture_offsets[iso2]}, "
             f"{len(cultures)}}},")
    emit("}};")
    emit("")
    emit("// Each market's cultures in the table's order (its preferred culture first), markets in")
    emit("// the table's row order.")
    emit(f"inline constexpr std::array<std::string_view, {len(flat_cultures)}> market_cultures{{{{")
    for iso2, _, cultures in locale_rows:
        items = ", ".join(cpp_string(c) for c in cultures) + ","
        emit(f"    {items:<64}// {culture_offsets[iso2]:>3} {iso2}")
    emit("}};")
    emit("")
    emit("// The distinct cultures of market_cultures, sorted ASCII-case-insensitively.")
    emit(f"inline constexpr std::array<std::string_view, {len(distinct_cultures)}> "
         "supported_cultures{{")
    emit_packed(emit, distinct_cultures)
    emit("}};")
    emit("")
    emit("// The distinct language subtags (before the first '-', lowercased) of all cultures.")
    emit(f"inline constexpr std::array<std::string_view, {len(languages)}> "
         "supported_languages{{")
    emit_packed(emit, languages)
    emit("}};")
    emit("")
    emit("// Customers here need companyProfile.organizationRegistrationNumber and a phone number.")
    emit("// AM AZ BY HU KZ KG MD RU TJ UZ UA: the 2020 doc (field added 2020-11-12); IN BR ZA PL AE")
    emit("// SA TR TH VN MM IQ SS VE: added by the doc update of 2021-03-30. Sorted. See")
    emit("// https://learn.microsoft.com/partner-center/developer/"
         "customer-resources#customercompanyprofile")
    emit(f"inline constexpr std::array<std::string_view, {len(registration)}> "
         "registration_number_countries{{")
    emit_packed(emit, registration)
    emit("}};")
    emit("")
    emit("// Real GET /v1/countryvalidationrules responses (each entry says where it was")
    emit("// recorded), sorted by alpha2.")
    emit(f"inline constexpr std::array<builtin_rules, {len(rules)}> builtin_country_rules{{{{")
    for alpha2, label, source, compact, _ in sorted(rules):
        out.extend(comment_lines(f"{os.path.basename(label)}: {source}", "    // ", "    //   "))
        emit(f"    {{{cpp_string(alpha2)},")
        lines = wrap_raw_json(compact, 5, TABLE_WIDTH)
        lines[-1] += "},"
        out.extend(lines)
    emit("}};")
    emit("")
    emit("// clang-format on")
    emit("")
    emit("}  // namespace partner_center::model::detail")
    return "\n".join(out) + "\n"


def emit_packed(emit, values, indent=4, width=TABLE_WIDTH):
    line = ""
    for value in values:
        item = cpp_string(value) + ","
        candidate = item if not line else line + " " + item
        if indent + len(candidate) > width:
            emit(" " * indent + line)
            candidate = item
        line = candidate
    if line:
        emit(" " * indent + line)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locales", default=DEFAULT_LOCALES,
                        help="supported languages and locales TSV (default: %(default)s)")
    parser.add_argument("--rules-dir", default=DEFAULT_RULES_DIR,
                        help="directory with US.json and PT.json (default: %(default)s)")
    parser.add_argument("--iso", default=DEFAULT_ISO,
                        help="the ISO 3166-1 extract (default: %(default)s)")
    parser.add_argument("--extract-iso", metavar="PATH",
                        help="first write --iso anew from iso-codes' iso_3166-1.json at PATH "
                             f"(Debian: {PACKAGED_ISO})")
    parser.add_argument("--iso-version",
                        help="iso-codes release of --extract-iso's file, when neither dpkg nor "
                             "pkg-config tells it")
    parser.add_argument("--output", default=DEFAULT_OUTPUT,
                        help="header to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a file it would write differs from the "
                             "one on disk")
    args = parser.parse_args(argv)

    outputs = []
    try:
        if args.extract_iso:
            iso_data = extract_iso(args.extract_iso, args.iso_version)
            outputs.append((args.iso, iso_data))
        else:
            with open(args.iso, "rb") as f:
                iso_data = f.read()
        iso, iso_version = read_iso(iso_data, args.iso)
        locale_rows = read_locales(args.locales)
        markets, registration = validate(iso, locale_rows)
        rules = read_rules(args.rules_dir, markets)
        text = render(iso, repo_label(args.iso), iso_version,
                      hashlib.sha256(iso_data).hexdigest(), locale_rows,
                      repo_label(args.locales), sha256_of(args.locales), registration, rules)
        outputs.append((args.output, text.encode("utf-8")))
    except (InputError, OSError, json.JSONDecodeError, csv.Error) as error:
        print(f"generate_country_data: error: {error}", file=sys.stderr)
        return 2

    command = "python3 tools/generate_country_data.py"
    if args.extract_iso:
        command += " --extract-iso " + args.extract_iso
    if args.iso_version:
        command += " --iso-version " + args.iso_version
    return write_or_check(outputs, args.check, "generate_country_data", command)


if __name__ == "__main__":
    sys.exit(main())
