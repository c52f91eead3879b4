#!/usr/bin/env python3
"""Generate include/partner_center/model/detail/unicode_letters_numbers.hpp from data/unicode/.

Input: data/unicode/UnicodeData-extract.txt, the code point, range name and General_Category of
every entry of the Unicode Character Database's UnicodeData.txt (data/unicode/README.md says
where it comes from; --extract-ucd re-extracts it from a UnicodeData.txt).

The header lists the code points whose General_Category is a letter (Lu Ll Lt Lm Lo) or a number
(Nd Nl No) as sorted ranges. UnicodeData.txt writes a few large blocks (CJK ideographs, Hangul
syllables, Tangut) as two entries named "<..., First>" and "<..., Last>" that stand for every code
point between them; those are expanded.

Nothing outside the repository is read unless --extract-ucd says so. The output depends only on
the input (no run date), so regenerating without a data change is a no-op; `--check` writes
nothing and fails when a committed file differs from what would be written.

Standard library only.
"""

import argparse
import hashlib
import os
import re
import subprocess
import sys
import textwrap

# This directory is on sys.path when a script of it runs.
from generated_files import REPO_ROOT, repo_label, write_or_check

DEFAULT_EXTRACT = os.path.join(REPO_ROOT, "data", "unicode", "UnicodeData-extract.txt")
DEFAULT_OUTPUT = os.path.join(
    REPO_ROOT, "include", "partner_center", "model", "detail", "unicode_letters_numbers.hpp")
# Where Debian's unicode-data package installs the file the extract is taken from.
PACKAGED_UCD = "/usr/share/unicode/UnicodeData.txt"

MAX_CODE_POINT = 0x10FFFF
BMP_END = 0x10000
LATIN1_END = 0x100
# The General_Category values (UAX #44, "General Category Values":
# https://www.unicode.org/reports/tr44/#GC_Values_Table).
CATEGORIES = frozenset(
    "Lu Ll Lt Lm Lo Mn Mc Me Nd Nl No Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So Zs Zl Zp Cc Cf Cs Co Cn"
    .split())
# Letters and numbers: the categories whose first letter is L or N.
SELECTED_MAJOR_CLASSES = ("L", "N")

RANGE_NAME = re.compile(r"^<(.+), (First|Last)>$")
CODE_POINT = re.compile(r"^[0-9A-F]{4,6}$")
VERSION = re.compile(r"^[0-9]+\.[0-9]+\.[0-9]+$")
TABLE_WIDTH = 100


class InputError(Exception):
    pass


def parse_unicode_data(text, path):
    """(first, last, category, range name or "") of each entry of a text in UnicodeData.txt's
    format, in order; a "<X, First>" line and the "<X, Last>" line after it become one entry.
    Only fields 0 to 2 are read, so the full file and the extract parse alike. Lines that start
    with '#' (the extract's notes) and empty lines are skipped."""
    entries = []
    pending = None  # (line number, code point, range name, category) of an open "<X, First>"
    previous = -1
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line or line.startswith("#"):
            continue
        fields = line.split(";")
        if len(fields) < 3:
            raise InputError(f"{path}:{line_no}: fewer than 3 fields")
        code, name, category = fields[0], fields[1], fields[2]
        if not CODE_POINT.match(code):
            raise InputError(f"{path}:{line_no}: {code!r} is not a code point")
        cp = int(code, 16)
        if cp > MAX_CODE_POINT:
            raise InputError(f"{path}:{line_no}: {code} is past U+10FFFF")
        if cp <= previous:
            raise InputError(f"{path}:{line_no}: {code} is not after the line before")
        previous = cp
        if category not in CATEGORIES:
            raise InputError(f"{path}:{line_no}: {category!r} is not a General_Category")
        marker = RANGE_NAME.match(name)
        if pending is not None:
            first_line, first_cp, range_name, first_category = pending
            if not marker or marker.group(2) != "Last" or marker.group(1) != range_name:
                raise InputError(f"{path}:{first_line}: <{range_name}, First> is not followed by "
                                 f"<{range_name}, Last>")
            if category != first_category:
                raise InputError(f"{path}:{line_no}: <{range_name}, Last> is {category}, its "
                                 f"First is {first_category}")
            entries.append((first_cp, cp, category, range_name))
            pending = None
        elif marker and marker.group(2) == "First":
            pending = (line_no, cp, marker.group(1), category)
        elif marker:
            raise InputError(f"{path}:{line_no}: {name} without its First")
        else:
            entries.append((cp, cp, category, ""))
    if pending is not None:
        raise InputError(f"{path}:{pending[0]}: <{pending[2]}, First> is the last entry")
    if not entries:
        raise InputError(f"{path}: no entries")
    return entries


