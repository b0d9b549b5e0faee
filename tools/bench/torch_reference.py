#!/usr/bin/python3
"""The PyTorch side of the run-job throughput benchmark: the training loop `daft-node run-job` runs for method ft
or daft, written plainly in PyTorch the way the reference code (DAFT's ft_sgd.py) does it.

    /usr/bin/python3 tools/bench/torch_reference.py --method ft --epochs 2 [--image-size 32] [--batch-size 64]
        [--threads 2] [--random-images]

Per job: torchvision resnet18(num_classes=10) with DAFT's ImageNet normalisation in front (as Daft's ResNet), the
1,352 digits train images upsampled 8 -> 32 per batch (digits_data.py, the same resize as Daft's loader), SGD
momentum 0.9, cross-entropy, net.train(), CosineAnnealingLR stepped per epoch, and after each epoch an eval-mode pass
over id_val and digits_inverted. daft adds convert_bn_params (tools/fixtures/bn_conversion_reference.py, verbatim
from the DAFT README) over one shuffled, flipped pass, a zero head and a second param group for the head.

Prints one JSON line last: train seconds, images and images/s (the training loop only: batch making, forward,
backward, step, as Daft's timings.train), eval and BN-conversion seconds.
"""
import argparse
import json
import os
import sys
import time

STARTED = time.perf_counter()

import torch  # noqa: E402
import torchvision  # noqa: E402
from torch import nn  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
import digits_data  # noqa: E402

IMAGENET = ([0.485, 0.456, 0.406], [0.228, 0.224, 0.225])  # DAFT's constants, as Daft's ResNet


class Normalized(nn.Module):
    """Pixel normalisation in front of the backbone, as Daft's ClassifierNetwork."""

    def __init__(self, net):
        super().__init__()
        self.net = net
        self.register_buffer("mean", torch.tensor(IMAGENET[0]).view(1, 3, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor(IMAGENET[1]).view(1, 3, 1, 1), persistent=False)

    def forward(self, x):
        return self.net((x - self.mean) / self.std)


def evaluate(model, batches):
    model.eval()
    correct = count = 0
    with torch.no_grad():
        for x, y in batches:
            correct += (model(x).argmax(1) == y).sum().item()
            count += len(y)
    return correct / count


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--method", choices=["ft", "daft"], default="ft")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--image-size", type=int, default=32)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--head-lr", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--random-images", action="store_true", help="uniform random uint8 pixels of the same shape")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    splits = digits_data.load(args.random_images)
    size, batch = args.image_size, args.batch_size
    model = Normalized(torchvision.models.resnet18(num_classes=10))
    net = model.net
    bn_seconds = 0.0
    if args.method == "daft":
        from bn_conversion_reference import convert_bn_params
        clock = time.perf_counter()
        stdout, sys.stdout = sys.stdout, sys.stderr  # convert_bn_params prints progress; keep stdout for the JSON
        try:
            convert_bn_params(model, digits_data.Batches(splits["train"], batch, size, generator, shuffle=True, augment=True))
        finally:
            sys.stdout = stdout
        bn_seconds = time.perf_counter() - clock
        with torch.no_grad():
            net.fc.weight.zero_()
            net.fc.bias.zero_()
        body = [p for n, p in net.named_parameters() if not n.startswith("fc.")]
        groups = [{"params": body, "lr": args.lr}, {"params": list(net.fc.parameters()), "lr": args.head_lr}]
    else:
        groups = [{"params": list(net.parameters()), "lr": args.lr}]
    optimizer = torch.optim.SGD(groups, lr=args.lr, momentum=0.9, weight_decay=0.0)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
    criterion = nn.CrossEntropyLoss()
    setup_seconds = time.perf_counter() - STARTED

    train_seconds = eval_seconds = 0.0
    train_images = 0
    epochs = []
    for epoch in range(1, args.epochs + 1):
        clock = time.perf_counter()
        model.train()
        loss_sum = correct = seen = 0
        for x, y in digits_data.Batches(splits["train"], batch, size, generator, shuffle=True, augment=True):
            logits = model(x)
            loss = criterion(logits, y)
            loss_value = loss.item()  # Daft reads the loss every step too (NaN check, records)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                correct += (logits.argmax(1) == y).sum().item()
            loss_sum += loss_value * len(y)
            seen += len(y)
        epoch_train = time.perf_counter() - clock
        train_seconds += epoch_train
        train_images += seen
        clock = time.perf_counter()
        accuracies = {name: evaluate(model, digits_data.Batches(splits[name], batch, size))
                      for name in ("id_val", "digits_inverted")}
        eval_seconds += time.perf_counter() - clock
        scheduler.step()
        epochs.append({"epoch": epoch, "train_loss": loss_sum / seen, "train_accuracy": correct / seen,
                       "train_seconds": epoch_train, **accuracies})
        print(f"epoch {epoch}: train loss {loss_sum / seen:.4f} acc {correct / seen:.2%} in {epoch_train:.1f}s | "
              + " | ".join(f"{k} {v:.2%}" for k, v in accuracies.items()), file=sys.stderr)

    print(json.dumps({
        "method": args.method,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "setup_seconds": setup_seconds,
        "bn_conversion_seconds": bn_seconds,
        "train_seconds": train_seconds,
        "train_images": train_images,
        "train_images_per_second": train_images / train_seconds,
        "eval_seconds": eval_seconds,
        "total_seconds": time.perf_counter() - STARTED,
        "epochs": epochs,
    }))


if __name__ == "__main__":
    main()
