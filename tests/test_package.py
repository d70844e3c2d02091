"""The package as a whole: cheap, side-effect-free import; every public name documented and reachable."""
import importlib
import inspect
import json
import subprocess
import sys

import pytest

import imbalance_lab

MODULES = [m for m in imbalance_lab._MODULES if importlib.util.find_spec(f"imbalance_lab.{m}") is not None]


def test_import_is_cheap_and_loads_no_heavy_library():
    code = (
        "import sys, json, imbalance_lab; "
        "print(json.dumps(sorted(m for m in ('sklearn','imblearn','pandas','matplotlib','ipywidgets','seaborn','scipy') if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_importing_every_module_changes_no_global_state():
    code = (
        "import sklearn, imblearn, pandas, scipy.stats, matplotlib.pyplot, ipywidgets, seaborn; "  # their own filters
        "import matplotlib, warnings, json; before = dict(matplotlib.rcParams); filters = list(warnings.filters); "
        f"import importlib; [importlib.import_module('imbalance_lab.' + m) for m in {MODULES!r}]; "
        "changed = sorted(k for k in before if str(before[k]) != str(matplotlib.rcParams[k])); "
        "print(json.dumps({'rc': changed, 'warnings': warnings.filters == filters}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == {"rc": [], "warnings": True}


@pytest.mark.parametrize("module", MODULES)
def test_public_names_are_reexported_and_documented(module):
    mod = importlib.import_module(f"imbalance_lab.{module}")
    assert hasattr(mod, "__all__"), f"imbalance_lab.{module} has no __all__"
    assert mod.__doc__ and mod.__doc__.strip(), f"imbalance_lab.{module} has no module docstring"
    for name in mod.__all__:
        obj = getattr(mod, name)
        assert getattr(imbalance_lab, name) is obj, f"imbalance_lab.{name} is not {module}.{name}"
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__ and len(obj.__doc__.strip()) > 20, f"{module}.{name} lacks a docstring"


def test_public_names_are_unique_across_modules():
    seen = {}
    for module in MODULES:
        for name in importlib.import_module(f"imbalance_lab.{module}").__all__:
            assert name not in seen, f"{name} is public in both {seen[name]} and {module}"
            seen[name] = module


def test_unknown_name_is_a_clear_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'not_a_helper'"):
        imbalance_lab.not_a_helper
