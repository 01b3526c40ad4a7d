"""Mutation fuzzer for the parsers and the whole ``check`` pipeline (not part of the normal test run).

    nice -n 10 python tests/fuzz/fuzz_parsers.py --seconds 900 [--seed N] [--out tests/fixtures/fuzz]

Seeds: ``shared/corpus/real`` (when present), a ``tests/corpus_gen.py --files 60 --seed 3`` corpus and
``examples/``. Each round takes one seed, applies one to three mutations (see ``fuzzlib``), then in this
process (no subprocess per input) runs the format's parser directly and the whole pipeline (discover → parse →
checks → every reporter), each under a CPU-time guard (``--hang-seconds``, default 20; CPU time so that load
on the shared machine does not fake a hang). It records:

- an exception out of a parser, the pipeline or a reporter;
- a hang (the guard fired, or a stage ran longer than the bound);
- a GL000 finding or an internal-error GL001 (gluelint caught its own bug: still a bug);
- a lost job: after a *safe* mutation (``fuzzlib.SAFE``) and with no GL001, a job of the seed is missing.

Each new problem signature (stage, exception type, innermost gluelint frame) is saved at most twice as a
regression fixture ``<sha>__<name>`` under ``--out`` with ``<sha>__<name>.txt`` beside it (seed, mutations,
traceback). ``tests/test_fuzz_regressions.py`` replays them. Statistics are printed at the end (and every
``--progress`` seconds) as JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fuzz import fuzzlib


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to run")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    parser.add_argument("--out", type=Path, default=fuzzlib.FIXTURES, help="where failing inputs are saved")
    parser.add_argument("--hang-seconds", type=float, default=fuzzlib.HANG_SECONDS)
    parser.add_argument("--progress", type=float, default=60.0, help="print statistics every N seconds")
    parser.add_argument("--no-render", action="store_true", help="skip the reporters")
    parser.add_argument("--stats", type=Path, help="also write the final statistics (JSON) here")
    args = parser.parse_args(argv)

    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    stats: Counter[str] = Counter()
    saved: Counter[str] = Counter()
    signatures: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="gluelint-fuzz-") as tmp:
        work = Path(tmp)
        generated = fuzzlib.generate_corpus(work / "generated")
        seeds = fuzzlib.all_seeds(generated)
        print(json.dumps({"seed": seed, "seeds": len(seeds)}), flush=True)
        baselines: dict[int, fuzzlib.Outcome] = {}
        started = last = time.monotonic()
        deadline = started + args.seconds
        while time.monotonic() < deadline:
            index = rng.randrange(len(seeds))
            seed_input = seeds[index]
            safe = (fuzzlib.has_safe_site(seed_input.data) and rng.random() < 0.3) or rng.random() < 0.1
            if safe:
                ops = fuzzlib.safe_ops(rng)
            else:
                pool = list(fuzzlib.UNSAFE) * 4 + list(fuzzlib.HEAVY)
                ops = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
            data = fuzzlib.mutate(seed_input.data, rng, ops)
            outcome = fuzzlib.run_input(seed_input.name, data, work, args.hang_seconds, render=not args.no_render)
            stats["inputs"] += 1
            stats[f"kind:{fuzzlib.kind_of(seed_input.name, data)}"] += 1
            stats["with_gl001"] += bool(outcome.gl001_files)
            problems = list(outcome.problems)
            if safe:
                stats["safe_inputs"] += 1
                if index not in baselines:
                    baselines[index] = fuzzlib.run_input(seed_input.name, seed_input.data, work, args.hang_seconds,
                                                         render=False)
                lost = fuzzlib.lost_jobs(baselines[index], outcome)
                if lost:
                    problems.append((f"lost-job:{seed_input.origin}", f"jobs no longer reported: {sorted(lost)}"))
            for signature, detail in problems:
                stats["problems"] += 1
                stats[f"problem:{signature.split(':')[0]}"] += 1
                if saved[signature] >= 2:
                    continue
                saved[signature] += 1
                header = (f"signature: {signature}\nseed input: {seed_input.origin}\nmutations: {ops}\n"
                          f"fuzz seed: {seed}\nstage wall seconds: {outcome.seconds}\n"
                          f"stage CPU seconds: {outcome.cpu}\ninput bytes: {len(data)}")
                target = fuzzlib.save_fixture(seed_input.name, data, detail, header, args.out)
                signatures.setdefault(signature, str(target))
                print(json.dumps({"new": signature, "fixture": str(target)}), flush=True)
            if time.monotonic() - last > args.progress:
                last = time.monotonic()
                print(json.dumps({"elapsed": round(last - started), **stats}), flush=True)
        summary = {"seed": seed, "elapsed": round(time.monotonic() - started), **stats,
                   "signatures": signatures}
    print(json.dumps(summary, indent=1), flush=True)
    if args.stats is not None:
        args.stats.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
