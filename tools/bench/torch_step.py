#!/usr/bin/python3
"""The PyTorch side of the step benchmark: `daft-node bench step` written plainly in PyTorch.

    /usr/bin/python3 tools/bench/torch_step.py --backbone resnet18 [--image-size 32] [--batch-size 64]
        [--classes 10] [--warmup 3] [--steps 10] [--threads 2] [--device cpu]

torchvision's resnet18/resnet50(num_classes) with DAFT's ImageNet normalisation in front (as Daft's models), one
fixed random batch (pixels in [0, 1], int64 labels), SGD lr 0.01 momentum 0.9. A train step is what Daft's
Trainer.TrainEpoch does per batch: net.train(), forward, cross-entropy, loss.item(), zero_grad, backward, step, and
the number correct read back. An eval step is Trainer.Evaluate over one batch: net.eval(), no_grad, forward, summed
cross-entropy and the number correct read back. Warm-up steps of each kind first, untimed.
Then DAFT's convert_bn_params over as many copies of the batch as eval steps were timed: the BN-conversion pass against
one eval pass over the same data.

Prints one JSON line with the same fields as daft-node: every step's seconds and images/s over the median step.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch  # noqa: E402
import torchvision  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from bn_conversion_reference import convert_bn_params  # noqa: E402
from torch_reference import Normalized  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backbone", required=True, choices=["resnet18", "resnet50"])
    parser.add_argument("--image-size", type=int, default=32)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    device = torch.device(args.device)
    net = Normalized(getattr(torchvision.models, args.backbone)(num_classes=args.classes)).to(device)
    images = torch.rand(args.batch_size, 3, args.image_size, args.image_size).to(device)
    labels = torch.randint(args.classes, (args.batch_size,), dtype=torch.int64).to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)

    def train_step():
        logits = net(images)
        loss = torch.nn.functional.cross_entropy(logits, labels)
        loss.item()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            (logits.argmax(1) == labels).sum().item()

    def eval_step():
        net.eval()
        with torch.no_grad():
            logits = net(images)
            torch.nn.functional.cross_entropy(logits, labels, reduction="sum").item()
            (logits.argmax(1) == labels).sum().item()
        net.train()

    def timed(step):
        for _ in range(args.warmup + 1):
            step()
        seconds = []
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(args.steps):
            started = time.perf_counter()
            step()
            seconds.append(time.perf_counter() - started)
        return seconds, (time.process_time() - cpu) / (time.perf_counter() - wall)

    net.train()
    train, train_cores = timed(train_step)
    evals, eval_cores = timed(eval_step)
    # DAFT's convert_bn_params (verbatim, with its deepcopy) over as many batches as the eval steps timed.
    stdout, sys.stdout = sys.stdout, sys.stderr  # it prints progress; keep stdout for the JSON
    try:
        convert_bn_params(net, [(images, labels)])  # warm-up
        started = time.perf_counter()
        convert_bn_params(net, [(images, labels)] * args.steps)
        conversion = time.perf_counter() - started
    finally:
        sys.stdout = stdout
    print(json.dumps({
        "backbone": args.backbone, "image_size": args.image_size, "batch_size": args.batch_size,
        "threads": torch.get_num_threads(), "device": args.device,
        "train_images_per_second": args.batch_size / statistics.median(train),
        "eval_images_per_second": args.batch_size / statistics.median(evals),
        "train_step_seconds": train, "eval_step_seconds": evals,
        "train_cpu_cores": train_cores, "eval_cpu_cores": eval_cores, "eval_pass_seconds": sum(evals),
        "bn_conversion_seconds": conversion, "bn_conversion_to_eval_pass": conversion / sum(evals),
    }))


if __name__ == "__main__":
    main()
