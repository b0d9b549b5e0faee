#!/usr/bin/python3
"""Training throughput of `daft-node run-job` against the same loop in PyTorch (torch_reference.py), interleaved.

Run through tools/bench/run_job_throughput.sh (it builds daft-node in Release first), or directly:

    /usr/bin/python3 tools/bench/job_throughput.py [--methods ft,daft] [--epochs 2] [--repeats 3] [--json FILE]

Job: ResNet-18 (random init), dataset digits at image_size 32 (the 1,352 real 8x8 train images upsampled to
CIFAR's size; CIFAR-10 itself cannot be downloaded on this machine), batch 64, threads 2, log_every_n_steps 0.
Order: for each repeat, for each method: Daft, then PyTorch. Before each run it waits (up to --max-wait s) for a
quiet machine; each run records the load averages before and after and how many cores other processes kept busy
while it ran. A run with others above --busy-limit is run again (up to --retries times); the last attempt counts.
Prints every run, then medians and the ratio Daft/PyTorch.
"""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import (DAFT_NODE, HERE, PYTHON, add_quiet_options, fmt_load, last_json_line, machine,  # noqa: E402
                          measured, median, save_json, timed)

TRAIN_IMAGES = 1352  # digits train split (samples/README.md)
LR, HEAD_LR = 0.01, 0.1

JOB = """dataset: digits
image_size: {size}
backbone: resnet18
method:
  name: {method}
  lr: {lr}
{extra}epochs: {epochs}
batch_size: {batch}
threads: {threads}
log_every_n_steps: 0
"""


def run_daft(method, args, workdir, tag):
    job = os.path.join(workdir, f"{method}.yaml")
    with open(job, "w") as f:
        f.write(JOB.format(size=args.image_size, method=method, lr=LR, extra=f"  head_lr: {HEAD_LR}\n" if method == "daft" else "",
                           epochs=args.epochs, batch=args.batch_size, threads=args.threads))
    out = os.path.join(workdir, tag)
    done, wall, others = timed([DAFT_NODE, "run-job", job, "--out", out])
    with open(os.path.join(out, "result.json")) as f:
        result = json.load(f)
    t = result["timings"]
    images = TRAIN_IMAGES * len(result["epochs"])
    return {"wall": wall, "others": others, "train_seconds": t["train"], "train_images": images,
            "reported_images_per_second": t["train_images_per_second"], "images_per_second": images / t["train"],
            "bn_conversion_seconds": t["bn_conversion"], "eval_seconds": t["eval"], "in_process_total": t["total"],
            "libtorch": result["environment"]["lib_torch"], "max_rss_mib": done.max_rss_mib}


def run_torch(method, args):
    command = [PYTHON, os.path.join(HERE, "torch_reference.py"), "--method", method, "--epochs", str(args.epochs),
               "--image-size", str(args.image_size), "--batch-size", str(args.batch_size), "--threads", str(args.threads),
               "--lr", str(LR), "--head-lr", str(HEAD_LR)] + (["--random-images"] if args.random_images else [])
    done, wall, others = timed(command)
    r = last_json_line(done.stdout)
    return {"wall": wall, "others": others, "train_seconds": r["train_seconds"], "train_images": r["train_images"],
            "reported_images_per_second": r["train_images_per_second"],
            "images_per_second": r["train_images"] / r["train_seconds"], "bn_conversion_seconds": r["bn_conversion_seconds"],
            "eval_seconds": r["eval_seconds"], "in_process_total": r["total_seconds"], "libtorch": r["torch"],
            "max_rss_mib": done.max_rss_mib}


def measure(impl, method, args, workdir, tag):
    def run(attempt):
        row = run_daft(method, args, workdir, f"{tag}-{attempt}") if impl == "Daft" else run_torch(method, args)
        row.update(impl=impl, method=method, summary=f"{row['images_per_second']:7.1f} img/s (result.json "
                   f"{row['reported_images_per_second']:.1f}), train {row['train_seconds']:.1f}s, "
                   f"peak RSS {row['max_rss_mib']:.0f} MiB, ")
        return row
    return measured(run, args, f"{impl:7} {method:4}")


