"""The ``imbalance-lab`` command.

::

    imbalance-lab audit FILE --target COLUMN [--pos-label LABEL] [--nominal COL,...]
                        [--sep SEP] [--decimal {.,,}] [--encoding ENC] [--sheet NAME]
                        [--format {text,markdown,json,html}] [--output PATH]

prints the imbalance audit of a data file (see :func:`imbalance_lab.audit`).
FILE may be a CSV file (any common delimiter, decimal commas, ``.gz``,
``.bz2``, ``.xz`` or ``.zip``), an Excel workbook, or ``-`` for standard input.
Bad input -- a missing or unreadable file, a missing target column, a target
with a single class -- ends with a one-line message on stderr and exit status
1; a wrong command line exits with status 2, as argparse does.

Each subcommand is one entry of :data:`COMMANDS`: a function that adds its
arguments to a subparser and a function that runs it, whose docstring is the
command's help. Commands that read a table share :func:`add_table_arguments` and :func:`read_table_from_args`.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

__all__ = ["main"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class InputError(Exception):
    """A problem with the user's file or arguments, reported in one line."""


# ------------------------------------------------------------------ shared options
def add_table_arguments(parser: argparse.ArgumentParser) -> None:
    """The file argument and the options that say how to read it."""
    parser.add_argument(
        "file", metavar="FILE",
        help="a CSV file (also .gz, .bz2, .xz, .zip), an .xlsx workbook, or - for standard input; "
        "one row per patient, with a header line",
    )
    parser.add_argument(
        "--sep", default=None,
        help="field separator (default: detected among , ; tab |); '\\t' or 'tab' means a tab",
    )
    parser.add_argument(
        "--decimal", default=None, choices=(".", ","),
        help="decimal mark (default: detected; ',' for many European exports)",
    )
    parser.add_argument(
        "--encoding", default=None,
        help="text encoding (default: UTF-8, or what a byte-order mark says, UTF-16 included)",
    )
    parser.add_argument(
        "--sheet", default=None, help="sheet of an Excel workbook, by name or 0-based position (default: the first)"
    )


def read_table_from_args(args):
    """Read ``args.file`` with the options of :func:`add_table_arguments`; errors become InputError."""
    from .auditing import read_table

    sheet = 0 if args.sheet is None else int(args.sheet) if args.sheet.isdigit() else args.sheet
    try:
        return read_table(args.file, sep=args.sep, decimal=args.decimal, encoding=args.encoding, sheet=sheet)
    except (OSError, ValueError, TypeError) as exc:
        raise InputError(_message(exc)) from None


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """--format and --output, shared by the commands that print a report."""
    parser.add_argument(
        "--format", choices=("text", "markdown", "json", "html"), default="text",
        help="text (default), markdown or html (for a report; links to the lessons work from the output's "
        "folder with --output, else they are absolute file:// links) or json (for scripts; labels as text)",
    )
    parser.add_argument(
        "--output", "-o", metavar="PATH", default=None,
        help="write the report to PATH instead of printing it",
    )


def write_output(text: str, args) -> None:
    if args.output is None:
        print(text)
        return
    try:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {args.output}: {exc.strerror or exc}") from None


def _message(exc: BaseException) -> str:
    return str(exc.args[0]) if exc.args else str(exc)


# ------------------------------------------------------------------ audit
def add_target_arguments(parser) -> None:
    """The file, the target column, the positive label and the category-code columns (audit and report)."""
    add_table_arguments(parser)
    parser.add_argument("--target", "-t", required=True, metavar="COLUMN", help="name of the class label column")
    parser.add_argument(
        "--pos-label", "--positive", "-p", dest="pos_label", metavar="LABEL", default=None,
        help="the positive ('sick') class, e.g. hypothyroid (default: 1 for 0/1 labels, else the smaller class; "
        "the output says which it assumed)",
    )
    parser.add_argument(
        "--nominal", metavar="COL,...", default=None,
        help="comma-separated columns holding category codes (e.g. cp,thal) to treat as categories",
    )


def _audit_arguments(parser) -> None:
    add_target_arguments(parser)
    add_output_arguments(parser)


