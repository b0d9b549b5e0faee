# syntax=docker/dockerfile:1
# The CPU node image: `daft-node` with the CPU libtorch (the local overlay's, and any CPU-only worker). Build from the
# repository root:
#   docker build -f deploy/docker/node-cpu.Dockerfile -t daft-node-cpu:dev .
# Not built in this repository's CI (no container daemon there); see deploy/k8s/README.md.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG TORCH_BACKEND=cpu
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Shared/Daft.Shared.csproj src/Shared/
COPY src/Datasets/Daft.Datasets.csproj src/Datasets/
COPY src/GpuNode/Daft.GpuNode.csproj src/GpuNode/
RUN dotnet restore src/GpuNode/Daft.GpuNode.csproj -p:TorchBackend=$TORCH_BACKEND
# configs/ is embedded; samples/ holds the shipped digits (copied next to daft-node: the tiny sweep needs no data volume).
COPY src/ src/
COPY configs/ configs/
COPY samples/ samples/
# Portable publish (no -r): libtorch stays in runtimes/linux-x64/native, where the loader looks; other platforms'
# native files are dropped. Running daft-node once here lets LibTorchSharpLoader mark libLibTorchSharp.so's
# GLIBCXX_3.4.32 requirement weak now, as root, because the running container's file system is read-only
# (readOnlyRootFilesystem) and its user could not write there anyway.
RUN dotnet publish src/GpuNode/Daft.GpuNode.csproj -c Release --no-restore -p:TorchBackend=$TORCH_BACKEND -o /opt/daft \
 && find /opt/daft/runtimes -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} + \
 && dotnet /opt/daft/daft-node.dll --help > /dev/null

# Ubuntu 24.04: libstdc++ from GCC 14 (GLIBCXX_3.4.33), so libtorch 2.10 loads even without the patch above.
FROM mcr.microsoft.com/dotnet/runtime:10.0-noble
COPY --from=build /opt/daft /opt/daft
USER 10001:10001
WORKDIR /tmp
ENV DAFT_HOME=/var/lib/daft \
    DAFT_DATA=/data
EXPOSE 4054
ENTRYPOINT ["dotnet", "/opt/daft/daft-node.dll"]
CMD ["serve"]
