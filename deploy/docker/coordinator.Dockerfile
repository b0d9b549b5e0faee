# syntax=docker/dockerfile:1
# The coordinator image: `daft` (coordinator, HTTP API, every CLI verb) without libtorch. Build from the repository root:
#   docker build -f deploy/docker/coordinator.Dockerfile -t daft-coordinator:dev .
# Not built in this repository's CI (no container daemon there); see deploy/k8s/README.md.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
# Restore first, from the project files alone, so a source change does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Shared/Daft.Shared.csproj src/Shared/
COPY src/Datasets/Daft.Datasets.csproj src/Datasets/
COPY src/Coordinator/Daft.Coordinator.csproj src/Coordinator/
RUN dotnet restore src/Coordinator/Daft.Coordinator.csproj
# configs/ is embedded (dataset files, table layouts).
COPY src/ src/
COPY configs/ configs/
RUN dotnet publish src/Coordinator/Daft.Coordinator.csproj -c Release --no-restore -o /opt/daft \
 && find /opt/daft/runtimes -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} +

# The ASP.NET runtime because the HTTP API is ASP.NET Core. Not the chiseled flavour, though smaller: `kubectl cp`,
# how an operator copies results out (deploy/k8s/README.md), needs tar in the container.
# InvariantGlobalization (Directory.Build.props) needs no ICU; SkiaSharp's NoDependencies build (plots) brings its own
# fontconfig and freetype.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
COPY --from=build /opt/daft /opt/daft
# The uid the manifests run as (runAsUser: 10001); the image does not need it in /etc/passwd.
USER 10001:10001
WORKDIR /tmp
ENV DAFT_HOME=/var/lib/daft \
    DAFT_DATA=/data
EXPOSE 4053 4080
ENTRYPOINT ["dotnet", "/opt/daft/daft.dll"]
CMD ["serve"]
