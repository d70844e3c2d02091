"""The ``imbalance-lab`` command.

::

    imbalance-lab audit FILE.csv --target COLUMN [--positive LABEL]

prints the imbalance audit of a CSV file (see :func:`imbalance_lab.audit.audit`).
Bad input -- a missing or unreadable file, a missing target column, a target
with a single class -- ends with a one-line message on stderr and exit status
1; a wrong command line exits with status 2, as argparse does.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

__all__ = ["main"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class InputError(Exception):
    """A problem with the user's file or arguments, reported in one line."""


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="imbalance-lab",
        description="Tools from the imbalance-lab course on class imbalance in (medical) machine learning.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    audit = commands.add_parser(
        "audit",
        help="audit a CSV file for class imbalance and say what to do about it",
        description=(
            "Print class counts and shares, the imbalance ratio and its band, the minority rows and what they "
            "allow, missing values, numeric and nominal features, ID-like and constant columns, and "
            "recommendations, each pointing to the lesson that teaches it. The file is only read."
        ),
        epilog="example: imbalance-lab audit data/clinical_data.csv --target diagnosis --positive 1",
    )
    audit.add_argument("file", metavar="FILE.csv", help="the CSV file, one row per patient, with a header line")
    audit.add_argument("--target", "-t", required=True, metavar="COLUMN", help="name of the class label column")
    audit.add_argument(
        "--positive", "-p", metavar="LABEL", default=None,
        help="the positive (minority, 'sick') class, e.g. hypothyroid (default: 1 for 0/1 labels, else the smaller class)",
    )
    audit.add_argument("--sep", default=",", help="field separator (default ','; use ';' for many European exports)")
    audit.add_argument("--encoding", default="utf-8", help="text encoding of the file (default utf-8)")
    audit.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text",
        help="text (default), markdown (for a report) or json (for scripts)",
    )
    return parser


def _read_csv(path_text: str, sep: str, encoding: str):
    import pandas as pd

    path = Path(path_text)
    if not path.exists():
        raise InputError(f"no file at {path_text}")
    if path.is_dir():
        raise InputError(f"{path_text} is a folder, not a CSV file")
    with path.open("rb") as fh:
        head = fh.read(8192)
    if b"\x00" in head or head.startswith(b"PK\x03\x04"):
        raise InputError(
            f"{path.name} is not a text CSV file (binary content; an Excel workbook? save it as CSV first)"
        )
    try:
        frame = pd.read_csv(path, sep=sep, encoding=encoding, encoding_errors="strict", low_memory=False)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path.name} is not {encoding} text (byte {exc.start}); pass its encoding, e.g. --encoding latin-1"
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}; try --encoding utf-8 or --encoding latin-1") from None
    except pd.errors.EmptyDataError:
        raise InputError(f"{path.name} is empty: no header line and no rows") from None
    except pd.errors.ParserError as exc:
        detail = " ".join(str(exc).split())
        raise InputError(f"{path.name} is not a well-formed CSV file: {detail}") from None
    if frame.shape[1] == 1 and sep == ",":
        only = str(frame.columns[0])
        for other in (";", "\t", "|"):
            if other in only:
                raise InputError(
                    f"{path.name} has a single column {only!r}: its fields look separated by {other!r}; "
                    f"pass --sep {other!r}"
                )
    if frame.empty:
        raise InputError(f"{path.name} has a header line but no rows")
    return frame


def _audit_command(args) -> int:
    from .audit import audit

    frame = _read_csv(args.file, args.sep, args.encoding)
    if args.target not in frame.columns:
        raise InputError(
            f"{Path(args.file).name} has no column {args.target!r}; its columns are: "
            + ", ".join(str(c) for c in frame.columns)
        )
    try:
        report = audit(frame, target=args.target, positive=args.positive)
    except (ValueError, TypeError, KeyError) as exc:
        raise InputError(str(exc.args[0]) if exc.args else str(exc)) from None
    if args.format == "markdown":
        print(report._repr_markdown_())
    elif args.format == "json":
        print(json.dumps(report.to_dict(), indent=2, default=_jsonable))
    else:
        print(report)
    return EXIT_OK


def _jsonable(value):
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (the console script exits with it).

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).

    Examples
    --------
    >>> main(["audit", "data/clinical_data.csv", "--target", "diagnosis"])  # doctest: +SKIP
    0
    """
    parser = _parser()
    if argv is not None and (isinstance(argv, str) or not all(isinstance(a, str) for a in argv)):
        raise TypeError("argv must be a list of strings, e.g. ['audit', 'data.csv', '--target', 'diagnosis'].")
    args = parser.parse_args(argv)  # exits with status 2 and a usage line on bad arguments
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return _audit_command(args)
    except InputError as exc:
        print(f"imbalance-lab: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
