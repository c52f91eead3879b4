"""What every generator of tools/ must pass against the tree: the committed header is what it
writes, and --check notices a header that is not (a changed byte, a missing file) and writes
nothing. A test class mixes GeneratorChecks into unittest.TestCase and names its generator, its
header and how to change one byte of it.
"""

import os
import shutil
import subprocess
import sys
import tempfile

SOURCE_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def run_tool(tool, *args):
    return subprocess.run([sys.executable, os.path.join(SOURCE_DIR, "tools", tool), *args],
                          capture_output=True, text=True,
                          cwd=tempfile.gettempdir())  # a generator must not need the cwd


class GeneratorChecks:
    tool = None    # file name in tools/
    header = None  # the committed header, a path

    def change_one_byte(self, data):
        """Changes one byte of the header's bytearray in place; returns its offset."""
        raise NotImplementedError

    def run_generator(self, *args):
        return run_tool(self.tool, *args)

    def setUp(self):
        self.scratch = tempfile.mkdtemp(prefix=self.tool + ".")
        self.addCleanup(shutil.rmtree, self.scratch)
        with open(self.header, "rb") as f:
            self.committed = f.read()

    def test_the_committed_header_is_up_to_date(self):
        result = self.run_generator("--check")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")

    def test_generating_writes_the_committed_bytes(self):
        output = os.path.join(self.scratch, os.path.basename(self.header))
        result = self.run_generator("--output", output)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(output, "rb") as f:
            self.assertEqual(f.read(), self.committed)

    def test_check_accepts_an_identical_copy(self):
        copy = os.path.join(self.scratch, os.path.basename(self.header))
        shutil.copyfile(self.header, copy)
        result = self.run_generator("--check", "--output", copy)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_check_fails_on_a_header_with_one_byte_changed(self):
        data = bytearray(self.committed)
        offset = self.change_one_byte(data)
        self.assertNotEqual(bytes(data), self.committed)
        line = data[:offset].count(b"\n") + 1
        copy = os.path.join(self.scratch, os.path.basename(self.header))
        with open(copy, "wb") as f:
            f.write(data)
        result = self.run_generator("--check", "--output", copy)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("is out of date", result.stderr)
        self.assertIn(f"line {line},", result.stderr)
        self.assertIn(f"regenerate with `python3 tools/{self.tool}`", result.stderr)
        with open(copy, "rb") as f:
            self.assertEqual(f.read(), bytes(data), "--check must write nothing")

    def test_check_fails_when_the_header_is_missing(self):
        result = self.run_generator("--check", "--output",
                                    os.path.join(self.scratch, "absent.hpp"))
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("cannot read it", result.stderr)
