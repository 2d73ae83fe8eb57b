"""Every README example that runs hamsu (a code block of `$ COMMAND` lines, each followed by the
output it shows) is run and its output compared, so the README cannot drift from the program.

The commands run in a scratch folder that sees the repository's examples/ and tests/, with
`.venv/bin/hamsu` replaced by this interpreter's `python -m hamsu` on the repository's source; a
block is one shell session (`echo $?` sees the exit status of the command before it). Standard
output and standard error are compared together, line by line and exactly, except that a line
`...` in the README stands for any number of lines. When the output changes on purpose, the
failure shows the lines to paste into the README.
"""
from __future__ import annotations

import difflib
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
HAMSU = ".venv/bin/hamsu"
ELIDED = "..."


@dataclass
class Step:
    command: str
    expected: list[str]


@dataclass
class Example:
    line: int  # of the README, where the block's first command is
    steps: list[Step]


def examples(text: str) -> list[Example]:
    """The README's code blocks that run hamsu, as shell sessions."""
    found: list[Example] = []
    block: list[tuple[int, str]] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("```"):
            if block is None:
                block = []
                continue
            session = _session(block)
            if session is not None:
                found.append(session)
            block = None
        elif block is not None:
            block.append((number, line))
    return found


def _session(block: list[tuple[int, str]]) -> Example | None:
    steps: list[Step] = []
    first = None
    for number, line in block:
        if line.startswith("$ "):
            first = first or number
            steps.append(Step(line[2:], []))
        elif steps:
            steps[-1].expected.append(line)
    if not any(HAMSU in step.command for step in steps):
        return None
    return Example(first, steps)


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether `actual` is `expected` with each `...` line standing for any run of lines."""
    parts: list[list[str]] = [[]]
    for line in expected:
        if line == ELIDED:
            parts.append([])
        else:
            parts[-1].append(line)
    if len(parts) == 1:
        return expected == actual
    first, *middle, last = parts
    start, end = len(first), len(actual) - len(last)
    if end < start or actual[:start] != first or actual[end:] != last:
        return False
    for part in middle:  # each at its leftmost place: leaves the most room for the rest
        at = next((i for i in range(start, end - len(part) + 1) if actual[i : i + len(part)] == part), None)
        if at is None:
            return False
        start = at + len(part)
    return True


def _trimmed(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _run(example: Example, scratch: Path) -> list[tuple[Step, list[str]]]:
    for name in ("examples", "tests"):
        (scratch / name).symlink_to(ROOT / name)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    hamsu = f"{shlex.quote(sys.executable)} -m hamsu"
    results, status = [], 0
    for step in example.steps:
        # `(exit N)` gives the step the exit status of the one before it, as in a terminal.
        script = f"(exit {status}); {{ {step.command.replace(HAMSU, hamsu)} ; }} 2>&1"
        done = subprocess.run(["bash", "-c", script], cwd=scratch, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=300)  # fmt: skip
        status = done.returncode
        results.append((step, _trimmed(done.stdout.decode("utf-8").splitlines())))
    return results


EXAMPLES = examples(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples_to_run():
    assert len(EXAMPLES) >= 4
    assert {step.command.split()[1] for e in EXAMPLES for step in e.steps if step.command.startswith(HAMSU)} >= {
        "align", "check", "normalize"}  # fmt: skip


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"README.md:{e.line}" for e in EXAMPLES])
def test_readme_example(example, tmp_path):
    for step, actual in _run(example, tmp_path):
        expected = _trimmed(step.expected)
        if not matches(expected, actual):
            diff = "\n".join(difflib.unified_diff(expected, actual, "README", "actual", lineterm=""))
            pytest.fail(f"README.md:{example.line}: `$ {step.command}` prints otherwise:\n{diff}\n\n"
                        "The output now (paste it over the README's, eliding with ... as before):\n"
                        + "\n".join(actual))  # fmt: skip


@pytest.mark.parametrize(
    "expected, actual, ok",
    [
        (["a", "b"], ["a", "b"], True),
        (["a", "b"], ["a", "b", "c"], False),
        (["a", "...", "d"], ["a", "b", "c", "d"], True),
        (["a", "...", "d"], ["a", "d"], True),
        (["a", "...", "d"], ["a", "b", "c"], False),
        (["a", "..."], ["a", "b"], True),
        (["...", "c"], ["a", "b", "c"], True),
        (["a", "...", "c", "...", "e"], ["a", "b", "c", "d", "e"], True),
        (["a", "...", "c", "...", "e"], ["a", "b", "e"], False),
        (["a", "...", "c", "...", "e"], ["a", "e", "c"], False),
        (["a.b"], ["aXb"], False),
    ],
)
def test_elided_lines_match_any_run_of_lines(expected, actual, ok):
    assert matches(expected, actual) is ok
