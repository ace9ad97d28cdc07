#!/bin/sh
# Remove Minute Taker installed by install.sh. Keeps your minute books, settings, backups
# and logs (~/.local/share/minute-taker, ~/.config/minute-taker and so on): only the
# files the installer wrote are removed.
#
#   uninstall.sh                 remove from ~/.local (or where this script lives)
#   uninstall.sh --prefix DIR    remove from DIR
set -eu

# Run from PREFIX/lib/minute-taker (where install.sh puts it), the prefix is two levels up;
# run from the unpacked tarball, it is ~/.local unless --prefix says otherwise.
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ -f "$HERE/installed-files.txt" ]; then
    PREFIX="$(dirname "$(dirname "$HERE")")"
else
    PREFIX="$HOME/.local"
fi
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX="$2"; shift 2 ;;
        --prefix=*) PREFIX="${1#--prefix=}"; shift ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "uninstall.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
LIB="$PREFIX/lib/minute-taker"
MANIFEST="$LIB/installed-files.txt"
if [ ! -f "$MANIFEST" ]; then
    echo "uninstall.sh: Minute Taker is not installed in $PREFIX (no $MANIFEST)." >&2
    exit 1
fi

while IFS= read -r file; do
    case "$file" in
        bin/*|share/*) rm -f "$PREFIX/$file" ;;  # nothing outside what install.sh wrote
    esac
done < "$MANIFEST"
# Folders the installer filled that are now empty (never the books' folder, which is
# share/minute-taker, not listed).
rmdir "$PREFIX/share/doc/minute-taker" 2>/dev/null || true
rm -rf "$LIB"

if command -v update-mime-database >/dev/null 2>&1 && [ -d "$PREFIX/share/mime/packages" ]; then
    update-mime-database "$PREFIX/share/mime" || true
fi
if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$PREFIX/share/applications" ]; then
    update-desktop-database -q "$PREFIX/share/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$PREFIX/share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$PREFIX/share/icons/hicolor" || true
fi
echo "Minute Taker is removed from $PREFIX. Your minute books are kept."