def selected_ranges(entries):
    """The code points of the selected categories as sorted [first, last] ranges, adjacent
    ranges merged."""
    ranges = []
    for first, last, category, _ in entries:
        if category[0] not in SELECTED_MAJOR_CLASSES:
            continue
        if ranges and ranges[-1][1] + 1 == first:
            ranges[-1][1] = last
        else:
            ranges.append([first, last])
    return [tuple(r) for r in ranges]


def packaged_versions(path):
    """(Unicode version, Debian package version) of a UnicodeData.txt: the version from the
    ReadMe.txt the UCD ships next to it, the package's from dpkg when it is the installed file.
    Either is None when it cannot be told."""
    unicode_version = package_version = None
    try:
        with open(os.path.join(os.path.dirname(path), "ReadMe.txt"), encoding="utf-8") as f:
            found = re.search(r"for Version ([0-9]+\.[0-9]+\.[0-9]+) of the Unicode Standard",
                              f.read())
            unicode_version = found.group(1) if found else None
    except OSError:
        pass
    if os.path.realpath(path) == os.path.realpath(PACKAGED_UCD):
        try:
            out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "unicode-data"],
                                 capture_output=True, text=True, check=True).stdout.strip()
            package_version = out or None
        except (OSError, subprocess.CalledProcessError):
            pass
    return unicode_version, package_version


