#!/usr/bin/env python3
"""tools/generate_country_data.py against the tree: the committed country tables are what the
generator writes from data/, and --check notices a header that is not.

Run by CTest as tools.generate_country_data, or by hand:
  python3 tests/tools/test_generate_country_data.py
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
GENERATOR = os.path.join(SOURCE_DIR, "tools", "generate_country_data.py")
HEADER = os.path.join(SOURCE_DIR, "include", "partner_center", "model", "detail",
                      "country_data.hpp")


def run_generator(*args):
    return subprocess.run([sys.executable, GENERATOR, *args], capture_output=True, text=True,
                          cwd=tempfile.gettempdir())  # the generator must not need the cwd


class GenerateCountryData(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.mkdtemp(prefix="generate_country_data.")
        self.addCleanup(shutil.rmtree, self.scratch)
        with open(HEADER, "rb") as f:
            self.committed = f.read()

    def test_the_committed_header_is_up_to_date(self):
        result = run_generator("--check")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")

    def test_generating_writes_the_committed_bytes(self):
        output = os.path.join(self.scratch, "country_data.hpp")
        result = run_generator("--output", output)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(output, "rb") as f:
            self.assertEqual(f.read(), self.committed)

    def test_check_accepts_an_identical_copy(self):
        copy = os.path.join(self.scratch, "country_data.hpp")
        shutil.copyfile(HEADER, copy)
        result = run_generator("--check", "--output", copy)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_check_fails_on_a_header_with_one_byte_changed(self):
        data = bytearray(self.committed)
        # The first ASCII letter from the middle on (inside the tables), its case swapped.
        offset = next(i for i in range(len(data) // 2, len(data)) if chr(data[i]).isalpha()
                      and data[i] < 0x80)
        data[offset] ^= 0x20
        line = data[:offset].count(b"\n") + 1
        copy = os.path.join(self.scratch, "country_data.hpp")
        with open(copy, "wb") as f:
            f.write(data)
        result = run_generator("--check", "--output", copy)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("is out of date", result.stderr)
        self.assertIn(f"line {line},", result.stderr)
        self.assertIn("regenerate with `python3 tools/generate_country_data.py`", result.stderr)
        with open(copy, "rb") as f:
            self.assertEqual(f.read(), bytes(data), "--check must write nothing")

    def test_check_fails_when_the_header_is_missing(self):
        result = run_generator("--check", "--output", os.path.join(self.scratch, "absent.hpp"))
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("cannot read it", result.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
