# syntax=docker/dockerfile:1
# The CUDA node image: `daft-node` built with -p:TorchBackend=cuda (TorchSharp-cuda-linux: libtorch 2.10 with its own
# CUDA 12 runtime, cuDNN and cuBLAS inside the package). Build from the repository root, on a machine with internet
# access (the CUDA libtorch packages are several GB and not in this project's package mirror):
#   docker build -f deploy/docker/node-cuda.Dockerfile -t daft-node-cuda:dev .
# The host needs an NVIDIA driver for CUDA 12.8 or newer and the NVIDIA device plugin (nvidia.com/gpu resources).
# Not built in this repository's CI (no container daemon, no CUDA packages there); see deploy/k8s/README.md.

ARG CUDA_IMAGE=nvidia/cuda:12.8.1-base-ubuntu24.04

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Shared/Daft.Shared.csproj src/Shared/
COPY src/Datasets/Daft.Datasets.csproj src/Datasets/
COPY src/GpuNode/Daft.GpuNode.csproj src/GpuNode/
RUN dotnet restore src/GpuNode/Daft.GpuNode.csproj -p:TorchBackend=cuda
COPY src/ src/
COPY configs/ configs/
COPY samples/ samples/
# As in node-cpu.Dockerfile: portable layout, other platforms dropped, the loader's one-time patch done at build time
# (the container's file system is read-only).
RUN dotnet publish src/GpuNode/Daft.GpuNode.csproj -c Release --no-restore -p:TorchBackend=cuda -o /opt/daft \
 && find /opt/daft/runtimes -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} + \
 && dotnet /opt/daft/daft-node.dll --help > /dev/null

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble AS dotnet

# CUDA's base flavour, not runtime: libtorch brings the CUDA libraries it was built with, so the image needs only what
# base sets up (the driver's libraries come from the host through the NVIDIA container toolkit, NVIDIA_* variables).
# Ubuntu 24.04's libstdc++ is GCC 14's (GLIBCXX_3.4.33), new enough for TorchSharp 0.107's libLibTorchSharp.so.
FROM ${CUDA_IMAGE}
# What the .NET runtime needs on Ubuntu 24.04 beyond the base image (no ICU: InvariantGlobalization).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates libssl3t64 tzdata zlib1g \
 && rm -rf /var/lib/apt/lists/*
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
COPY --from=build /opt/daft /opt/daft
USER 10001:10001
WORKDIR /tmp
ENV DAFT_HOME=/var/lib/daft \
    DAFT_DATA=/data \
    DOTNET_ROOT=/usr/share/dotnet
EXPOSE 4054
ENTRYPOINT ["dotnet", "/opt/daft/daft-node.dll"]
CMD ["serve"]