def _run_audit(args) -> int:
    """audit a data file for class imbalance and say what to do about it

    Print class counts and shares, the imbalance ratio and its band, what the minority rows allow
    (test and fold counts, events per variable, interval widths), missing values and how they differ
    by class, zeros that mean missing, category codes, ID-like, date and leaking columns, and
    recommendations, each pointing to the lesson that teaches it. The file is only read, and the
    report holds counts, rates and column names, never a row.

    example: imbalance-lab audit data/clinical_data.csv --target diagnosis --pos-label 1
    """
    from .auditing import audit

    frame = read_table_from_args(args)
    name = "standard input" if args.file == "-" else Path(args.file).name
    if args.target not in frame.columns:
        raise InputError(
            f"{name} has no column {args.target!r}; its columns are: " + ", ".join(str(c) for c in frame.columns)
        )
    try:
        report = audit(frame, target=args.target, pos_label=args.pos_label, nominal=args.nominal)
    except (ValueError, TypeError, KeyError) as exc:
        raise InputError(_message(exc)) from None
    link_dir = Path(args.output).resolve().parent if args.output else None
    if args.format == "markdown":
        text = report.to_markdown(link_dir=link_dir)
    elif args.format == "html":
        text = report.to_html(link_dir=link_dir)
    elif args.format == "json":
        text = report.to_json()
    else:
        text = report.to_text()
    write_output(text, args)
    return EXIT_OK


# ------------------------------------------------------------------ report
def _report_arguments(parser) -> None:
    add_target_arguments(parser)
    parser.add_argument("--cost-fn", type=float, required=True, metavar="C",
                        help="what a missed positive costs (any unit; only the ratio to --cost-fp matters)")
    parser.add_argument("--cost-fp", type=float, default=1.0, metavar="C", help="what a false alarm costs (default 1)")
    parser.add_argument("--out", default="imbalance_report", metavar="DIR",
                        help="folder for report.ipynb, report.html and report.json (default: imbalance_report)")
    parser.add_argument("--splits", type=int, default=5, help="cross-validation folds (default 5)")
    parser.add_argument("--repeats", type=int, default=5, help="repeats of the cross-validation (default 5)")
    parser.add_argument("--seed", type=int, default=42, help="the seed of every split, sampler and model (default 42)")
    parser.add_argument("--max-cv-rows", type=int, default=20_000, metavar="N",
                        help="above N rows, compare strategies on a stratified sample of N (default 20000)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="parallel processes (-1: all cores)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def _run_report(args) -> int:
    """apply the course's method to a data file: an executed notebook and an HTML report

    Audit the file, compare four strategies by repeated stratified cross-validation (no correction with
    a threshold from the costs, class weights, the recommended sampler inside a pipeline, gradient
    boosting), check their calibration, tune the threshold from the costs, draw the decision curve,
    compare the two best on the same patients and draft the TRIPOD+AI item 13 paragraph. Writes
    report.ipynb, report.html and report.json into --out. Counts, rates and curves only, never a row.

    example: imbalance-lab report data/clinical_data.csv --target diagnosis --cost-fn 10 --out my_report
    """
    from .reporting import ReportError, report

    sheet = 0 if args.sheet is None else int(args.sheet) if args.sheet.isdigit() else args.sheet
    try:
        result = report(
            args.file, target=args.target, pos_label=args.pos_label, nominal=args.nominal,
            cost_fn=args.cost_fn, cost_fp=args.cost_fp, out=args.out, n_splits=args.splits,
            n_repeats=args.repeats, random_state=args.seed, max_cv_rows=args.max_cv_rows, n_jobs=args.jobs,
            sep=args.sep, decimal=args.decimal, encoding=args.encoding, sheet=sheet, progress=not args.quiet,
        )
    except (OSError, ValueError, TypeError, KeyError, ImportError, ReportError) as exc:
        raise InputError(_message(exc)) from None
    print(f"wrote {result.html}, {result.notebook} and {result.json} in {result.seconds:.0f} s")
    return EXIT_OK


#: Subcommands, in the order ``--help`` lists them: name -> (function adding its arguments, function running
#: it). The runner's docstring is the command's help: its first line, its description (the middle
#: paragraphs) and its epilog (the last paragraph).
COMMANDS = {"audit": (_audit_arguments, _run_audit), "report": (_report_arguments, _run_report)}


def _add_command(commands, name: str) -> None:
    add_arguments, run = COMMANDS[name]
    paragraphs = [" ".join(block.split()) for block in (run.__doc__ or "").strip().split("\n\n")]
    parser = commands.add_parser(name, help=paragraphs[0], description=" ".join(paragraphs[1:-1]) or None,
                                 epilog=paragraphs[-1] if len(paragraphs) > 2 else None)
    add_arguments(parser)
    parser.set_defaults(handler=run)


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="imbalance-lab",
        description="Tools from the imbalance-lab course on class imbalance in (medical) machine learning.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        _add_command(commands, name)
    return parser


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
        return args.handler(args)
    except InputError as exc:
        print(f"imbalance-lab: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
