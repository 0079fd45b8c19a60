"""Command-line entry points: `lic-desktop [gui|quote|plan|batch|store|catalogs] ...`.

Exit status: 0 for any quote (a blocked one included), 2 for invalid input or a file
that cannot be written, with one line on stderr naming the field, 130 for Ctrl+C and
143/129 for SIGTERM/SIGHUP during a write (one line saying which file was not written),
1 for an unexpected failure (also one line; set LIC_DESKTOP_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence

from lic_desktop import l10n
from lic_desktop.atomic_write import FULL as DISK_FULL
from lic_desktop.atomic_write import Stopped, WriteError, signals_stop_writes, unwritten
from lic_desktop.cli.args import SCENARIO_FIELDS, UsageError, build_parser
from lic_desktop.cli.commands import COMMANDS, EXIT_INPUT, command
from lic_desktop.core.catalog import CatalogError
from lic_desktop.core.periods import InputError

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a Ctrl+C


def option_name(field: str) -> str:
    """The command-line option for an input field: "to_plan" -> "--to-plan"."""
    if field == "licenses":
        return ""  # the book's own path leads the message
    if field in {*SCENARIO_FIELDS, "start", "at", "anchor", "paid", "pending", "scenario",
                 "until", "pdf", "out", "url", "service", "port", "locale", "access_key",
                 "seller", "paper", "ics", "bulk_services", "client", "client_id",
                 "search"}:
        return "--" + field.replace("_", "-")
    return field


def choose_locale(asked: str | None) -> str:
    """The locale asked for (checked), else the system's; the UI language follows it."""
    if asked:
        try:
            locale = l10n.check_locale(asked)
        except ValueError as exc:
            raise InputError("locale", str(exc)) from None
    else:
        locale = l10n.system_locale()
    l10n.set_language(locale)
    return locale


def with_command(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """The command first: `lic-desktop [--scenario F]` opens the window, and options
    written before the command (`--locale de_DE quote ...`) go after it. A word that is
    an option's value (`--customer quote`, a scenario file named `plan`) is not taken
    for the command."""
    if not argv:
        return ["gui"]
    if not argv[0].startswith("-") or argv[0] in ("-h", "--help", "--version"):
        return argv
    takes_value = {name for sub in subcommands(parser).values()
                   for name, option in sub._option_string_actions.items()
                   if option.nargs != 0}  # not flags such as --auto-renew
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in COMMANDS:
            return [arg, *argv[:i], *argv[i + 1:]]
        i += 2 if arg in takes_value else 1  # "--opt=value" is one word either way
    return ["gui", *argv]


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Each command's own parser, by name (argparse keeps them only in private fields)."""
    return next((dict(action.choices) for action in parser._actions
                 if isinstance(action, argparse._SubParsersAction)), {})


def unknown_options(parser: argparse.ArgumentParser, command: str | None,
                    unknown: list[str]) -> str:
    """argparse's 'unrecognized arguments', with the command named and the option the
    user probably meant ("--to-quantiy" -> "--to-quantity")."""
    sub = subcommands(parser).get(command or "")
    known = [] if sub is None else list(sub._option_string_actions)
    where = f"lic-desktop {command}" if command else "lic-desktop"
    hints = []
    for arg in unknown:
        close = difflib.get_close_matches(arg.split("=")[0], known, n=1, cutoff=0.75)
        if arg.startswith("-") and close:
            hints.append(f"{arg} (did you mean {close[0]}?)")
        else:
            hints.append(arg)
    return f"{where}: unrecognized arguments: {' '.join(hints)}"


def stopped(exc: KeyboardInterrupt | Stopped) -> tuple[str, int]:
    """One line for a run cut short (what stopped it, each file it did not write) and
    the exit status a shell gives: 128 + the signal's number."""
    what, status = (("interrupted", EXIT_INTERRUPTED) if isinstance(exc, KeyboardInterrupt)
                    else (f"stopped by {exc}", 128 + exc.signum))
    parts = [what, *(f"{file.path} was cut short" if file.cut_short
                     else f"{file.path} was not written, the old file is intact"
                     if file.old_kept else f"{file.path} was not written"
                     for file in unwritten(exc))]
    start = "\n" if sys.stderr.isatty() else ""  # off the line of "^C" and of a progress bar
    return start + "lic-desktop: " + "; ".join(parts), status


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = with_command(list(sys.argv[1:] if argv is None else argv), parser)
    status = EXIT_INPUT
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:
            raise UsageError(unknown_options(parser, args.command, unknown))
        args.locale = choose_locale(getattr(args, "locale", None))
        if args.command in COMMANDS:
            # SIGTERM/SIGHUP mid-write: the temp file removed, exit 143/129 (not the
            # window: its event loop would swallow the exception, never exit).
            with signals_stop_writes(args.command != "gui"):
                code = command(args.command)(args)
            sys.stdout.flush()  # a full disk behind stdout is met here, not at exit
            return code
        parser.print_help()
        return 0
    except UsageError as exc:
        message = str(exc)
    except InputError as exc:
        name = option_name(exc.field)
        message = f"lic-desktop: {name + ': ' if name else ''}{exc.message}"
    except CatalogError as exc:
        message = f"lic-desktop: --catalog: {exc.named}"
    except WriteError as exc:  # a file with no option of its own (the store's cache)
        message = f"lic-desktop: {exc}"
    except (KeyboardInterrupt, Stopped) as exc:  # Stopped: SIGTERM/SIGHUP during a write
        message, status = stopped(exc)
    except BrokenPipeError:
        # The reader (head, a pager) stopped early. Point stdout at /dev/null so Python's
        # own flush at exit does not fail again (the recipe in Python's signal docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:
        if isinstance(exc, OSError) and exc.errno in DISK_FULL:
            # `> file` on a full disk: stdout is the shell's file, cut short. Python's
            # own flush at exit must not fail again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            message = "lic-desktop: the disk is full: the standard output was cut short"
        else:
            if os.environ.get("LIC_DESKTOP_DEBUG"):
                raise
            print(f"lic-desktop: internal error: {type(exc).__name__}: {exc} "
                  "(set LIC_DESKTOP_DEBUG=1 for details)", file=sys.stderr)
            return 1
    print(message, file=sys.stderr)
    return status
