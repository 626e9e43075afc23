"""Build the standalone one-folder studyapp with PyInstaller, then smoke-test it.

    .venv/bin/python packaging/build_standalone.py [--out build/standalone] [--reuse-venv]

1. a fresh virtualenv under OUT with ``.[standalone]`` (studyapp + PyInstaller);
2. ``pyinstaller packaging/studyapp.spec`` -> ``OUT/dist/studyapp/`` (run
   ``OUT/dist/studyapp/studyapp``; copy or archive the whole folder);
3. the result run as a user would, with a bare environment (no Python on
   PATH, no virtualenv): the window on an X server (Xvfb, Qt's xcb
   platform) shows the bundled sample and closes properly on SIGTERM;
   ``lookup`` answers from CC-CEDICT, ``annotate`` reads polyphones with the
   reading model, ``pairs`` reads a subtitle file (an importer loaded by
   name); ``--install-desktop`` points the launcher at the built executable.

Prints the minutes taken and the size of the folder. Needs Xvfb and the
README's system libraries; not part of the test suite (it takes minutes).
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUBTITLES = (
    "1\n00:00:01,000 --> 00:00:03,000\nGood morning, everyone.\n大家早上好。\n\n"
    "2\n00:00:04,000 --> 00:00:06,000\nWhere is the railway station?\n火车站在哪里？\n"
)
sys.path.insert(0, str(ROOT / "benchmarks"))
from virtual_screen import ReaderOnScreen, VirtualScreen, read_screen  # noqa: E402


def build(out: Path, reuse_venv: bool) -> Path:
    """The built folder's executable."""
    venv = out / "venv"
    if not (reuse_venv and (venv / "bin" / "pyinstaller").exists()):
        shutil.rmtree(venv, ignore_errors=True)
        run([sys.executable, "-m", "venv", str(venv)])
        run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", f"{ROOT}[standalone]"])
    run([str(venv / "bin" / "pyinstaller"), "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "work"), str(ROOT / "packaging" / "studyapp.spec")])
    return out / "dist" / "studyapp" / "studyapp"


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, check=True, **kwargs)


def bare_environment(home: Path) -> dict[str, str]:
    """What a desktop session passes, minus any Python: no PATH to an interpreter."""
    home.mkdir(parents=True, exist_ok=True)
    return {"HOME": str(home), "STUDYAPP_HOME": str(home / "studyapp"), "XDG_DATA_HOME": str(home / "share"),
            "PATH": "/nonexistent", "LANG": "C.UTF-8"}


def smoke_window(executable: Path, home: Path) -> None:
    with VirtualScreen() as screen:
        env = screen.environment(bare_environment(home))
        app = subprocess.Popen([str(executable)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            started, seen = time.monotonic(), ReaderOnScreen()
            while not seen.shows_document and app.poll() is None and time.monotonic() - started < 120:
                seen = read_screen(screen.grab(home / "screen.png"))
            if app.poll() is not None:
                check(False, f"the standalone app exited with status {app.returncode}: {app.communicate()[1][-3000:]}")
            check(seen.shows_document, f"the window shows {seen} ({home / 'screen.png'})")
            print(f"window: the sample is on the screen ({seen.english_lines} English, {seen.chinese_lines} Chinese lines) "
                  f"after {time.monotonic() - started:.1f} s")
            app.send_signal(signal.SIGTERM)
            _, err = app.communicate(timeout=120)
        finally:
            if app.poll() is None:
                app.kill()
    check(app.returncode == 0, f"closing on SIGTERM ended with status {app.returncode}: {err[-3000:]}")
    print("window: closed properly on SIGTERM")


def smoke_command_line(executable: Path, home: Path) -> None:
    env = bare_environment(home)
    done = subprocess.run([str(executable), "lookup", "你好", "--json"], env=env, capture_output=True, text=True, timeout=300)
    check(done.returncode == 0, f"lookup failed: {done.stderr[-3000:]}")
    readings = [entry.get("pinyin_marks") for entry in json.loads(done.stdout).get("entries", [])]
    check("nǐ hǎo" in readings, f"lookup 你好 gave {readings}")
    print("lookup: 你好 nǐ hǎo from CC-CEDICT")
    done = subprocess.run([str(executable), "annotate", "--json"], input="他还没有还钱\n", env=env, capture_output=True, text=True, timeout=300)
    check(done.returncode == 0, f"annotate failed: {done.stderr[-3000:]}")
    readings = [token["pinyin"] for token in json.loads(done.stdout)["tokens"] if token["text"] == "还"]
    check(readings == [["hai2"], ["huan2"]], f"annotate read 还 as {readings}")
    print("annotate: 他还(hai2)没有还(huan2)钱 by the reading model")
    subtitles = home / "bilingual.srt"  # importers are loaded by name: is each in the build?
    subtitles.write_text(SUBTITLES, encoding="utf-8")
    done = subprocess.run([str(executable), "pairs", str(subtitles), "--json"], env=env, capture_output=True, text=True, timeout=300)
    check(done.returncode == 0 and json.loads(done.stdout)[1] == ["Where is the railway station?", "火车站在哪里？"],
          f"pairs of a subtitle file failed: {done.stdout[-500:]} {done.stderr[-3000:]}")
    print("pairs: a bilingual .srt file")
    done = subprocess.run([str(executable), "--install-desktop"], env=env, capture_output=True, text=True, timeout=60)
    entry = home / "share" / "applications" / "studyapp.desktop"
    check(done.returncode == 0 and entry.is_file(), f"--install-desktop failed: {done.stderr}")
    check(f"Exec={executable} %f" in entry.read_text(encoding="utf-8"), "the launcher does not start the built executable")
    print(f"launcher: Exec={executable} %f")


def check(condition: bool, message: str) -> None:
    if not condition:
        print(f"FAILED: {message}", file=sys.stderr)
        sys.exit(1)


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def archive_size(folder: Path, out: Path) -> int:
    archive = out / "studyapp-standalone.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=folder.name)
    return archive.stat().st_size


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "standalone")
    parser.add_argument("--reuse-venv", action="store_true", help="keep the build virtualenv of an earlier run")
    args = parser.parse_args()
    out = args.out.resolve()
    started = time.monotonic()
    executable = build(out, args.reuse_venv)
    built = time.monotonic() - started
    with tempfile.TemporaryDirectory(prefix="studyapp-standalone-") as temporary:
        smoke_window(executable, Path(temporary) / "window")
        smoke_command_line(executable, Path(temporary) / "cli")
    size, count = folder_size(executable.parent)
    packed = archive_size(executable.parent, out)
    print(f"built in {built / 60:.1f} min (all with the smoke test: {(time.monotonic() - started) / 60:.1f} min)")
    print(f"{executable.parent}: {size / 1e6:.0f} MB in {count:,} files; {packed / 1e6:.0f} MB as .tar.gz")
    return 0


if __name__ == "__main__":
    sys.exit(main())
