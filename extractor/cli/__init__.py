"""The ``extractor`` command: a thin layer over the public API.

Each subcommand lives in its own module exposing ``command``; COMMAND_MODULES lists them.
Exit codes: 0 when every input worked, 1 when some input failed, 2 for usage errors.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from extractor import __version__
from extractor.errors import ExtractorError

COMMAND_MODULES: tuple[str, ...] = ("extract", "batch", "spark", "info", "eval", "cache")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extractor")
def cli() -> None:
    """Turn job postings (JSON-LD, ATS JSON, feeds, markdown, HTML, text) into records."""


for _module in COMMAND_MODULES:
    cli.add_command(importlib.import_module(f"extractor.cli.{_module}").command)
for _module in ("info",):
    for _extra in getattr(importlib.import_module(f"extractor.cli.{_module}"), "EXTRA", ()):
        cli.add_command(_extra)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning our errors into one readable line, never a traceback."""
    try:
        code = cli.main(args=argv, prog_name="extractor", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        code = EXIT_FAILED
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except ExtractorError as error:
        click.echo(f"error: {error}", err=True)
        code = EXIT_FAILED
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        code = 130
    except Exception as error:  # the last guard: a bug must still not print a traceback
        if os.environ.get("EXTRACTOR_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(error).__name__}: {error} "
            "(set EXTRACTOR_DEBUG=1 for the traceback, and please report it)",
            err=True,
        )
        code = EXIT_FAILED
    sys.exit(code if isinstance(code, int) else EXIT_OK)
