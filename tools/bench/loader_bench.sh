#!/usr/bin/env bash
# Loader throughput vs training consumption, and training with prefetch on/off (DAFT_PREFETCH=0): builds daft-node
# and tools/bench/loader_bench.cs in Release, then runs tools/bench/loader_bench.py. Arguments go to the driver, e.g.
#   tools/bench/loader_bench.sh --repeats 3 --epochs 2 --json /tmp/loader.json
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
dotnet build src/GpuNode -c Release -nologo -v quiet
dotnet build tools/bench/loader_bench.cs -c Release -nologo -v quiet
exec /usr/bin/python3 tools/bench/loader_bench.py "$@"
