#!/usr/bin/python3
"""Train step and eval step, images/s: `daft-node bench step` against the same step in PyTorch (torch_step.py), same
backbone, input size, batch, threads and device, alternating within each repeat on a quiet machine.

    dotnet build src/GpuNode -c Release
    /usr/bin/python3 tools/bench/step_bench.py [--repeats 5] [--threads 1,2] [--device cpu] [--json FILE]
    /usr/bin/python3 tools/bench/step_bench.py --quick        # ResNet-18 at 32, 1 repeat, 2 steps: a smoke check in seconds
    /usr/bin/python3 tools/bench/step_bench.py --summarize A.json [B.json ...]   # the tables again, pooled

Cases: ResNet-18 at 32x32, batch 64 (CIFAR, the DAFT paper's small setting) and ResNet-50 at 224x224, batch 16
(ImageNet shapes; 16 rather than the paper's 64 so that a CPU repeat takes seconds, not minutes; --r50-batch
changes it). Figures are images/s over each run's median step; the table gives min / median / max over repeats and
the ratio of medians Daft/PyTorch (>= 1.0 means Daft is at least as fast).
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import (DAFT_NODE, HERE, PYTHON, add_quiet_options, last_json_line, machine, measured, median,  # noqa: E402
                          save_json, timed)


def cases(args):
    return [("resnet18", 32, 64, args.r18_steps), ("resnet50", 224, args.r50_batch, args.r50_steps)]


def run_once(impl, case, threads, args):
    backbone, size, batch, steps = case
    options = ["--backbone", backbone, "--image-size", str(size), "--batch-size", str(batch), "--threads", str(threads),
               "--warmup", str(args.warmup), "--steps", str(steps), "--device", args.device]
    command = ([DAFT_NODE, "bench", "step"] if impl == "Daft" else [PYTHON, os.path.join(HERE, "torch_step.py")]) + options

    def run(_attempt):
        done, wall, others = timed(command, log=lambda _line: None)
        figures = last_json_line(done.stdout)
        return dict(figures, impl=impl, case=backbone, wall=wall, others=others, max_rss_mib=done.max_rss_mib,
                    summary=f"train {figures['train_images_per_second']:.1f} img/s, eval {figures['eval_images_per_second']:.1f} img/s, ")
    return measured(run, args, f"{impl:7} {backbone} {size}x{size} b{batch} t{threads}")


def spread(values):
    return f"{min(values):.1f} / **{median(values):.1f}** / {max(values):.1f}"


def table(rows, args):
    print("\n| backbone, input, batch | threads | impl | runs | train img/s min / median / max | eval img/s min / median / max |"
          " cores busy train / eval | BN conversion ÷ eval pass | others (max cores) |\n|---|---|---|---|---|---|---|---|---|")
    ratios = []
    for backbone, size, batch, _ in cases(args):
        for threads in args.threads:
            medians = {}
            for impl in ("Daft", "PyTorch"):
                mine = [r for r in rows if r["case"] == backbone and r["threads"] == threads and r["impl"] == impl]
                if not mine:
                    continue
                train, evals = [r["train_images_per_second"] for r in mine], [r["eval_images_per_second"] for r in mine]
                conversion = [r["bn_conversion_to_eval_pass"] for r in mine if r.get("bn_conversion_to_eval_pass")]
                medians[impl] = (median(train), median(evals), median([r["bn_conversion_seconds"] for r in mine if r.get("bn_conversion_seconds")]))
                cores = (f"{median([r['train_cpu_cores'] for r in mine]):.2f} / {median([r['eval_cpu_cores'] for r in mine]):.2f}"
                         if all("train_cpu_cores" in r for r in mine) else "—")
                print(f"| {backbone}, {size}×{size}, {batch} | {threads} | {impl} | {len(mine)} | {spread(train)} | {spread(evals)} |"
                      f" {cores} | {spread(conversion).replace('**', '') if conversion else '—'} | {max(r['others'] for r in mine):.2f} |")
            if len(medians) == 2:
                ratios.append((backbone, size, threads, medians["Daft"][0] / medians["PyTorch"][0], medians["Daft"][1] / medians["PyTorch"][1],
                               medians["Daft"][2] / medians["PyTorch"][2]))
    print("\n| backbone, input | threads | train Daft/PyTorch | eval Daft/PyTorch | BN conversion time Daft/PyTorch |\n|---|---|---|---|---|")
    for backbone, size, threads, train, evals, conversion in ratios:
        print(f"| {backbone}, {size}×{size} | {threads} | **{train:.2f}** | **{evals:.2f}** | {conversion:.2f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", default="1,2", help="comma-separated torch thread counts")
    parser.add_argument("--device", default="cpu", help="cpu, or cuda:0 where the CUDA build runs")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--r18-steps", type=int, default=20)
    parser.add_argument("--r50-steps", type=int, default=5)
    parser.add_argument("--r50-batch", type=int, default=16)
    parser.add_argument("--only", choices=["resnet18", "resnet50"], help="run one case")
    parser.add_argument("--quick", action="store_true", help="ResNet-18 at 32 only, 1 repeat, 2 steps, no waiting: a smoke check of both sides (CI checks the Daft side in BenchStepCommandTests, without PyTorch)")
    parser.add_argument("--json", help="write every run here")
    parser.add_argument("--summarize", nargs="+", metavar="JSON", help="print the tables again from saved runs (pooled)")
    add_quiet_options(parser)
    args = parser.parse_args()
    args.threads = [int(t) for t in args.threads.split(",")]
    if args.summarize:
        rows = []
        for path in args.summarize:
            with open(path) as f:
                saved = json.load(f)
            rows += saved["runs"]
            args.r50_batch = saved["args"]["r50_batch"]
        args.threads = sorted({r["threads"] for r in rows})
        table(rows, args)
        return
    if args.quick:
        args.repeats, args.warmup, args.r18_steps, args.only, args.threads = 1, 0, 2, "resnet18", [2]
        args.max_wait, args.retries = 0, 0
    rows = []
    for repeat in range(args.repeats):
        print(f"repeat {repeat + 1}:", flush=True)
        for case in cases(args):
            if args.only and case[0] != args.only:
                continue
            for threads in args.threads:
                # Alternate which side goes first, so that a drift of the machine does not favour one.
                for impl in (("Daft", "PyTorch") if repeat % 2 == 0 else ("PyTorch", "Daft")):
                    rows.append(dict(run_once(impl, case, threads, args), repeat=repeat))
    table(rows, args)
    save_json(args.json, {"machine": machine(), "args": vars(args), "runs": rows})


if __name__ == "__main__":
    main()
