"""The app against a bare PySide6 window: cold start, peak memory, bundle size, and the
live recompute of one input edit. Every figure has its baseline measured in this run.

Run: python benchmarks/bench_app.py [--frozen]   (--frozen also builds a bare window with
the same PyInstaller and compares the built app in dist/lic-desktop with it)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "resources" / "scenarios" / "seed-upgrade.toml"
RUNS = 5

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
window.resize(1280, 820)
window.show()
app.processEvents()
window.grab().save(sys.argv[1], "PNG")
"""

MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, capture_output=True)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measure(command: list[str]) -> tuple[float, float]:
    """Median wall seconds and peak MiB of `command` over RUNS fresh processes."""
    times, peaks = [], []
    # Bytecode cached, as after `pip install` (which compiles it) or any earlier start: a
    # machine with PYTHONDONTWRITEBYTECODE would otherwise compile the app's sources on
    # every start but not the bare window's (it has none). One untimed run writes it.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(command, env=env, capture_output=True, check=True)
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", MEASURE, *command], env=env,
                             capture_output=True, text=True, check=True).stdout.split()
        times.append(float(out[0]))
        peaks.append(int(out[1]) / 1024)
    return statistics.median(times), statistics.median(peaks)


def row(label: str, app: float, bare: float, unit: str) -> None:
    print(f"{label:<34} {app:>9.2f} {unit:<4} bare {bare:>9.2f} {unit:<4} {app / bare:>5.2f}x")


def source(folder: Path) -> None:
    png = str(folder / "w.png")
    app_t, app_m = measure([sys.executable, "-m", "lic_desktop", "--scenario", str(SEED),
                            "--screenshot", png])
    bare_script = folder / "bare.py"
    bare_script.write_text(BARE)
    bare_t, bare_m = measure([sys.executable, str(bare_script), png])
    row("cold start to painted window (source)", app_t, bare_t, "s")
    row("peak memory showing the seed quote", app_m, bare_m, "MiB")


def frozen(folder: Path) -> None:
    app = ROOT / "dist" / "lic-desktop" / "lic-desktop"
    if not app.exists():
        sys.exit("build first: bash build_spec/build.sh")
    bare_script = folder / "bare.py"
    bare_script.write_text(BARE)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(folder / "dist"), "--workpath", str(folder / "build"),
                    "--specpath", str(folder), "--name", "bare",
                    # noarchive, as build_spec/lic_desktop.spec: the same kind of bundle
                    "--debug", "noarchive",
                    str(bare_script)], check=True)
    bare = folder / "dist" / "bare" / "bare"
    png = str(folder / "w.png")
    app_t, app_m = measure([str(app), "--scenario", str(SEED), "--screenshot", png])
    bare_t, bare_m = measure([str(bare), png])
    row("cold start to painted window (frozen)", app_t, bare_t, "s")
    row("peak memory (frozen)", app_m, bare_m, "MiB")
    size = folder_size(app.parent) / 2**20
    bare_size = folder_size(bare.parent) / 2**20
    row("bundle size", size, bare_size, "MiB")


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def recompute() -> None:
    """One edit (the new servers) to repainted panes, in-process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings  # noqa: PLC0415
    from PySide6.QtWidgets import QLabel, QMainWindow  # noqa: PLC0415

    from lic_desktop.gui.app import application  # noqa: PLC0415
    from lic_desktop.gui.main_window import MainWindow  # noqa: PLC0415

    app = application()
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window.open_path(SEED)
        window.resize(1280, 820)
        window.show()
        app.processEvents()
        samples = []
        for i in range(300):
            t = time.perf_counter()
            window.form.to_quantity.setValue(16 + i % 7)  # as a keystroke would
            window.repaint()
            app.processEvents()
            samples.append((time.perf_counter() - t) * 1000)
        bare = QMainWindow()
        label = QLabel("0")
        bare.setCentralWidget(label)
        bare.show()
        base = []
        for i in range(300):
            t = time.perf_counter()
            label.setText(str(i))
            bare.repaint()
            app.processEvents()
            base.append((time.perf_counter() - t) * 1000)
        window.editor.mark_saved(Path(folder) / "x.toml")
        window.close()
    samples.sort()
    base.sort()
    p99 = samples[int(len(samples) * 0.99) - 1]
    print(f"{'live recompute, one edit (median)':<34} {statistics.median(samples):>9.2f} ms   "
          f"bare label {statistics.median(base):>9.2f} ms")
    print(f"{'live recompute, one edit (p99)':<34} {p99:>9.2f} ms   "
          f"bare label {base[int(len(base) * 0.99) - 1]:>9.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frozen", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source(Path(folder))
        if args.frozen:
            frozen(Path(folder))
            shutil.rmtree(Path(folder) / "build", ignore_errors=True)
    recompute()


if __name__ == "__main__":
    main()
