#!/usr/bin/env bash
# Build the standalone folder app from a clean checkout, print its size, and run its
# self-test offscreen. Usage: bash build_spec/build.sh   (result: dist/lic-desktop/)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q ".[build]"
rm -rf build/pyinstaller dist/lic-desktop
python3 -m PyInstaller --noconfirm --log-level WARN --distpath dist \
    --workpath build/pyinstaller build_spec/lic_desktop.spec
echo "bundle: dist/lic-desktop, $(du -sh dist/lic-desktop | cut -f1) ($(du -s --block-size=1M dist/lic-desktop | cut -f1) MiB)"
QT_QPA_PLATFORM=offscreen dist/lic-desktop/lic-desktop --self-test
