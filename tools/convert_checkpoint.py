#!/usr/bin/python3
"""Converts a pretrained checkpoint into the safetensors file Daft's StateDictLoader reads.

Usage (Debian's Python has torch; the pyenv `python3` does not):

    /usr/bin/python3 tools/convert_checkpoint.py --format torchvision|moco|swav|clip --in CKPT --out OUT.safetensors \
        [--arch resnet18|resnet50]
    /usr/bin/python3 tools/convert_checkpoint.py --self-test

Layouts:
  torchvision  a plain state dict (torchvision's model zoo files), kept as is.
  moco         MoCo-v2 / MoCo-TP: ckpt['state_dict']; keeps `module.encoder_q.*` minus the `module.encoder_q.fc.*`
               projection MLP, prefix stripped.
  swav         SwAV (optionally under 'state_dict'): `module.` stripped, projection_head.* and prototypes.* dropped.
  clip         CLIP RN50, TorchScript archive or state dict: `visual.*` with the prefix stripped.
Floating-point tensors are written as float32 (CLIP ships fp16); integer buffers (num_batches_tracked) stay int64.
Names are written sorted, with metadata {"format": "pt", "source": <input file name>, "layout": <format>}.
With --arch, the kept names and shapes are checked against torchvision's model of that name (without its head).
The safetensors writer is this file's own: no safetensors package is needed.
"""
import argparse
import json
import os
import struct
import sys
import tempfile

import torch

DTYPES = {
    torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16",
    torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8",
    torch.bool: "BOOL",
}


