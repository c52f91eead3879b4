"""What the generators of tools/ share: naming a file as the repository does, and writing their
outputs or, with --check, comparing them byte for byte with the committed files.

Standard library only.
"""

import os
import sys

REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def repo_label(path):
    """path as messages and comments name it: relative to the repository when inside it."""
    relative = os.path.relpath(os.path.abspath(path), REPO_ROOT)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return path
    return relative.replace(os.sep, "/")


def first_difference(expected, current):
    """Where current first differs from expected: 1-based line and column, and an excerpt of that
    line from each (line ends included, so a missing newline or a CR shows)."""
    expected_lines = expected.decode("utf-8", "replace").splitlines(keepends=True)
    current_lines = current.decode("utf-8", "replace").splitlines(keepends=True)
    for number in range(1, max(len(expected_lines), len(current_lines)) + 1):
        want = expected_lines[number - 1] if number <= len(expected_lines) else ""
        have = current_lines[number - 1] if number <= len(current_lines) else ""
        if want != have:
            column = next((i for i, (a, b) in enumerate(zip(want, have)) if a != b),
                          min(len(want), len(have)))
            start = max(0, column - 30)

            def excerpt(line):
                if not line:
                    return "(end of file)"
                return ("..." if start else "") + repr(line[start:column + 30]) + (
                    "..." if len(line) > column + 30 else "")

            return number, column + 1, excerpt(want), excerpt(have)
    return None


def check(path, data):
    """None when the file holds exactly data, else why not."""
    try:
        with open(path, "rb") as f:
            current = f.read()
    except OSError as error:
        return f"cannot read it ({error.strerror})"
    if current == data:
        return None
    difference = first_difference(data, current)
    if difference is None:  # same lines, different bytes (invalid UTF-8, say)
        return "its bytes differ from what the generator writes"
    line, column, want, have = difference
    return (f"line {line}, column {column} differs\n"
            f"  the file has:         {have}\n"
            f"  the generator writes: {want}")


def write_or_check(outputs, check_only, program, command):
    """Writes each (path, bytes) of outputs, or with check_only writes nothing and says on
    standard error which differ and that `command` regenerates them. The exit status: 0, or 1
    when a checked file is out of date."""
    if check_only:
        stale = 0
        for path, data in outputs:
            problem = check(path, data)
            if problem:
                stale += 1
                print(f"{program}: {repo_label(path)} is out of date: {problem}", file=sys.stderr)
        if stale:
            print(f"{program}: regenerate with `{command}` and commit the result", file=sys.stderr)
            return 1
        return 0

    for path, data in outputs:
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    return 0
