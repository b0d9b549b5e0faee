#!/usr/bin/python3
"""Sums oneDNN's verbose log by primitive: where a step's time goes inside libtorch (BENCHMARKS.md §1b).

    ONEDNN_VERBOSE=1 DNNL_VERBOSE=1 src/GpuNode/bin/Release/net10.0/daft-node bench step --backbone resnet50 \\
        --image-size 224 --batch-size 16 --threads 1 --steps 1 --warmup 0 > daft.log
    DNNL_VERBOSE=1 /usr/bin/python3 tools/bench/torch_step.py --backbone resnet50 --image-size 224 --batch-size 16 \\
        --threads 1 --steps 1 --warmup 0 > torch.log
    python3 tools/bench/onednn_verbose_summary.py daft.log

One line per (primitive, implementation, propagation kind), largest total first: milliseconds and call count. Reads
both oneDNN 3.x (`onednn_verbose,v1,primitive,exec,...`) and 2.x (`onednn_verbose,exec,...`) lines.
"""
import collections
import sys


def main():
    total = collections.defaultdict(float)
    calls = collections.Counter()
    with open(sys.argv[1], errors="replace") as log:
        for line in log:
            if "verbose" not in line or ",exec," not in line:
                continue
            fields = line.strip().split(",")
            try:
                ms = float(fields[-1])
            except ValueError:
                continue
            at = fields.index("exec")
            key = (fields[at + 2], fields[at + 3], fields[at + 4])  # primitive, implementation, propagation
            total[key] += ms
            calls[key] += 1
    for key, ms in sorted(total.items(), key=lambda kv: -kv[1]):
        print(f"{ms:10.1f} ms {calls[key]:6d}  {', '.join(key)}")
    print(f"{sum(total.values()):10.1f} ms in all")


if __name__ == "__main__":
    main()
