#!/usr/bin/python3
"""The PyTorch side of the convert-bn benchmark: DAFT's convert_bn_params (tools/fixtures/bn_conversion_reference.py,
verbatim from the DAFT README) on torchvision resnet18(num_classes=10) with DAFT's normalisation in front, over one
shuffled, flipped pass of the 1,352 digits train images upsampled 8 -> 32 in batches of 64 (as `daft-node model
convert-bn --image-size 32` does).

    /usr/bin/python3 tools/bench/torch_convert_bn.py [--image-size 32] [--batch-size 64] [--threads 2]

Prints one JSON line last: seconds of the conversion (batch making included, as in Daft's report) and images seen.
"""
import argparse
import json
import os
import sys
import time

import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
import digits_data  # noqa: E402
from bn_conversion_reference import convert_bn_params  # noqa: E402
from torch_reference import Normalized  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--image-size", type=int, default=32)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    train = digits_data.load()["train"]
    model = Normalized(torchvision.models.resnet18(num_classes=10))
    batches = digits_data.Batches(train, args.batch_size, args.image_size, torch.Generator().manual_seed(0),
                                  shuffle=True, augment=True)
    started = time.perf_counter()
    stdout, sys.stdout = sys.stdout, sys.stderr  # convert_bn_params prints progress; keep stdout for the JSON
    try:
        convert_bn_params(model, batches)
    finally:
        sys.stdout = stdout
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "images": len(train[1]), "batches": len(batches), "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
