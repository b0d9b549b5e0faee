#!/usr/bin/env bash
# daft-node tools vs their Python references: builds daft-node in Release, then runs tools/bench/tools_bench.py
# (model convert-bn vs convert_bn_params; probe fit vs scikit-learn's warm-started C sweep; interleaved, medians).
# Arguments go to tools_bench.py, e.g.  tools/bench/run_tools_bench.sh --repeats 2 --json /tmp/tools.json
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
dotnet build src/GpuNode -c Release -nologo -v quiet
exec /usr/bin/python3 tools/bench/tools_bench.py "$@"
