#!/usr/bin/env bash
# Training throughput, Daft vs PyTorch: builds daft-node in Release, then runs tools/bench/job_throughput.py
# (ResNet-18, digits upsampled to 32x32, batch 64, 2 threads; Daft and PyTorch interleaved; medians and ratios).
# Arguments go to job_throughput.py, e.g.
#   tools/bench/run_job_throughput.sh --methods ft --epochs 1 --repeats 2 --json /tmp/throughput.json
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
dotnet build src/GpuNode -c Release -nologo -v quiet
exec /usr/bin/python3 tools/bench/job_throughput.py "$@"
