#!/usr/bin/env bash
# The test command: builds Daft.sln in Release, runs every test project, and ends with one line
#   N passed, N failed, N skipped
# summed over all test assemblies. Exits non-zero when the build fails, a test fails, or no test ran.
# Extra arguments go to `dotnet test`, e.g. `scripts/test.sh --filter FullyQualifiedName~JobSpec`.
# TRX files land in TestResults/test-sh/ (emptied first), one per test assembly.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
results=TestResults/test-sh
rm -rf "$results"
mkdir -p "$results"

dotnet test Daft.sln -c Release --logger trx --results-directory "$results" "$@"
status=$?

# Sum the <Counters .../> of every TRX file. Skipped tests count in total but not in executed;
# errors, timeouts and aborts count as failures.
read -r passed failed skipped < <(
    cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
        function count(name,   m) { return match($0, name "=\"[0-9]+\"") ? substr($0, RSTART + length(name) + 2, RLENGTH - length(name) - 3) + 0 : 0 }
        { passed += count("passed"); failed += count("failed") + count("error") + count("timeout") + count("aborted")
          skipped += count("total") - count("executed") }
        END { print passed + 0, failed + 0, skipped + 0 }')

total=$((passed + failed + skipped))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "dotnet test exited with $status: the build or a test host failed (see above)" >&2
elif [ "$total" -eq 0 ]; then
    echo "no tests ran" >&2
fi
echo "$passed passed, $failed failed, $skipped skipped"

if [ "$status" -ne 0 ]; then
    exit "$status"
elif [ "$failed" -ne 0 ] || [ "$total" -eq 0 ]; then
    exit 1
fi
