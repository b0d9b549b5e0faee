#!/usr/bin/python3
"""Does the loader keep up? BatchLoader's own images/s (loader_bench.cs) against the training step's consumption
(`daft-node run-job`'s timings.train_images_per_second), and training throughput with prefetch on and off.

Run through tools/bench/loader_bench.sh (it builds daft-node and loader_bench.cs in Release first), or directly:

    /usr/bin/python3 tools/bench/loader_bench.py [--repeats 3] [--epochs 2] [--json FILE]
    /usr/bin/python3 tools/bench/loader_bench.py --paper [--repeats 3] [--json FILE]

--paper measures the paper's train transforms at 224x224 instead (loader_bench.cs cases cifar10, domainnet,
living17: Resize(224) + flip from 32x32, RandomCrop(224) + flip from 256x256, RandomResizedCrop(224) + flip from
256x256) against one epoch of ResNet-18 training at image_size 224 (prefetch off, the CPU default).

Job: as job_throughput.py (ResNet-18, digits upsampled 8->32 with random flips, batch 64, threads 2, method ft).
Prefetch on and off are `DAFT_PREFETCH=1` and `DAFT_PREFETCH=0` in the environment of the same binary. Each repeat runs: loader alone, run-job
with prefetch on, run-job with prefetch off (the on/off order alternates between repeats), each on a quiet machine.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import DAFT_NODE, HERE, REPO, add_quiet_options, last_json_line, measured, median, save_json, timed  # noqa: E402

JOB = """dataset: digits
image_size: {image_size}
backbone: resnet18
method:
  name: ft
  lr: 0.01
epochs: {epochs}
batch_size: 64
threads: 2
log_every_n_steps: 0
"""


def run_loader(args, case="digits", epochs=None):
    command = ["dotnet", "run", "--no-build", "-c", "Release", os.path.join(HERE, "loader_bench.cs"), "--",
               str(epochs or args.loader_epochs), "2", case]
    done, wall, others = timed(command, cwd=REPO)
    row = last_json_line(done.stdout)
    row.update(wall=wall, others=others, summary=f"loader {case} {row['images_per_second']:.0f} img/s, ")
    return row


def run_job(args, workdir, prefetch, tag, image_size=32, epochs=None):
    job = os.path.join(workdir, "ft.yaml")
    with open(job, "w") as f:
        f.write(JOB.format(epochs=epochs or args.epochs, image_size=image_size))
    out = os.path.join(workdir, tag)
    env = dict(os.environ, DAFT_PREFETCH="1" if prefetch else "0")
    _, wall, others = timed([DAFT_NODE, "run-job", job, "--out", out], env=env)
    with open(os.path.join(out, "result.json")) as f:
        t = json.load(f)["timings"]
    return {"wall": wall, "others": others, "prefetch": prefetch, "train_images_per_second": t["train_images_per_second"],
            "train_seconds": t["train"], "eval_seconds": t["eval"],
            "summary": f"prefetch {'on ' if prefetch else 'off'} train {t['train_images_per_second']:.1f} img/s, eval {t['eval']:.2f}s, "}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=2, help="run-job epochs")
    parser.add_argument("--loader-epochs", type=int, default=50, help="epochs the loader alone makes per run")
    parser.add_argument("--json", help="write every measurement here")
    parser.add_argument("--paper", action="store_true", help="the paper's 224x224 train transforms (see the top)")
    add_quiet_options(parser)
    args = parser.parse_args()
    if args.paper:
        return paper(args)
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        for r in range(args.repeats):
            print(f"repeat {r + 1}/{args.repeats}", flush=True)
            rows.append(dict(measured(lambda a: run_loader(args), args, "loader"), kind="loader"))
            for prefetch in ([True, False] if r % 2 == 0 else [False, True]):
                tag = f"r{r}-{'on' if prefetch else 'off'}"
                rows.append(dict(measured(lambda a: run_job(args, workdir, prefetch, f"{tag}-{a}"), args, "run-job"), kind="job"))
    loader = median([x["images_per_second"] for x in rows if x["kind"] == "loader"])
    on = median([x["train_images_per_second"] for x in rows if x["kind"] == "job" and x["prefetch"]])
    off = median([x["train_images_per_second"] for x in rows if x["kind"] == "job" and not x["prefetch"]])
    eval_on = median([x["eval_seconds"] for x in rows if x["kind"] == "job" and x["prefetch"]])
    eval_off = median([x["eval_seconds"] for x in rows if x["kind"] == "job" and not x["prefetch"]])
    print(f"medians over {args.repeats} repeats: loader {loader:.0f} img/s; train {on:.1f} img/s with prefetch, "
          f"{off:.1f} without (on/off {on / off:.3f}); eval {eval_on:.2f}s with, {eval_off:.2f}s without; "
          f"loader / consumption {loader / on:.0f}x")
    if args.json:
        save_json(args.json, {"rows": rows, "loader_images_per_second": loader, "train_on": on, "train_off": off})


def paper(args):
    rows = []
    cases = ["cifar10", "domainnet", "living17"]
    with tempfile.TemporaryDirectory() as workdir:
        for r in range(args.repeats):
            print(f"repeat {r + 1}/{args.repeats}", flush=True)
            for case in cases:
                rows.append(dict(measured(lambda a: run_loader(args, case, epochs=5), args, "loader"), kind="loader"))
        rows.append(dict(measured(lambda a: run_job(args, workdir, False, f"r224-{a}", image_size=224, epochs=1), args, "run-job"),
                         kind="job"))
    train = rows[-1]["train_images_per_second"]
    for case in cases:
        loader = median([x["images_per_second"] for x in rows if x["kind"] == "loader" and x["case"] == case])
        print(f"{case}: loader {loader:.0f} img/s at 224 (median of {args.repeats}); ResNet-18 train {train:.1f} img/s at 224; "
              f"loader / consumption {loader / train:.0f}x")
    if args.json:
        save_json(args.json, {"rows": rows, "train_images_per_second": train})


if __name__ == "__main__":
    main()
