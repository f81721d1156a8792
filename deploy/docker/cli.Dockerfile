# syntax=docker/dockerfile:1
# VoiceFleet cli: build with the .NET SDK, run on the ASP.NET Core runtime as the non-root user 'app' (uid 1654).
# Build from the repository root:  docker build -f deploy/docker/cli.Dockerfile -t voicefleet/cli:0.1.0 .
# Base images follow the SDK in global.json; pin them by digest in your registry's build pipeline.
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble
ARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble
ARG NODE_IMAGE=node:20-bookworm-slim

# Native pieces from the npm registry, as ./fleet setup fetches them: 'npm pack' only downloads, it runs nothing.
FROM ${NODE_IMAGE} AS natives
WORKDIR /natives
ARG ORT_VERSION=1.30.0
RUN npm pack "onnxruntime-node@${ORT_VERSION}" --loglevel=error \
    && tar -xzf "onnxruntime-node-${ORT_VERSION}.tgz" --wildcards "package/bin/napi-v6/linux/x64/libonnxruntime.so.1*" \
    && mkdir -p /out/onnxruntime && cp package/bin/napi-v6/linux/x64/libonnxruntime.so.1* /out/onnxruntime/ && rm -rf package *.tgz
ARG PINYIN_DATA_VERSION=1.3.1
RUN npm pack "@pinyin-pro/data@${PINYIN_DATA_VERSION}" --loglevel=error \
    && tar -xzf "pinyin-pro-data-${PINYIN_DATA_VERSION}.tgz" package/json/complete.json package/json/traditional.json \
    && mkdir -p /out/pinyin-pro-data && cp package/json/complete.json package/json/traditional.json /out/pinyin-pro-data/ && rm -rf package *.tgz

FROM ${DOTNET_SDK_IMAGE} AS build
WORKDIR /src
COPY global.json nuget.config Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY services/Shared/ services/Shared/
# The CLI builds every service first (its project references them).
COPY services/Gateway/ services/Gateway/
COPY services/Frontend/ services/Frontend/
COPY services/Encoders/ services/Encoders/
COPY services/Synthesis/ services/Synthesis/
COPY services/ReleaseController/ services/ReleaseController/
COPY services/Cli/ services/Cli/
RUN dotnet publish services/Cli/VoiceFleet.Cli.csproj -c Release -o /app -p:UseAppHost=false --nologo

FROM ${DOTNET_RUNTIME_IMAGE} AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libespeak-ng1 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
COPY --from=natives /out/onnxruntime/ /opt/voicefleet/onnxruntime/
ENV VOICEFLEET_ORT_LIBRARY=/opt/voicefleet/onnxruntime/libonnxruntime.so.1
COPY --from=natives /out/pinyin-pro-data/ /opt/voicefleet/pinyin-pro-data/
ENV VOICEFLEET_PINYIN_DATA=/opt/voicefleet/pinyin-pro-data
USER 1654:1654
ENTRYPOINT ["dotnet", "voicefleet.dll"]
