#!/usr/bin/env python3
"""gluelint vs checkov on generated monorepos: wall time, throughput, peak memory.

    python bench/run.py                      # 200, 2,000 and 10,000 files; 5 runs each; checkov if found
    python bench/run.py --with-checkov       # also install checkov into a separate venv first (needs PyPI)
    python bench/run.py --smoke              # CI: 200 files, 1 run, checkov only if already installed
    python bench/run.py --sizes 2000 --runs 3

Each command runs as a whole process (start-up included). Wall time is a monotonic clock around it; peak
memory is the largest resident set of one process (``wait4`` max RSS, as ``/usr/bin/time -v`` reports it;
forked parse workers are not summed). gluelint is measured cold (an empty cache
directory for every run) and warm (the cache left by a previous run). checkov runs its Glue checks only.
This is a benchmark, not a test: it fails only when a command fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "tests" / "corpus_gen.py"
CHECKOV_VERSION = "3.3.30"
CHECKOV_CHECKS = "CKV_AWS_94,CKV_AWS_99,CKV_AWS_195"
# checkov's default parallel runner was seen to hang here (a worker left <defunct>, the parent waiting):
# a run longer than this is killed. CHECKOV_PARALLELIZATION_TYPE=none runs it serially.
CHECKOV_TIMEOUT = 900.0
SMALL_TF = 'resource "aws_glue_job" "a" {\n  name     = "a"\n  role_arn = "r"\n' \
           '  command {\n    script_location = "s3://b/a.py"\n  }\n}\n'


@dataclass
class Sample:
    wall: float
    cpu: float
    peak_kib: int
    code: int


@dataclass
class Row:
    size: int
    tool: str
    files: int
    mbytes: float
    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def peak_mib(self) -> float:
        return max(s.peak_kib for s in self.samples) / 1024


def measure(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float | None = None) -> Sample:
    """Run ``cmd`` to completion: its wall time and peak RSS. A run past ``timeout`` seconds is killed (with
    its children) and ends the benchmark with a message: a hung tool must not hang the benchmark."""
    env = dict(os.environ if env is None else env)
    # Measure gluelint as installed (byte-compiled), not recompiling every module on each start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "gluelint-bench-pycache"))
    # stderr goes to a file: a pipe read only after the process ends fills up and blocks a chatty tool
    # (checkov writes megabytes of warnings) forever.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors, env=env, cwd=cwd,
                                start_new_session=True)
        timer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL)) if timeout else None
        if timer is not None:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if timer is not None:
            timer.cancel()
            if timeout is not None and wall >= timeout:
                raise SystemExit(f"timed out after {timeout:g} s: {' '.join(cmd)}")
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{stderr[-2000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode)


def corpus(workdir: Path, size: int) -> Path:
    # Named by the generator's content: a changed generator never reuses an old corpus.
    out = workdir / f"corpus-{size}-{hashlib.blake2b(GENERATOR.read_bytes(), digest_size=6).hexdigest()}"
    if not (out / ".complete").exists():
        if out.exists():
            shutil.rmtree(out)
        subprocess.run([sys.executable, str(GENERATOR), str(out), "--files", str(size), "--seed", "1"],
                       check=True, stdout=subprocess.DEVNULL)
        (out / ".complete").write_text("")
    return out


def tree_stats(path: Path) -> tuple[int, float]:
    files = 0
    total = 0
    for dirpath, _, names in os.walk(path):
        for name in names:
            if name.startswith("."):
                continue
            files += 1
            total += os.path.getsize(os.path.join(dirpath, name))
    return files, total / 1e6


def gluelint_cmd() -> list[str]:
    return [sys.executable, "-m", "gluelint"]


def find_checkov(workdir: Path, install: bool) -> list[str] | None:
    venv = workdir / "checkov-venv"
    exe = venv / "bin" / "checkov"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("checkov")
    if found and not install:
        return [found]
    if not install:
        return None
    print(f"installing checkov {CHECKOV_VERSION} into {venv} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"checkov=={CHECKOV_VERSION}"], check=True)
    return [str(exe)]


def bench_size(size: int, runs: int, workdir: Path, checkov: list[str] | None, jobs: int,
               checkov_runs: int | None = None) -> list[Row]:
    tree = corpus(workdir, size)
    files, mbytes = tree_stats(tree)
    rows: list[Row] = []
    base_env = dict(os.environ)
    cmd = [*gluelint_cmd(), "check", str(tree), "--exit-zero", "--format", "json"]
    if jobs:
        cmd += ["--jobs", str(jobs)]

    cold = Row(size, "gluelint (cold cache)", files, mbytes)
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="gluelint-cache-") as cache:
            cold.samples.append(measure(cmd, env={**base_env, "GLUELINT_CACHE_DIR": cache}))
    rows.append(cold)

    warm = Row(size, "gluelint (warm cache)", files, mbytes)
    with tempfile.TemporaryDirectory(prefix="gluelint-cache-") as cache:
        env = {**base_env, "GLUELINT_CACHE_DIR": cache}
        measure(cmd, env=env)  # fill the cache
        for _ in range(runs):
            warm.samples.append(measure(cmd, env=env))
    rows.append(warm)

    nocache = Row(size, "gluelint --no-cache --jobs 1", files, mbytes)
    for _ in range(runs):
        nocache.samples.append(measure([*cmd, "--no-cache", "--jobs", "1"], env=base_env))
    rows.append(nocache)

    if checkov is not None:
        serial = os.environ.get("CHECKOV_PARALLELIZATION_TYPE") == "none"
        row = Row(size, "checkov (Glue checks" + (", serial)" if serial else ")"), files, mbytes)
        for _ in range(checkov_runs if checkov_runs is not None else runs):
            row.samples.append(measure([*checkov, "-d", str(tree), "--framework", "terraform", "cloudformation",
                                        "--check", CHECKOV_CHECKS, "--quiet", "--compact"], env=base_env,
                                       timeout=CHECKOV_TIMEOUT))
        rows.append(row)
    return rows


def startup(runs: int, workdir: Path) -> list[tuple[str, float, float]]:
    small = workdir / "small" / "main.tf"
    small.parent.mkdir(parents=True, exist_ok=True)
    small.write_text(SMALL_TF)
    out = []
    for label, cmd in (("gluelint --version", [*gluelint_cmd(), "--version"]),
                       ("gluelint check small.tf (1 job)", [*gluelint_cmd(), "check", str(small), "--exit-zero"])):
        samples = [measure(cmd) for _ in range(max(runs, 3))]
        out.append((label, statistics.median(s.wall for s in samples),
                    max(s.peak_kib for s in samples) / 1024))
    return out


def render(rows: list[Row], starts: list[tuple[str, float, float]], runs: int) -> str:
    lines = [f"| files | MB | tool | median wall s (n={runs}) | cpu s | files/s | MB/s | peak MiB "
             "| checkov / gluelint |",
             "|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
    for size in sorted({r.size for r in rows}):
        group = [r for r in rows if r.size == size]
        checkov = next((r for r in group if r.tool.startswith("checkov")), None)
        for r in group:
            ratio = f"{checkov.median / r.median:.1f}x" if checkov is not None and r is not checkov else ""
            lines.append(f"| {r.files:,} | {r.mbytes:.2f} | {r.tool} | {r.median:.2f} | {r.cpu:.2f} "
                         f"| {r.files / r.median:,.0f} | {r.mbytes / r.median:.2f} | {r.peak_mib:.0f} | {ratio} |")
    cold = {r.size: r.median for r in rows if r.tool == "gluelint (cold cache)"}
    extra = []
    if 2000 in cold and 10000 in cold:
        extra.append(f"10k / 2k cold time ratio: {cold[10000] / cold[2000]:.2f}")
    lines.append("")
    lines.append("| start-up | median wall s | peak MiB |")
    lines.append("|---|---:|---:|")
    lines.extend(f"| {label} | {wall:.3f} | {peak:.0f} |" for label, wall, peak in starts)
    if extra:
        lines.append("")
        lines.extend(extra)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="200,2000,10000", help="corpus sizes in files, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="CI smoke test: 200 files, 1 run")
    parser.add_argument("--with-checkov", action="store_true", help="install checkov into a venv if needed")
    parser.add_argument("--no-checkov", action="store_true")
    parser.add_argument("--checkov-runs", type=int, help="runs of checkov per size (default: --runs)")
    parser.add_argument("--jobs", type=int, default=0, help="pass --jobs N to gluelint (0: its default)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "gluelint-bench")
    parser.add_argument("--json", type=Path, help="also write the raw samples here")
    args = parser.parse_args()
    sizes = [200] if args.smoke else [int(s) for s in args.sizes.split(",")]
    runs = 1 if args.smoke else args.runs
    args.workdir.mkdir(parents=True, exist_ok=True)
    checkov = None if args.no_checkov else find_checkov(args.workdir, args.with_checkov)
    rows: list[Row] = []
    for size in sizes:
        print(f"benchmarking {size} files ...", file=sys.stderr)
        rows.extend(bench_size(size, runs, args.workdir, checkov, args.jobs, args.checkov_runs))
    starts = startup(runs, args.workdir)
    print(render(rows, starts, runs))
    if args.json:
        args.json.write_text(json.dumps([{"size": r.size, "tool": r.tool, "files": r.files, "mb": r.mbytes,
                                          "samples": [s.__dict__ for s in r.samples]} for r in rows], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
