#!/usr/bin/env python3
"""tools/generate_country_data.py against the tree: the committed country tables are what the
generator writes from data/, and --check notices a header that is not.

Run by CTest as tools.generate_country_data, or by hand:
  python3 tests/tools/test_generate_country_data.py
"""

import os
import unittest

from generator_checks import SOURCE_DIR, GeneratorChecks


class GenerateCountryData(GeneratorChecks, unittest.TestCase):
    tool = "generate_country_data.py"
    header = os.path.join(SOURCE_DIR, "include", "partner_center", "model", "detail",
                          "country_data.hpp")

    def change_one_byte(self, data):
        # The first ASCII letter from the middle on (inside the tables), its case swapped.
        offset = next(i for i in range(len(data) // 2, len(data)) if chr(data[i]).isalpha()
                      and data[i] < 0x80)
        data[offset] ^= 0x20
        return offset


if __name__ == "__main__":
    unittest.main(verbosity=2)
