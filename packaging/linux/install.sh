#!/bin/sh
# Install Minute Taker for the current user (into ~/.local), or under --prefix DIR.
#
#   ./install.sh                 install or upgrade into ~/.local
#   ./install.sh --prefix DIR    install into DIR (for example /opt/minute-taker, as root)
#
# Puts the programs in PREFIX/bin, the app in PREFIX/lib/minute-taker, and the menu
# entry, icon, file type and AppStream data under PREFIX/share; then refreshes the
# desktop's caches when their tools are installed. Your minute books are not here: they
# live in ~/.local/share/minute-taker and are never touched by installing or removing.
set -eu

APP_ID=io.github.minutetaker.MinuteTaker
PREFIX="$HOME/.local"
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX="$2"; shift 2 ;;
        --prefix=*) PREFIX="${1#--prefix=}"; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
HERE="$(cd "$(dirname "$0")" && pwd)"
LIB="$PREFIX/lib/minute-taker"
MANIFEST="$LIB/installed-files.txt"

mkdir -p "$PREFIX/bin" "$PREFIX/lib"
# An older version goes first, with its own uninstaller (the books stay).
if [ -f "$MANIFEST" ] && [ -f "$LIB/uninstall.sh" ]; then
    sh "$LIB/uninstall.sh" --prefix "$PREFIX" >/dev/null
fi
rm -rf "$LIB"
cp -R "$HERE/lib/minute-taker" "$LIB"
cp "$HERE/uninstall.sh" "$LIB/uninstall.sh"
chmod 755 "$LIB/uninstall.sh"

: > "$MANIFEST.tmp"
for program in minute-taker minute-taker-cli; do
    if [ -e "$LIB/$program" ]; then
        ln -sf "$LIB/$program" "$PREFIX/bin/$program"
        echo "bin/$program" >> "$MANIFEST.tmp"
    fi
done

# Everything under share/, file by file, so the uninstaller removes exactly these.
(cd "$HERE/share" && find . -type f) | sed 's|^\./||' | while IFS= read -r file; do
    mkdir -p "$PREFIX/share/$(dirname "$file")"
    cp "$HERE/share/$file" "$PREFIX/share/$file"
    echo "share/$file" >> "$MANIFEST.tmp"
done
mv "$MANIFEST.tmp" "$MANIFEST"

# The menu entry starts the program by its full path: ~/.local/bin is not on every
# desktop session's PATH.
desktop="$PREFIX/share/applications/$APP_ID.desktop"
sed "s|^Exec=minute-taker |Exec=\"$LIB/minute-taker\" |; s|^TryExec=.*|TryExec=$LIB/minute-taker|" \
    "$desktop" > "$desktop.tmp" && mv "$desktop.tmp" "$desktop"

if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$PREFIX/share/mime" || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$PREFIX/share/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$PREFIX/share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$PREFIX/share/icons/hicolor" || true
fi

echo "Minute Taker is installed in $LIB."
echo "Start it from the applications menu, or run $PREFIX/bin/minute-taker."
case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) echo "($PREFIX/bin is not on your PATH: add it to run minute-taker by name.)" ;;
esac
echo "To remove it: $LIB/uninstall.sh (your minute books are kept)."
