"""The tests and tools run on Linux, macOS and Windows alike: no unguarded POSIX-only calls.

Windows and macOS cannot be run here, so this reads the code instead. A use of
``os.geteuid``/``os.getuid``/``os.killpg``/``os.getpgid``/``os.setsid``/``os.fork``,
``signal.SIGKILL`` or a ``preexec_fn=`` argument fails unless it sits under a platform
check: an ``if``, conditional expression or ``and`` that tests ``os.name``,
``sys.platform``, ``platform.system()`` or ``hasattr(...)``. So does a hard-coded
``/usr/bin`` path that the code would run or open (assigned to a name, or passed to
``subprocess``, ``Path``, ``open``, ``os.environ.get``, ``shutil.which`` ...): programs are
found with ``shutil.which`` or configured, e.g. ``CHROMIUM_PATH``.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("tests", "tools", "imbalance_lab")
POSIX_ONLY = {("os", "geteuid"), ("os", "getuid"), ("os", "killpg"), ("os", "getpgid"), ("os", "setsid"),
              ("os", "fork"), ("signal", "SIGKILL")}
GUARD = re.compile(r"\bos\.name\b|\bsys\.platform\b|\bplatform\.system\(|\bhasattr\(")
HARD_CODED = re.compile(r"^/usr(/local)?/bin/")
USES = {"Popen", "run", "call", "check_call", "check_output", "Path", "open", "get", "getenv", "which", "exists",
        "is_file", "access", "setdefault"}  # calls that would run or open a path given to them


def unguarded_posix_calls(source: str) -> list[tuple[int, str]]:
    """(line, what) of every POSIX-only use in ``source`` outside a platform check."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def guarded(node) -> bool:
        while node in parents:
            node = parents[node]
            test = node.test if isinstance(node, (ast.If, ast.IfExp, ast.While)) else node
            if isinstance(node, (ast.If, ast.IfExp, ast.While, ast.BoolOp)) and GUARD.search(ast.unparse(test)):
                return True
        return False

    def used(node) -> bool:
        while isinstance(parents.get(node), (ast.List, ast.Tuple, ast.Set, ast.Starred, ast.keyword)):
            node = parents[node]
        parent = parents.get(node)
        if isinstance(parent, (ast.Assign, ast.AnnAssign)):
            return True
        func = parent.func if isinstance(parent, ast.Call) else None
        return getattr(func, "attr", getattr(func, "id", None)) in USES

    found = []
    for node in ast.walk(tree):
        what = None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in POSIX_ONLY:
                what = f"{node.value.id}.{node.attr}"
        elif isinstance(node, ast.keyword) and node.arg == "preexec_fn":
            what = "preexec_fn="
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and HARD_CODED.match(node.value) \
                and used(node):
            what = f"hard-coded path {node.value!r}"
        if what and not guarded(node):
            found.append((node.lineno if hasattr(node, "lineno") else parents[node].lineno, what))
    return found


def python_files() -> list[Path]:
    return sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", python_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_unguarded_posix_only_calls(path):
    problems = unguarded_posix_calls(path.read_text(encoding="utf-8"))
    assert not problems, (
        f"{path.relative_to(ROOT)} has POSIX-only code that breaks on Windows or macOS: "
        + "; ".join(f"line {line}: {what}" for line, what in problems)
        + ". Put it under 'if os.name == \"posix\":' (or hasattr(os, ...)), use subprocess's "
        "start_new_session/CREATE_NEW_PROCESS_GROUP, and find programs with shutil.which."
    )


@pytest.mark.parametrize("source, expected", [
    ("import os\nif os.geteuid() == 0: pass", [(2, "os.geteuid")]),
    ("import os, signal\nos.killpg(1, signal.SIGKILL)", [(2, "os.killpg"), (2, "signal.SIGKILL")]),
    ("import subprocess\nsubprocess.Popen(['x'], preexec_fn=print)", [(2, "preexec_fn=")]),
    ("CHROME = '/usr/bin/chromium'", [(1, "hard-coded path '/usr/bin/chromium'")]),
    ("import os\nc = os.environ.get('CHROMIUM_PATH', '/usr/bin/chromium')", [(2, "hard-coded path '/usr/bin/chromium'")]),
    ("import subprocess\nsubprocess.run(['/usr/bin/apt-get', 'update'])", [(2, "hard-coded path '/usr/bin/apt-get'")]),
    ("assert '/usr/bin/chromium' not in dry_run_output", []),
    ("import os\nroot = hasattr(os, 'geteuid') and os.geteuid() == 0", []),
    ("import os\nroot = os.geteuid() == 0 if hasattr(os, 'geteuid') else False", []),
    ("import os\nif os.name == 'posix':\n    os.killpg(1, 9)\nelse:\n    pass", []),
    ("import sys, os\nif sys.platform != 'win32':\n    x = os.getuid()", []),
    ("text = 'see /usr/bin/env'  # a mention, not a path", []),
])
def test_the_scan_tells_guarded_from_unguarded(source, expected):
    assert sorted(unguarded_posix_calls(source)) == sorted(expected)


OWN_FOLDER = re.compile(r"__file__\)?(\.resolve\(\))?\.parent\)?$")  # sys.path.insert(0, <the tool's folder>)


def process_wide_changes(source: str) -> list[tuple[int, str]]:
    """(line, what) of changes to this process's environment, and of imports of a sibling through sys.path."""
    found = []
    for node in ast.walk(ast.parse(source)):
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
        if isinstance(target, ast.Subscript) and ast.unparse(target.value) == "os.environ":
            found.append((node.lineno, "os.environ[...] = "))
        elif isinstance(node, ast.Call) and re.fullmatch(r"os\.environ\.(update|setdefault|pop|clear)|os\.putenv",
                                                         ast.unparse(node.func)):
            found.append((node.lineno, ast.unparse(node.func)))
        elif isinstance(node, ast.Call) and re.fullmatch(r"sys\.path\.(insert|append)", ast.unparse(node.func)) \
                and OWN_FOLDER.search(ast.unparse(node.args[-1])):
            found.append((node.lineno, ast.unparse(node.func) + " of the tools folder"))
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "tools").glob("*.py")), ids=lambda p: p.name)
def test_tools_leave_the_process_environment_and_import_path_alone(path):
    problems = process_wide_changes(path.read_text(encoding="utf-8"))
    assert not problems, (
        f"tools/{path.name} changes the whole process: "
        + "; ".join(f"line {line}: {what}" for line, what in problems)
        + ". Pass env= to the child (NotebookClient(...).execute(env=...), subprocess) instead, and import "
        "a sibling tool as a module (tools/ is on sys.path when a tool runs as a script)."
    )


def test_the_environment_scan_finds_process_wide_changes():
    source = ("import os, sys\nos.environ['A'] = '1'\nos.environ.update(B='2')\n"
              "sys.path.insert(0, str(Path(__file__).resolve().parent))\nenv = {**os.environ}")
    assert process_wide_changes(source) == [(2, "os.environ[...] = "), (3, "os.environ.update"),
                                            (4, "sys.path.insert of the tools folder")]
