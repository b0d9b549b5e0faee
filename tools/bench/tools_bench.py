#!/usr/bin/python3
"""The daft-node tools against their Python references, interleaved: `model convert-bn` vs DAFT's convert_bn_params
(torch_convert_bn.py) and `probe fit` vs scikit-learn's warm-started C sweep (sklearn_probe.py).

Run through tools/bench/run_tools_bench.sh (it builds daft-node in Release first), or directly:

    /usr/bin/python3 tools/bench/tools_bench.py [--repeats 3] [--json FILE]

convert-bn: resnet18 (random init), digits train (1,352 images) upsampled to 32x32, batch 64, 2 threads. Both sides
report the conversion's own seconds (batch making included); the process wall time adds start-up, data loading,
model building and (Daft) writing the weights.
probe fit: on small_cnn features of digits made once by `daft-node features extract` (train [1352, 128], id_val
[445, 128]), 50 values of C, max_iter 200. daft-node picks its thread count itself (1 for a problem this small);
sklearn's lbfgs runs on one core. Daft's figure is the process wall time (it prints no inner timing); sklearn's
is given both ways.
Waiting for a quiet machine and rerunning disturbed runs work as in job_throughput.py.
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import (DAFT_NODE, HERE, PYTHON, add_quiet_options, last_json_line, machine, measured, median,  # noqa: E402
                          fmt_load, save_json, timed)


def convert_bn(impl, args, workdir):
    if impl == "Daft":
        command = [DAFT_NODE, "model", "convert-bn", "--backbone", "resnet18", "--dataset", "digits", "--image-size", "32",
                   "--batch-size", "64", "--threads", str(args.threads), "--out", os.path.join(workdir, "converted.safetensors")]
    else:
        command = [PYTHON, os.path.join(HERE, "torch_convert_bn.py"), "--image-size", "32", "--batch-size", "64",
                   "--threads", str(args.threads)]
    done, wall, others = timed(command)
    r = last_json_line(done.stdout)
    return {"wall": wall, "others": others, "inner_seconds": r["seconds"], "images": r["images"],
            "summary": f"conversion {r['seconds']:.2f}s over {r['images']} images, "}


def probe_fit(impl, args, features):
    pairs = [os.path.join(features, f) for f in ("train_features.npy", "train_labels.npy", "id_val_features.npy", "id_val_labels.npy")]
    if impl == "Daft":
        command = [DAFT_NODE, "probe", "fit", "--train", *pairs[:2], "--val", *pairs[2:], "--out", os.path.join(features, "head.safetensors")]
    else:
        command = [PYTHON, os.path.join(HERE, "sklearn_probe.py"), *pairs]
    done, wall, others = timed(command)
    r = last_json_line(done.stdout)
    inner = r.get("seconds")
    return {"wall": wall, "others": others, "inner_seconds": inner, "best_c": r["best_c"], "best_val_accuracy": r["best_val_accuracy"],
            "summary": f"best C {r['best_c']:.4g} val {r['best_val_accuracy']:.4f}, " + (f"sweep {inner:.2f}s, " if inner else "")}


def table(rows, tool, inner_label):
    lines = []
    med = {}
    for impl in ("Daft", "Python"):
        mine = [r for r in rows if r["tool"] == tool and r["impl"] == impl]
        inner = [r["inner_seconds"] for r in mine if r["inner_seconds"] is not None]
        med[impl] = (median(inner) if inner else None, median([r["wall"] for r in mine]))
        loads = ", ".join(f"{r['load_before'][0]:.2f}" for r in mine)
        lines.append(f"| {tool} | {impl} | {len(mine)} | {'-' if med[impl][0] is None else f'{med[impl][0]:.2f}'} | "
                     f"{med[impl][1]:.2f} | {max(r['others'] for r in mine):.2f} | {loads} |")
    ratio = f"{tool}: process wall Daft/Python = {med['Daft'][1] / med['Python'][1]:.2f}"
    if med["Daft"][0] is not None:
        ratio += f"; {inner_label} Daft/Python = {med['Daft'][0] / med['Python'][0]:.2f}"
    return lines, ratio


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2, help="torch threads for convert-bn (both sides)")
    add_quiet_options(parser)
    parser.add_argument("--json", help="write every measurement here")
    args = parser.parse_args()
    if not os.path.exists(DAFT_NODE):
        raise SystemExit(f"{DAFT_NODE} not found: build first (dotnet build src/GpuNode -c Release)")
    info = machine()
    print(f"machine: {info['nproc']} cores, {info['cpu_model']}, load {fmt_load(info['loadavg_at_start'])}; "
          f"PyTorch {info['torch']}, scikit-learn {info['sklearn']}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="daft-bench-tools-") as workdir:
        features = os.path.join(workdir, "features")
        done, wall, _ = timed([DAFT_NODE, "features", "extract", "--backbone", "small_cnn", "--dataset", "digits",
                               "--threads", str(args.threads), "--out", features])
        print(f"features: {last_json_line(done.stdout)['splits']} in {wall:.1f}s (not part of the comparison)")
        for repeat in range(1, args.repeats + 1):
            print(f"repeat {repeat}:", flush=True)
            for impl in ("Daft", "Python"):
                row = measured(lambda _: convert_bn(impl, args, workdir), args, f"convert-bn {impl:6}")
                rows.append(dict(row, tool="convert-bn", impl=impl, repeat=repeat))
            for impl in ("Daft", "Python"):
                row = measured(lambda _: probe_fit(impl, args, features), args, f"probe fit  {impl:6}")
                rows.append(dict(row, tool="probe fit", impl=impl, repeat=repeat))
    lines = ["| tool | impl | runs | inner s (median) | process wall s (median) | others (max cores) | 1-min load before runs |",
             "|---|---|---|---|---|---|---|"]
    ratios = []
    for tool, inner in (("convert-bn", "conversion seconds"), ("probe fit", "sweep seconds")):
        more, ratio = table(rows, tool, inner)
        lines += more
        ratios.append(ratio)
    picks = {(r["impl"], r["best_c"], r["best_val_accuracy"]) for r in rows if r["tool"] == "probe fit"}
    ratios.append("probe fit picks (impl, best C, val accuracy): " + "; ".join(f"{i} {c:.6g} {a:.4f}" for i, c, a in sorted(picks)))
    text = "\n".join(lines + [""] + ratios)
    print("\n" + text)
    save_json(args.json, {"machine": info, "args": vars(args), "runs": rows, "summary": text})


if __name__ == "__main__":
    main()
