#!/usr/bin/env bash
# Offline validation of deploy/k8s: renders every overlay with `kubectl kustomize`, validates every rendered object
# (and deploy/k8s/extras/*.yaml) against the Kubernetes OpenAPI schema with validate.mjs, then checks that the
# validation rejects a workload broken in known ways. Needs kubectl (kustomize built in) and Node; installs the
# pinned validators (package-lock.json) with `npm ci` when node_modules is missing or older than the lock.
set -euo pipefail

for tool in kubectl node npm; do
    if ! command -v "$tool" >/dev/null; then
        echo "validate.sh: $tool is not on PATH (kubectl: apt-get install kubectl; node and npm: apt-get install nodejs npm)" >&2
        exit 1
    fi
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
k8s="$(dirname "$here")"
cd "$here"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    npm ci --no-audit --no-fund --loglevel=error
    touch node_modules
fi

rendered="$(mktemp -d)"
trap 'rm -rf "$rendered"' EXIT
for overlay in "$k8s"/overlays/*/; do
    name="$(basename "$overlay")"
    kubectl kustomize "$overlay" > "$rendered/$name.yaml"
    echo "rendered overlays/$name: $(grep -c '^kind:' "$rendered/$name.yaml") objects"
done

node validate.mjs "$rendered"/*.yaml "$k8s"/extras/*.yaml
node validate.mjs --self-test "$rendered/local.yaml"
