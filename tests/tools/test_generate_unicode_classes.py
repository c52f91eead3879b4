#!/usr/bin/env python3
"""tools/generate_unicode_classes.py against the tree: the committed letter and number table is
what the generator writes from data/unicode/, --check notices a header that is not, and the
"<X, First>"/"<X, Last>" pairs of UnicodeData.txt become whole ranges.

Run by CTest as tools.generate_unicode_classes, or by hand:
  python3 tests/tools/test_generate_unicode_classes.py
"""

import hashlib
import os
import re
import unittest

from generator_checks import SOURCE_DIR, GeneratorChecks

EXTRACT = os.path.join(SOURCE_DIR, "data", "unicode", "UnicodeData-extract.txt")
PACKAGED_UCD = "/usr/share/unicode/UnicodeData.txt"

# A few lines of UnicodeData.txt (all 15 fields, as the real file has them): single letters,
# adjacent ones to merge, a mark, a symbol, and ranges written as First/Last pairs on both sides of
# U+10000.
SAMPLE_UCD = """\
0030;DIGIT ZERO;Nd;0;EN;;0;0;0;N;;;;;
0041;LATIN CAPITAL LETTER A;Lu;0;L;;;;;N;;;;0061;
0042;LATIN CAPITAL LETTER B;Lu;0;L;;;;;N;;;;0062;
0301;COMBINING ACUTE ACCENT;Mn;230;NSM;;;;;N;NON-SPACING ACUTE;;;;
2160;ROMAN NUMERAL ONE;Nl;0;L;<compat> 0049;;;1;N;;;;2170;
3400;<CJK Ideograph Extension A, First>;Lo;0;L;;;;;N;;;;;
4DBF;<CJK Ideograph Extension A, Last>;Lo;0;L;;;;;N;;;;;
4DC0;HEXAGRAM FOR THE CREATIVE HEAVEN;So;0;ON;;;;;N;;;;;
4E00;<CJK Ideograph, First>;Lo;0;L;;;;;N;;;;;
9FFF;<CJK Ideograph, Last>;Lo;0;L;;;;;N;;;;;
E000;<Private Use, First>;Co;0;L;;;;;N;;;;;
F8FF;<Private Use, Last>;Co;0;L;;;;;N;;;;;
1D400;MATHEMATICAL BOLD CAPITAL A;Lu;0;L;<font> 0041;;;;N;;;;;
1F600;GRINNING FACE;So;0;ON;;;;;N;;;;;
20000;<CJK Ideograph Extension B, First>;Lo;0;L;;;;;N;;;;;
2A6DF;<CJK Ideograph Extension B, Last>;Lo;0;L;;;;;N;;;;;
"""


def table(header_text, name):
    """[(first, last)] of the array `name` in a generated header."""
    body = re.search(name + r"\{\{\n(.*?)\}\};", header_text, re.DOTALL)
    return [(int(a, 16), int(b, 16))
            for a, b in re.findall(r"\{0x([0-9A-F]+), 0x([0-9A-F]+)\}", body.group(1))]


class GenerateUnicodeClasses(GeneratorChecks, unittest.TestCase):
    tool = "generate_unicode_classes.py"
    header = os.path.join(SOURCE_DIR, "include", "partner_center", "model", "detail",
                          "unicode_letters_numbers.hpp")

    def change_one_byte(self, data):
        # The last hexadecimal digit of the first bound from the middle on (inside the tables).
        match = re.compile(rb"0x[0-9A-F]+").search(bytes(data), len(data) // 2)
        offset = match.end() - 1
        data[offset] = ord("1") if data[offset] != ord("1") else ord("2")
        return offset

    def generate_from(self, ucd_text):
        """Extracts ucd_text as UnicodeData.txt and generates from it: (result, header text)."""
        ucd = os.path.join(self.scratch, "UnicodeData.txt")
        with open(ucd, "w", encoding="utf-8") as f:
            f.write(ucd_text)
        output = os.path.join(self.scratch, "out.hpp")
        result = self.run_generator("--extract-ucd", ucd, "--unicode-version", "15.0.0",
                                    "--source", "the test's sample", "--extract",
                                    os.path.join(self.scratch, "extract.txt"), "--output", output)
        text = None
        if result.returncode == 0:
            with open(output, encoding="utf-8") as f:
                text = f.read()
        return result, text

    def test_first_last_pairs_become_whole_ranges(self):
        result, header = self.generate_from(SAMPLE_UCD)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(table(header, "bmp_letters_numbers"),
                         [(0x30, 0x30), (0x41, 0x42), (0x2160, 0x2160), (0x3400, 0x4DBF),
                          (0x4E00, 0x9FFF)])
        self.assertEqual(table(header, "astral_letters_numbers"),
                         [(0x1D400, 0x1D400), (0x20000, 0x2A6DF)])
        self.assertIn("in Unicode 15.0.0: 70309 code points in 7 ranges of 36 bytes",
                      header.replace("\n// ", " "))
        # U+0030 is bit 48 of word 0, U+0041 and U+0042 bits 1 and 2 of word 1.
        self.assertIn("latin1_letters_numbers{{\n    0x0001000000000000, 0x0000000000000006, "
                      "0x0000000000000000, 0x0000000000000000,\n}};", header)
        with open(os.path.join(self.scratch, "extract.txt"), encoding="utf-8") as f:
            extract = f.read()
        self.assertIn("\n0041;;Lu\n", extract)  # names other than range markers dropped
        self.assertIn("\n4E00;<CJK Ideograph, First>;Lo\n9FFF;<CJK Ideograph, Last>;Lo\n", extract)

    def test_a_first_without_its_last_is_refused(self):
        broken = SAMPLE_UCD.replace("9FFF;<CJK Ideograph, Last>", "9FFF;<CJK Ideograph B, Last>")
        result, _ = self.generate_from(broken)
        self.assertEqual(result.returncode, 2)
        self.assertIn(":9: <CJK Ideograph, First> is not followed by <CJK Ideograph, Last>",
                      result.stderr)

    def test_a_last_without_its_first_is_refused(self):
        broken = SAMPLE_UCD.replace("3400;<CJK Ideograph Extension A, First>;Lo;0;L;;;;;N;;;;;\n",
                                    "")
        result, _ = self.generate_from(broken)
        self.assertEqual(result.returncode, 2)
        self.assertIn(":6: <CJK Ideograph Extension A, Last> without its First", result.stderr)

    def test_code_points_out_of_order_are_refused(self):
        result, _ = self.generate_from(SAMPLE_UCD + "0043;LATIN CAPITAL LETTER C;Lu;;;;;;;;;;;;\n")
        self.assertEqual(result.returncode, 2)
        self.assertIn("0043 is not after the line before", result.stderr)

    @unittest.skipUnless(os.path.exists(PACKAGED_UCD),
                         f"{PACKAGED_UCD} is absent (Debian: apt-get install unicode-data)")
    def test_the_extract_is_the_installed_file_extracted(self):
        with open(PACKAGED_UCD, "rb") as f:
            installed_sha = hashlib.sha256(f.read()).hexdigest()
        with open(EXTRACT, encoding="utf-8") as f:
            recorded_sha = re.search(r"^# source-sha256: ([0-9a-f]+)$", f.read(),
                                     re.MULTILINE).group(1)
        if installed_sha != recorded_sha:
            self.skipTest(f"{PACKAGED_UCD} is another release than the extract's")
        result = self.run_generator("--check", "--extract-ucd", PACKAGED_UCD)
        self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
