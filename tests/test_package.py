"""The package as a whole: cheap, side-effect-free import; every public name documented and reachable."""
import ast
import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import imbalance_lab

PACKAGE = Path(imbalance_lab.__file__).parent
STUB = PACKAGE / "__init__.pyi"
# Every submodule whose public names the package re-exports (the stub must name each one).
MODULES = ["datasets", "metrics", "resampling", "thresholds", "calibration", "plots", "widgets", "auditing", "lessons"]
# Modules of which the package re-exports only some names (the rest stay in the module).
PARTIAL = {"reporting": ["report"]}


def _run(code: str):
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _stub_names() -> dict[str, list[str]]:
    """{module: names} as ``__init__.pyi`` lists them (module '' = the submodules themselves)."""
    listed: dict[str, list[str]] = {}
    for node in ast.parse(STUB.read_text()).body:
        if isinstance(node, ast.ImportFrom):
            listed.setdefault(node.module or "", []).extend(alias.name for alias in node.names)
    return listed


@pytest.mark.parametrize("module", MODULES + list(PARTIAL))
def test_every_listed_module_exists(module):
    # fails (never skips) when a module is renamed or deleted without updating this list and the stub
    assert (PACKAGE / f"{module}.py").is_file(), f"imbalance_lab/{module}.py is missing"
    assert importlib.util.find_spec(f"imbalance_lab.{module}") is not None


def test_stub_lists_every_module_and_public_name():
    listed = _stub_names()
    assert sorted(listed[""]) == sorted(MODULES)
    for module in MODULES:
        public = importlib.import_module(f"imbalance_lab.{module}").__all__
        assert listed.get(module) == list(public), f"__init__.pyi is out of date for imbalance_lab.{module}"
    for module, names in PARTIAL.items():
        assert listed.get(module) == names
        assert set(names) <= set(importlib.import_module(f"imbalance_lab.{module}").__all__)
        assert all(getattr(imbalance_lab, n) is getattr(importlib.import_module(f"imbalance_lab.{module}"), n)
                   for n in names)
    assert set(listed) == {"", *MODULES, *PARTIAL}, "the stub re-exports a module that is not listed here (cli.main?)"


def test_import_is_cheap_and_loads_no_heavy_library():
    code = (
        "import sys, json, imbalance_lab; "
        "print(json.dumps(sorted(m for m in ('sklearn','imblearn','pandas','matplotlib','ipywidgets','seaborn','scipy') if m in sys.modules)))"
    )
    assert _run(code) == []


def test_missing_names_dir_and_completion_import_nothing():
    code = (
        "import sys, json, imbalance_lab; "
        "miss = hasattr(imbalance_lab, 'nope'); names = dir(imbalance_lab); "
        "print(json.dumps([miss, 'evaluate' in names, 'audit' in names, "
        "sorted(m for m in sys.modules if m.split('.')[0] in ('imbalance_lab', 'ipywidgets', 'imblearn', 'sklearn'))]))"
    )
    assert _run(code) == [False, True, True, ["imbalance_lab"]]


@pytest.mark.parametrize("name, heavy", [("plot_resampled", "imblearn"), ("threshold_sweep", "ipywidgets"),
                                         ("imbalance_ratio", "imblearn")])
def test_a_name_loads_only_its_own_module(name, heavy):
    code = (
        f"import sys, json, imbalance_lab; imbalance_lab.{name}; "
        f"print(json.dumps(['{heavy}' in sys.modules, 'imbalance_lab.widgets' in sys.modules]))"
    )
    assert _run(code) == [False, False]


def test_audit_is_the_function_and_cli_main_is_not_reexported():
    from imbalance_lab.auditing import audit

    assert imbalance_lab.audit is audit
    assert inspect.isfunction(imbalance_lab.audit)
    assert "pos_label" in inspect.signature(audit).parameters
    assert not hasattr(imbalance_lab, "main")


def test_importing_every_module_changes_no_global_state():
    code = (
        "import sklearn, imblearn, pandas, scipy.stats, matplotlib.pyplot, ipywidgets, seaborn; "  # their own filters
        "import matplotlib, warnings, json; before = dict(matplotlib.rcParams); filters = list(warnings.filters); "
        f"import importlib; [importlib.import_module('imbalance_lab.' + m) for m in {MODULES + ['cli']!r}]; "
        "changed = sorted(k for k in before if str(before[k]) != str(matplotlib.rcParams[k])); "
        "print(json.dumps({'rc': changed, 'warnings': warnings.filters == filters}))"
    )
    assert _run(code) == {"rc": [], "warnings": True}


@pytest.mark.parametrize("module", MODULES)
def test_public_names_are_reexported_and_documented(module):
    mod = importlib.import_module(f"imbalance_lab.{module}")
    assert hasattr(mod, "__all__"), f"imbalance_lab.{module} has no __all__"
    assert mod.__doc__ and mod.__doc__.strip(), f"imbalance_lab.{module} has no module docstring"
    for name in mod.__all__:
        obj = getattr(mod, name)
        assert getattr(imbalance_lab, name) is obj, f"imbalance_lab.{name} is not {module}.{name}"
        assert name in dir(imbalance_lab)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__ and len(obj.__doc__.strip()) > 20, f"{module}.{name} lacks a docstring"


def test_public_names_are_unique_across_modules():
    seen = {}
    for module in MODULES:
        for name in importlib.import_module(f"imbalance_lab.{module}").__all__:
            assert name not in seen, f"{name} is public in both {seen[name]} and {module}"
            seen[name] = module
    for module, names in PARTIAL.items():
        assert not set(names) & set(seen), f"imbalance_lab.{module} re-exports a name another module has"


def test_unknown_name_is_a_clear_attribute_error():
    with pytest.raises(AttributeError, match="not_a_helper"):
        imbalance_lab.not_a_helper