def write_safetensors(path, tensors, metadata=None):
    """Writes {name: tensor} as safetensors: names sorted, header padded with spaces to a multiple of 8."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name in sorted(tensors):
        t = tensors[name].detach().cpu().contiguous()
        if t.dtype not in DTYPES:
            raise ValueError(f"{name}: dtype {t.dtype} has no safetensors code")
        # A byte view of the tensor's storage (little-endian on every platform torch runs on here).
        blob = t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * (-len(raw) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for blob in blobs:
            f.write(blob)
    os.replace(tmp, path)


def _load(path, fmt):
    if fmt == "clip":
        try:  # CLIP's released files are TorchScript archives.
            return torch.jit.load(path, map_location="cpu").state_dict()
        except RuntimeError:
            pass
    return torch.load(path, map_location="cpu")


def _unwrap(ckpt):
    """The state dict inside a training checkpoint ({'state_dict': ..., 'epoch': ...}) or the checkpoint itself."""
    if isinstance(ckpt, dict) and isinstance(ckpt.get("state_dict"), dict):
        return ckpt["state_dict"]
    return ckpt


def _strip(prefix, key):
    return key[len(prefix):] if key.startswith(prefix) else key


def _rename_torchvision(key):
    return key


def _rename_moco(key):
    # MoCo's query encoder is the backbone; encoder_k (momentum copy), queue and the fc projection MLP are dropped.
    prefix = "module.encoder_q."
    if not key.startswith(prefix) or key.startswith(prefix + "fc."):
        return None
    return key[len(prefix):]


def _rename_swav(key):
    name = _strip("module.", key)
    return None if name.startswith(("projection_head.", "prototypes.")) else name


def _rename_clip(key):
    return key[len("visual."):] if key.startswith("visual.") else None


RENAMES = {"torchvision": _rename_torchvision, "moco": _rename_moco, "swav": _rename_swav, "clip": _rename_clip}


def select(ckpt, fmt, source="checkpoint"):
    """Returns (kept {name: tensor} with Daft's names, dropped names) for a loaded checkpoint of layout `fmt`."""
    if fmt not in RENAMES:
        raise SystemExit(f"unknown --format {fmt!r}; known: {', '.join(RENAMES)}")
    if fmt == "moco" and not (isinstance(ckpt, dict) and "state_dict" in ckpt):
        raise SystemExit(f"{source}: a MoCo checkpoint is a dict with 'state_dict'; got keys {list(ckpt)[:5]}")
    state = ckpt if fmt == "torchvision" else _unwrap(ckpt)
    if not isinstance(state, dict) or not all(torch.is_tensor(v) for v in state.values()):
        raise SystemExit(f"{source}: expected a state dict of tensors for --format {fmt}")
    kept, dropped = {}, []
    for key, value in state.items():
        name = RENAMES[fmt](key)
        if name is None:
            dropped.append(key)
            continue
        kept[name] = value.float() if value.dtype.is_floating_point else value
    if not kept:
        raise SystemExit(f"{source}: no keys kept for --format {fmt}; first keys: {list(state)[:5]}")
    return kept, dropped


def check_arch(kept, arch):
    """Names and shapes of `kept` against torchvision's `arch` without its fc head; returns a list of problems."""
    import torchvision
    reference = {k: tuple(v.shape) for k, v in getattr(torchvision.models, arch)().state_dict().items() if not k.startswith("fc.")}
    problems = [f"missing {k}" for k in reference if k not in kept]
    problems += [f"unexpected {k}" for k in kept if k not in reference and not k.startswith("fc.")]
    problems += [f"shape {k}: file {tuple(kept[k].shape)}, {arch} {s}" for k, s in reference.items() if k in kept and tuple(kept[k].shape) != s]
    return problems


def convert(fmt, src, out, arch=None):
    kept, dropped = select(_load(src, fmt), fmt, src)
    if arch:
        problems = check_arch(kept, arch)
        if problems:
            raise SystemExit(f"{src} does not fit {arch}:\n  " + "\n  ".join(problems[:20]))
    write_safetensors(out, kept, {"format": "pt", "source": os.path.basename(src), "layout": fmt})
    print(f"{src}: kept {len(kept)} tensors, dropped {len(dropped)}" + (f" ({', '.join(dropped[:4])}{', ...' if len(dropped) > 4 else ''})" if dropped else "") + f" -> {out}")
    return kept, dropped


def _read_header(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        return json.loads(f.read(n))


def self_test():
    """Synthetic checkpoints in every layout (no downloads); checks the kept names, counts, dtypes and the file."""
    import torchvision
    from torch import nn
    base = torchvision.models.resnet18(num_classes=10).state_dict()
    backbone = [k for k in base if not k.startswith("fc.")]
    with tempfile.TemporaryDirectory() as tmp:
        def run(fmt, ckpt, expected_names, expected_dropped, jit=False):
            src = os.path.join(tmp, f"{fmt}.pt")
            if jit:
                torch.jit.save(ckpt, src)
            else:
                torch.save(ckpt, src)
            out = os.path.join(tmp, f"{fmt}.safetensors")
            kept, dropped = convert(fmt, src, out, arch="resnet18" if fmt != "clip" else None)
            header = _read_header(out)
            names = [k for k in header if k != "__metadata__"]
            assert names == sorted(expected_names), f"{fmt}: names differ"
            assert len(dropped) == expected_dropped, f"{fmt}: dropped {len(dropped)}, expected {expected_dropped}"
            assert header["__metadata__"] == {"format": "pt", "source": f"{fmt}.pt", "layout": fmt}
            assert all(v["dtype"] in ("F32", "I64") for k, v in header.items() if k != "__metadata__"), f"{fmt}: dtypes"
            return header

        run("torchvision", base, list(base), 0)
        moco = {"state_dict": {**{f"module.encoder_q.{k}": v for k, v in base.items() if not k.startswith("fc.")},
                               "module.encoder_q.fc.0.weight": torch.zeros(2048, 512), "module.encoder_q.fc.2.weight": torch.zeros(128, 2048),
                               **{f"module.encoder_k.{k}": v for k, v in base.items()}, "module.queue": torch.zeros(128, 16)},
                "epoch": 200, "arch": "resnet18"}
        run("moco", moco, backbone, 2 + len(base) + 1)
        swav = {f"module.{k}": v for k, v in base.items() if not k.startswith("fc.")}
        swav.update({"module.projection_head.0.weight": torch.zeros(2048, 512), "module.prototypes.weight": torch.zeros(3000, 128)})
        run("swav", swav, backbone, 2)

        class Visual(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv1 = nn.Conv2d(3, 4, 3, bias=False).half()
                self.bn1 = nn.BatchNorm2d(4)

            def forward(self, x):
                return self.bn1(self.conv1(x))

        class Clip(nn.Module):
            def __init__(self):
                super().__init__()
                self.visual = Visual()
                self.logit_scale = nn.Parameter(torch.ones([]))

            def forward(self, x):
                return self.visual(x) * self.logit_scale

        header = run("clip", torch.jit.script(Clip()), ["conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked"], 1, jit=True)
        assert header["conv1.weight"]["dtype"] == "F32", "clip: fp16 not cast to float32"
        try:
            select({"state_dict": {"encoder.conv1.weight": torch.zeros(1)}}, "moco")
            raise AssertionError("moco: a checkpoint without module.encoder_q.* must be refused")
        except SystemExit as refused:
            assert "no keys kept" in str(refused)
    print("self-test passed")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--format", choices=["torchvision", "moco", "swav", "clip"])
    parser.add_argument("--in", dest="src")
    parser.add_argument("--out")
    parser.add_argument("--arch", choices=["resnet18", "resnet50"])
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args(argv)
    if args.self_test:
        self_test()
        return
    if not (args.format and args.src and args.out):
        parser.error("--format, --in and --out are required (or --self-test)")
    if not os.path.isfile(args.src):
        raise SystemExit(f"no checkpoint at {args.src}")
    convert(args.format, args.src, args.out, args.arch)


if __name__ == "__main__":
    sys.exit(main())
