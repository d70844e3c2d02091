"""environment.yml (conda users) must install what requirements/lock.txt (pip) installs.

Conda is not available where the tests run, so this parses the files. The
conda environment takes Python and the compiled packages from conda-forge and
everything else from the lock through pip, so:

* every package environment.yml pins must be pinned to the lock's version;
* every locked distribution with compiled code (as installed here: it ships
  an extension module) must come from conda-forge, pinned;
* the pip section must install the lock file and this package;
* every direct dependency of pyproject.toml must be in the lock.
"""
import importlib.metadata as md
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_TEXT = (ROOT / "environment.yml").read_text()


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[_norm(name)] = version
    return pins


def _conda_pins() -> dict[str, str]:
    """Conda packages pinned to one version (``- name=1.2.3``), outside the pip section."""
    conda_part = ENV_TEXT.split("- pip:")[0]
    pins = {}
    for line in conda_part.splitlines():
        m = re.match(r"^\s+- ([A-Za-z0-9_.-]+)\s*={1,2}\s*([\w.]+)\s*$", line)
        if m:
            pins[_norm(m.group(1))] = m.group(2)
    return pins


def _pip_section() -> list[str]:
    pip_part = ENV_TEXT.split("- pip:", 1)[1]
    return [m.group(1).strip() for m in re.finditer(r"^\s+- (.+)$", pip_part, re.M)]


def _compiled_locked() -> set[str]:
    compiled = set()
    for name in _lock():
        files = md.distribution(name).files or []
        if any(str(f).endswith((".so", ".pyd")) for f in files):
            compiled.add(name)
    return compiled


def _direct_dependencies() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        specs += extra
    return {_norm(re.split(r"[<>=!~\[ ;]", s, maxsplit=1)[0]) for s in specs}


def test_environment_versions_equal_the_lock():
    lock, env = _lock(), _conda_pins()
    assert env, "environment.yml pins no conda package"
    mismatched = {name: (v, lock.get(name)) for name, v in env.items() if lock.get(name) != v}
    assert not mismatched, f"environment.yml vs lock.txt (env, lock): {mismatched}"


def test_the_compiled_stack_comes_from_conda_forge():
    missing = _compiled_locked() - set(_conda_pins())
    assert not missing, f"compiled packages of the lock that environment.yml leaves to pip: {sorted(missing)}"
    assert re.search(r"^channels:\s*\n\s+- conda-forge\s*$", ENV_TEXT, re.M)


def test_pip_installs_the_lock_and_the_package():
    assert _pip_section() == ["-r requirements/lock.txt", "-e ."], _pip_section()


def test_lock_pins_every_direct_dependency():
    missing = _direct_dependencies() - set(_lock())
    assert not missing, f"requirements/lock.txt lacks {sorted(missing)}"


def test_the_conda_commands_in_the_comment_are_the_readme_ones():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"### With conda instead\n.*?```bash\n(.*?)```", readme, re.S).group(1)
    for command in [line.split("#")[0].strip() for line in block.splitlines()]:
        if command:
            assert f"#   {command}" in ENV_TEXT, f"environment.yml's comment lacks {command!r}"
