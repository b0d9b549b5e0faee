#!/usr/bin/env bash
# The main job on a fresh machine: builds Daft (Release) and runs the quickstart transfer experiment on the
# digits shipped in samples/ (no download, CPU, 2 threads, about a minute):
#   1. pretrain: small CNN trained on the original digits (the "pretrained backbone" of this experiment);
#   2. lp, ft, lp_ft, daft: transfer from those weights to the inverted digits (the shifted target domain),
#      each evaluated on its ID test set and, as OOD, on the original digits;
#   3. a table of the results (`daft results show`).
# Job folders land in runs/quickstart/<job>/ (result.json, model.safetensors, spec.yaml, job.log).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Daft.sln -c Release --nologo -v quiet
node=(dotnet src/GpuNode/bin/Release/net10.0/daft-node.dll)
daft=(dotnet src/Coordinator/bin/Release/net10.0/daft.dll)

# The transfer jobs read runs/quickstart/pretrain/model.safetensors and (lp_ft) runs/quickstart/lp/head.safetensors.
failed=0
for job in pretrain lp ft lp_ft daft; do
    echo "== $job: configs/quickstart/$job.yaml"
    "${node[@]}" run-job "configs/quickstart/$job.yaml" --out "runs/quickstart/$job" || failed=$((failed + 1))
done
echo
"${daft[@]}" results show runs/quickstart
exit $((failed > 0))