def extract_ucd(path, unicode_version, source):
    """The bytes of the extract taken from a UnicodeData.txt: for each line, fields 0 and 2 and
    field 1 when it names a range ("<X, First>", "<X, Last>"), empty otherwise."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 ({error})")
    parse_unicode_data(text, path)  # refuse a file that would not generate
    found_version, package_version = packaged_versions(path)
    unicode_version = unicode_version or found_version
    if not unicode_version or not VERSION.match(unicode_version):
        raise InputError(f"{path}: cannot tell which Unicode version this is; pass "
                         "--unicode-version")
    if not source:
        if not package_version:
            raise InputError(f"{path}: cannot tell where this file comes from; pass --source")
        source = f"{PACKAGED_UCD} of the Debian package unicode-data {package_version}"
    notes = [
        f"unicode-version: {unicode_version}",
        f"source: {source}",
        f"source-sha256: {hashlib.sha256(raw).hexdigest()}",
        "",
        "An extract of UnicodeData.txt of the Unicode Character Database, modified: each line",
        "keeps field 0 (the code point) and field 2 (General_Category) of the original, and field",
        "1 (the name) only where it is \"<X, First>\" or \"<X, Last>\", the pair that stands for",
        "every code point between them; other names and fields 3 to 14 are dropped. Written by",
        "tools/generate_unicode_classes.py --extract-ucd.",
        "",
        "Copyright (c) Unicode, Inc. Distributed under the Unicode terms of use,",
        "https://www.unicode.org/terms_of_use.html; the licence is in data/unicode/COPYRIGHT.",
    ]
    lines = [("# " + note).rstrip() for note in notes]
    for line in text.split("\n"):
        if not line:
            continue
        code, name, category = line.split(";")[:3]
        lines.append(f"{code};{name if RANGE_NAME.match(name) else ''};{category}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def extract_note(text, key, path):
    found = re.search(r"^# " + re.escape(key) + r": (.+)$", text, re.MULTILINE)
    if not found:
        raise InputError(f"{path}: no \"# {key}:\" line (re-extract it with --extract-ucd)")
    return found.group(1)


def wrap_items(items, indent, width=TABLE_WIDTH):
    lines, line = [], ""
    for item in items:
        candidate = item if not line else line + " " + item
        if indent + len(candidate) > width:
            lines.append(" " * indent + line)
            candidate = item
        line = candidate
    if line:
        lines.append(" " * indent + line)
    return lines


def render(ranges, extract_label, extract_sha, unicode_version, source):
    bmp = [r for r in ranges if r[1] < BMP_END]
    astral = [r for r in ranges if r[0] >= BMP_END]
    straddling = [r for r in ranges if r[0] < BMP_END <= r[1]]
    if straddling:
        raise InputError(f"range U+{straddling[0][0]:04X}..U+{straddling[0][1]:04X} crosses "
                         "U+10000; split it")
    count = sum(last - first + 1 for first, last in ranges)
    size = 4 * len(bmp) + 8 * len(astral)

    out = []
    emit = out.append
    emit("// Generated by tools/generate_unicode_classes.py from the file below. Do not edit;")
    emit("// regenerate with `python3 tools/generate_unicode_classes.py` and commit the result")
    emit("// (`--check` tells whether this file is up to date).")
    emit("//")
    emit("// Source (data/unicode/README.md says where it comes from):")
    emit(f"//   {extract_label}: UnicodeData.txt of Unicode {unicode_version}, extracted from")
    emit(f"//     {source}")
    emit(f"//     sha256 {extract_sha}")
    emit("// Derived from the Unicode Character Database, Copyright (c) Unicode, Inc., under the "
         "Unicode")
    emit("// terms of use (https://www.unicode.org/terms_of_use.html; data/unicode/COPYRIGHT).")
    emit("#pragma once")
    emit("")
    emit("#include <array>")
    emit("#include <cstdint>")
    emit("")
    emit("namespace partner_center::model::detail {")
    emit("")
    emit("// An inclusive range of code points: [first, last].")
    emit("template <class CodePoint>")
    emit("struct code_point_range {")
    emit("  CodePoint first;")
    emit("  CodePoint last;")
    emit("};")
    emit("")
    out.extend(textwrap.wrap(
        "The code points whose General_Category is a letter (Lu Ll Lt Lm Lo) or a number (Nd Nl "
        f"No) in Unicode {unicode_version}: {count} code points in {len(ranges)} ranges of {size} "
        f"bytes, and those below U+0100 in a {LATIN1_END // 8}-byte bitmap. The ranges are sorted, disjoint and never adjacent (adjacent ranges are merged), so a binary "
        "search finds the one range that can hold a code point. Below U+10000 the bounds fit "
        "16 bits.", width=TABLE_WIDTH, initial_indent="// ", subsequent_indent="// "))
    emit("")
    emit("// clang-format off")
    emit("")
    emit("// U+0000..U+00FF: bit cp % 64 of word cp / 64. ASCII and accented Latin letters, what most")
    emit("// names are made of, without a search.")
    emit(f"inline constexpr std::array<std::uint64_t, {LATIN1_END // 64}> latin1_letters_numbers{{{{")
    words = [0] * (LATIN1_END // 64)
    for first, last in ranges:
        for cp in range(first, min(last, LATIN1_END - 1) + 1):
            words[cp // 64] |= 1 << (cp % 64)
    out.extend(wrap_items([f"0x{word:016X}," for word in words], 4))
    emit("}};")
    emit("")
    emit(f"inline constexpr std::array<code_point_range<std::uint16_t>, {len(bmp)}> "
         "bmp_letters_numbers{{")
    out.extend(wrap_items([f"{{0x{a:04X}, 0x{b:04X}}}," for a, b in bmp], 4))
    emit("}};")
    emit("")
    emit(f"inline constexpr std::array<code_point_range<std::uint32_t>, {len(astral)}> "
         "astral_letters_numbers{{")
    out.extend(wrap_items([f"{{0x{a:05X}, 0x{b:05X}}}," for a, b in astral], 4))
    emit("}};")
    emit("")
    emit("// clang-format on")
    emit("")
    emit("}  // namespace partner_center::model::detail")
    return "\n".join(out) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", default=DEFAULT_EXTRACT,
                        help="the UnicodeData.txt extract (default: %(default)s)")
    parser.add_argument("--extract-ucd", metavar="PATH",
                        help="first write --extract anew from the UnicodeData.txt at PATH "
                             f"(Debian: {PACKAGED_UCD})")
    parser.add_argument("--unicode-version",
                        help="Unicode version of --extract-ucd's file, when no ReadMe.txt next "
                             "to it tells it")
    parser.add_argument("--source",
                        help="where --extract-ucd's file comes from, when it is not the file "
                             "Debian's unicode-data installs")
    parser.add_argument("--output", default=DEFAULT_OUTPUT,
                        help="header to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a file it would write differs from the "
                             "one on disk")
    args = parser.parse_args(argv)

    outputs = []
    try:
        if args.extract_ucd:
            extract = extract_ucd(args.extract_ucd, args.unicode_version, args.source)
            outputs.append((args.extract, extract))
        else:
            with open(args.extract, "rb") as f:
                extract = f.read()
        try:
            text = extract.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(f"{args.extract}: not UTF-8 ({error})")
        ranges = selected_ranges(parse_unicode_data(text, args.extract))
        header = render(ranges, repo_label(args.extract), hashlib.sha256(extract).hexdigest(),
                        extract_note(text, "unicode-version", args.extract),
                        extract_note(text, "source", args.extract))
        outputs.append((args.output, header.encode("utf-8")))
    except (InputError, OSError) as error:
        print(f"generate_unicode_classes: error: {error}", file=sys.stderr)
        return 2

    command = "python3 tools/generate_unicode_classes.py"
    if args.extract_ucd:
        command += " --extract-ucd " + args.extract_ucd
    return write_or_check(outputs, args.check, "generate_unicode_classes", command)


if __name__ == "__main__":
    sys.exit(main())
