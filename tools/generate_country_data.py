#!/usr/bin/env python3
"""Generate include/partner_center/model/detail/country_data.hpp.

Inputs:
  - the Partner Center supported languages and locales table (TSV: country, iso2, iso3, cultures)
  - the built-in country validation rules (US.json, PT.json), real service responses
  - ISO 3166-1 from Debian's iso-codes package

The output is committed: the library never reads ../shared at build or run time. The output
depends only on the inputs (no run date), so regenerating without a data change is a no-op;
`--check` fails when the committed header is out of date.

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

REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DEFAULT_LOCALES = os.path.join(REPO_ROOT, "..", "shared", "data", "supported-locales.tsv")
DEFAULT_RULES_DIR = os.path.join(REPO_ROOT, "..", "shared", "data", "country-validation-rules")
DEFAULT_ISO = "/usr/share/iso-codes/json/iso_3166-1.json"
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
     "captured 2019-01-11, Partner-Center-PowerShell test session records "
     "(GetPartnerCountryValidation.json)"),
    ("PT", "PT.json", "2021-12-15, issue microsoft/Partner-Center-PowerShell#383"),
)

LOCALES_SOURCE = ('Partner Center doc "partner-center-supported-languages-and-locales.md", '
                  "ms.date 6/29/2022")

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


def read_iso(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
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


def iso_codes_version(path):
    """The iso-codes release the file comes from: dpkg when it is the packaged file, else the
    package's pkg-config file next to it; the file itself carries no version."""
    if os.path.realpath(path) == os.path.realpath(DEFAULT_ISO):
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
    return "(version unknown)"


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
        rules.append((alpha2, file_name, source, compact, sha256_of(path)))
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


def render(iso, iso_version, iso_sha, locale_rows, locales_sha, registration, rules):
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
    emit("// Generated by tools/generate_country_data.py from the sources below. Do not edit;")
    emit("// regenerate with `python3 tools/generate_country_data.py` and commit the result.")
    emit("//")
    emit("// Sources (sha256 of each file as read):")
    out.extend(comment_lines("supported-locales.tsv: " + LOCALES_SOURCE, "//   ", "//     "))
    emit("//     sha256 " + locales_sha)
    for alpha2, file_name, source, _, sha in rules:
        out.extend(comment_lines(f"country-validation-rules/{file_name}: {source}", "//   ",
                                 "//     "))
        emit("//     sha256 " + sha)
    emit(f"//   iso_3166-1.json: Debian iso-codes {iso_version}")
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
    for alpha2, file_name, source, compact, _ in sorted(rules):
        out.extend(comment_lines(f"{file_name}: {source}", "    // ", "    //   "))
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
                        help="iso-codes iso_3166-1.json (default: %(default)s)")
    parser.add_argument("--output", default=DEFAULT_OUTPUT,
                        help="header to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the output file is not up to date")
    args = parser.parse_args(argv)

    try:
        iso = read_iso(args.iso)
        locale_rows = read_locales(args.locales)
        markets, registration = validate(iso, locale_rows)
        rules = read_rules(args.rules_dir, markets)
        text = render(iso, iso_codes_version(args.iso), sha256_of(args.iso), locale_rows,
                      sha256_of(args.locales), registration, rules)
    except (InputError, OSError, json.JSONDecodeError, csv.Error) as error:
        print(f"generate_country_data: error: {error}", file=sys.stderr)
        return 2

    data = text.encode("utf-8")
    if args.check:
        try:
            with open(args.output, "rb") as f:
                current = f.read()
        except OSError:
            current = None
        if current != data:
            print(f"generate_country_data: {args.output} is out of date", file=sys.stderr)
            return 1
        return 0

    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