def summary(rows, methods):
    lines = ["| method | impl | runs | train img/s (median) | best | from result.json (median) | train s | eval s | BN conv s | "
             "process wall s | others (max cores) | 1-min load before runs |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    ratios = []
    for method in methods:
        med = {}
        for impl in ("Daft", "PyTorch"):
            mine = [r for r in rows if r["impl"] == impl and r["method"] == method]
            med[impl] = {k: median([r[k] for r in mine]) for k in ("images_per_second", "reported_images_per_second",
                                                                  "train_seconds", "eval_seconds", "bn_conversion_seconds", "wall")}
            m = med[impl]
            loads = ", ".join(f"{r['load_before'][0]:.2f}" for r in mine)
            lines.append(f"| {method} | {impl} | {len(mine)} | {m['images_per_second']:.1f} | "
                         f"{max(r['images_per_second'] for r in mine):.1f} | {m['reported_images_per_second']:.1f} | "
                         f"{m['train_seconds']:.2f} | {m['eval_seconds']:.2f} | {m['bn_conversion_seconds']:.2f} | {m['wall']:.2f} | "
                         f"{max(r['others'] for r in mine):.2f} | {loads} |")
        # Each repeat ran Daft and PyTorch back to back, so the ratio within a pair cancels slow drifts of the machine.
        pairs = [(d["images_per_second"] / t["images_per_second"]) for d in rows for t in rows
                 if d["method"] == t["method"] == method and d["impl"] == "Daft" and t["impl"] == "PyTorch" and d["repeat"] == t["repeat"] and d.get("session") == t.get("session")]
        # Peak RSS (wait4's ru_maxrss of each process); rows saved before it was recorded have none.
        rss = {impl: [r["max_rss_mib"] for r in rows if r["impl"] == impl and r["method"] == method and "max_rss_mib" in r]
               for impl in ("Daft", "PyTorch")}
        if rss["Daft"] and rss["PyTorch"]:
            ratios.append(f"{method}: peak RSS MiB Daft min/median/max {min(rss['Daft']):.0f}/{median(rss['Daft']):.0f}/{max(rss['Daft']):.0f}, "
                          f"PyTorch {min(rss['PyTorch']):.0f}/{median(rss['PyTorch']):.0f}/{max(rss['PyTorch']):.0f}; "
                          f"Daft/PyTorch = {median(rss['Daft']) / median(rss['PyTorch']):.2f} (ratio of medians)")
        ratios.append(f"{method}: Daft/PyTorch train images/s = {med['Daft']['images_per_second'] / med['PyTorch']['images_per_second']:.2f} "
                      f"(ratio of medians; per interleaved pair: {', '.join(f'{p:.2f}' for p in pairs)}, median {median(pairs):.2f}); "
                      f"process wall Daft/PyTorch = {med['Daft']['wall'] / med['PyTorch']['wall']:.2f}")
    return "\n".join(lines + [""] + ratios)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--methods", default="ft,daft")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--image-size", type=int, default=32)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--random-images", action="store_true", help="PyTorch side: random pixels of the same shape")
    add_quiet_options(parser)
    parser.add_argument("--json", help="write every measurement here")
    parser.add_argument("--summarize", metavar="JSON", nargs="+", help="only print the tables of files --json wrote earlier (together)")
    args = parser.parse_args()
    if args.summarize:
        rows, methods = [], []
        for session, path in enumerate(args.summarize):
            with open(path) as f:
                saved = json.load(f)
            rows += [dict(r, session=session) for r in saved["runs"]]
            methods += [m for m in saved["args"]["methods"].split(",") if m not in methods]
        print(summary(rows, methods))
        return
    if not os.path.exists(DAFT_NODE):
        raise SystemExit(f"{DAFT_NODE} not found: build first (dotnet build src/GpuNode -c Release)")
    methods = args.methods.split(",")
    info = machine()
    print(f"machine: {info['nproc']} cores, {info['cpu_model']}, load {fmt_load(info['loadavg_at_start'])}; "
          f"PyTorch {info['torch']}, torchvision {info['torchvision']}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="daft-bench-") as workdir:
        for repeat in range(1, args.repeats + 1):
            for method in methods:
                print(f"repeat {repeat}, {method}:", flush=True)
                for impl in ("Daft", "PyTorch"):
                    rows.append(dict(measure(impl, method, args, workdir, f"{method}-{repeat}"), repeat=repeat))
    table = summary(rows, methods)
    print("\n" + table)
    save_json(args.json, {"machine": info, "args": vars(args), "runs": rows, "summary": table})


if __name__ == "__main__":
    main()
