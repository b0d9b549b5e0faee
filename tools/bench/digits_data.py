"""The digits dataset and batches as Daft makes them (src/GpuNode/Data/Digits.cs, BatchLoader.cs, BatchTransforms.cs),
in PyTorch, for the reference side of the benchmarks. Same images, same split, same per-batch work (index, resize
8 -> S in two rounded bilinear passes, random horizontal flip, /255); the shuffle and flip draws come from torch's
generator instead of Daft's SplitMix64, which changes which images meet, not how much work a batch is.
"""
import gzip
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = os.path.join(HERE, "..", "..", "samples", "digits", "digits.csv.gz")
VAL_EVERY = 4  # every 4th image of each class (in file order) is id_val


def load(random_images=False):
    """{'train', 'id_val', 'digits_inverted'}: (uint8 [N, 8, 8, 3] NHWC, int64 [N]) as Daft splits the file.

    random_images replaces the pixels with uniform random uint8 of the same shape (throughput does not depend on
    the values)."""
    with gzip.open(CSV, "rt") as f:
        rows = np.loadtxt(f, delimiter=",")
    pixels, labels = rows[:, :64], rows[:, 64].astype(np.int64)
    gray = np.floor(pixels * 255 / 16 + 0.5).astype(np.uint8).reshape(-1, 8, 8)  # round half up, as Daft
    images = np.repeat(gray[..., None], 3, axis=3)
    if random_images:
        images = np.random.RandomState(0).randint(0, 256, images.shape).astype(np.uint8)
    seen = np.zeros(10, dtype=np.int64)
    is_val = np.zeros(len(labels), dtype=bool)
    for i, y in enumerate(labels):
        seen[y] += 1
        is_val[i] = seen[y] % VAL_EVERY == 0
    x, y = torch.from_numpy(images), torch.from_numpy(labels)
    val = torch.from_numpy(is_val)
    return {
        "train": (x[~val], y[~val]),
        "id_val": (x[val], y[val]),
        "digits_inverted": (255 - x[val], y[val]),
    }


def resize_rounded(pixels255, height, width):
    """One pass of Daft's PIL-exact bilinear resize: antialiased bilinear, then round half up."""
    return F.interpolate(pixels255, size=(height, width), mode="bilinear", align_corners=False,
                         antialias=True).add_(0.5).floor_()


def prepare(batch_u8, size, flip_rows=None):
    """uint8 [B, h, h, 3] -> float32 [B, 3, size, size] in [0, 1], flipped rows mirrored (BatchTransforms.Prepare)."""
    pixels = batch_u8.permute(0, 3, 1, 2).contiguous().float()
    if size != pixels.shape[2]:
        pixels = resize_rounded(pixels, pixels.shape[2], size)
        pixels = resize_rounded(pixels, size, size)
    if flip_rows is not None and flip_rows.numel() > 0:
        pixels[flip_rows] = pixels[flip_rows].flip(3)
    return pixels.div_(255.0)


class Batches:
    """One pass over a split, batches made lazily (so their cost counts where it is consumed); has len() for
    convert_bn_params, which prints it."""

    def __init__(self, split, batch_size, size, generator=None, shuffle=False, augment=False):
        self.images, self.labels = split
        self.batch_size, self.size = batch_size, size
        self.generator, self.shuffle, self.augment = generator, shuffle, augment

    def __len__(self):
        return (len(self.labels) + self.batch_size - 1) // self.batch_size

    def __iter__(self):
        n = len(self.labels)
        order = torch.randperm(n, generator=self.generator) if self.shuffle else torch.arange(n)
        flips = torch.rand(n, generator=self.generator) < 0.5 if self.augment else torch.zeros(n, dtype=torch.bool)
        for start in range(0, n, self.batch_size):
            rows = order[start:start + self.batch_size]
            flip_rows = flips[rows].nonzero().flatten()
            yield prepare(self.images.index_select(0, rows), self.size, flip_rows), self.labels.index_select(0, rows)
