"""``minute-taker [BOOK] [--demo]`` starts the app (BOOK a file, or a team book's
``postgresql://`` URL); ``minute-taker
import|export-json|list|verify|export|search|reindex``
run without a window (as does ``minute-taker-cli``,
the console program: ``cli.main``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from minute_taker import APP_ID, __version__

# Kept here, not imported from cli, so starting the GUI does not load the CLI's modules.
SUBCOMMANDS = ("import", "export-json", "list", "verify", "export", "search", "reindex",
               "import-agenda", "copy-book")


def book_location(text: str) -> Path | str:
    """A file's path, or a team book's URL as written (``postgresql://user@host/db``)."""
    return text if "://" in text else Path(text)


def gui_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=APP_ID, description="Take the minutes of formal meetings.",
        epilog="Other commands, without a window (minute-taker COMMAND --help says more; "
               "on Windows run them as minute-taker-cli, which has a console): "
               "import BOOK FILE.json | export-json BOOK --meeting ID -o FILE.json | "
               "list BOOK | verify BOOK | export BOOK --meeting ID --format FORMAT -o FILE | "
               "search BOOK QUERY [--json] | reindex BOOK | "
               "import-agenda BOOK AGENDA --meeting ID | copy-book SOURCE TARGET")
    parser.add_argument("book", nargs="?", type=book_location,
                        help="the minute book to open or create (default: your own book), "
                             "or a team book's address, postgresql://you@server/database")
    parser.add_argument("--demo", action="store_true",
                        help="open a temporary book holding a sample meeting")
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in SUBCOMMANDS:
        from minute_taker import cli

        return cli.main(argv)
    args = gui_arguments(argv)
    from minute_taker.app_logging import keep_native_crashes, setup_logging

    log_file = setup_logging()
    if log_file is not None:  # before Qt is loaded, so a crash loading it is kept too
        keep_native_crashes(log_file)
    # Qt first, for the splash; run_gui imports the rest of the app once it is painted.
    # PySide6's feature hook reads the source of every module imported after PySide6
    # (measured: 70-80 ms of the ~0.4 s the Qt-free layers take), which is why they were
    # imported here before Qt; run_gui now imports them past the hook instead
    # (ui/app.py: past_feature_hook), leaving them as unregistered with it as before.
    from minute_taker.ui.app import run_gui

    return run_gui(args.book, demo=args.demo, exit_when_shown=args.exit_when_shown,
                   log_file=log_file, splash=True)


if __name__ == "__main__":
    sys.exit(main())
