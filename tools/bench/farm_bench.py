#!/usr/bin/python3
"""The farm's own overhead, repeated: `daft bench farm` R times per configuration, min/median/max of jobs/s and of the
device idle gap's p50 and p95 (issue 9: >= 5 repetitions).

    dotnet build src/Coordinator -c Release && dotnet build src/GpuNode -c Release
    /usr/bin/python3 tools/bench/farm_bench.py [--repeats 5] [--noop-jobs 4000] [--real-jobs 12] [--json FILE]
    /usr/bin/python3 tools/bench/farm_bench.py --quick      # 40 no-op jobs and 3 real ones, 1 repetition: seconds

Configurations: noop on cpu:1, cpu:4, cpu:16 (jobs/s through coordinator, SQLite ledger and one node), then
in-process and process on cpu:1 (real tiny jobs: the idle gap between them). Each run records the 1-minute load before
it: this 2-core machine is shared, and a loaded one slows every figure here.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import REPO, loadavg, median  # noqa: E402

DAFT = os.path.join(REPO, "src", "Coordinator", "bin", "Release", "net10.0", "daft.dll")
LINE = re.compile(r"(?P<jobs>\d+) jobs, executor (?P<executor>\S+), devices (?P<devices>\S+), SQLite ledger: (?P<rate>\d+) jobs/s "
                  r"\((?P<span>[\d.]+) s .*?(?P<failed>\d+) not succeeded\); device idle gap ms: p50 (?P<p50>[\d.]+), "
                  r"p95 (?P<p95>[\d.]+), max (?P<max>[\d.]+)")


def run(executor, devices, jobs):
    load = loadavg()
    started = time.perf_counter()
    done = subprocess.run(["dotnet", DAFT, "bench", "farm", "--jobs", str(jobs), "--devices", devices, "--executor", executor],
                          capture_output=True, text=True, cwd=REPO)
    match = LINE.search(done.stdout)
    if done.returncode != 0 or not match:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"daft bench farm failed (exit {done.returncode})")
    row = {k: float(v) if k in ("rate", "span", "p50", "p95", "max") else v for k, v in match.groupdict().items()}
    row.update(load_before=load, wall=time.perf_counter() - started)
    if row["failed"] != "0":
        raise SystemExit(f"{row['failed']} jobs did not succeed: {done.stdout}")
    print(f"  {executor:10} {devices:6} {jobs:5} jobs: {row['rate']:6.0f} jobs/s, idle gap p50 {row['p50']:7.1f} ms, "
          f"p95 {row['p95']:7.1f} ms (load before {load[0]:.2f})", flush=True)
    return row


def spread(values, fmt):
    return f"{fmt.format(min(values))} / {fmt.format(median(values))} / {fmt.format(max(values))}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--noop-jobs", type=int, default=4000)
    parser.add_argument("--real-jobs", type=int, default=12)
    parser.add_argument("--quick", action="store_true", help="40 no-op jobs, 3 real ones, 1 repetition (CI)")
    parser.add_argument("--json", help="write every run here")
    args = parser.parse_args()
    if args.quick:
        args.repeats, args.noop_jobs, args.real_jobs = 1, 40, 3
    configs = [("noop", "cpu:1", args.noop_jobs), ("noop", "cpu:4", args.noop_jobs), ("noop", "cpu:16", args.noop_jobs),
               ("in-process", "cpu:1", args.real_jobs), ("process", "cpu:1", args.real_jobs)]
    rows = []
    # Configurations interleaved within each repeat, so that a slow spell of the machine spreads over all of them.
    for repeat in range(args.repeats):
        print(f"repeat {repeat + 1}:", flush=True)
        for executor, devices, jobs in configs:
            rows.append(dict(run(executor, devices, jobs), repeat=repeat))
    print(f"\n| executor | devices | jobs | runs | jobs/s min / median / max | idle gap p50 ms min / median / max | "
          f"idle gap p95 ms min / median / max | 1-min load before runs |\n|---|---|---|---|---|---|---|---|")
    for executor, devices, jobs in configs:
        mine = [r for r in rows if r["executor"] == executor and r["devices"] == devices]
        print(f"| {executor} | {devices} | {jobs} | {len(mine)} | {spread([r['rate'] for r in mine], '{:.0f}')} | "
              f"{spread([r['p50'] for r in mine], '{:.1f}')} | {spread([r['p95'] for r in mine], '{:.1f}')} | "
              f"{', '.join('{:.1f}'.format(r['load_before'][0]) for r in mine)} |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
