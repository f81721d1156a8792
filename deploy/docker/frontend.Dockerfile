# syntax=docker/dockerfile:1
# VoiceFleet frontend: build with the .NET SDK, run on the ASP.NET Core runtime as the non-root user 'app' (uid 1654).
# Build from the repository root:  docker build -f deploy/docker/frontend.Dockerfile -t voicefleet/frontend:0.1.0 .
# Base images follow the SDK in global.json; pin them by digest in your registry's build pipeline.
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble
ARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble
ARG NODE_IMAGE=node:20-bookworm-slim

# Native pieces from the npm registry, as ./fleet setup fetches them: 'npm pack' only downloads, it runs nothing.
FROM ${NODE_IMAGE} AS natives
WORKDIR /natives
ARG PINYIN_DATA_VERSION=1.3.1
RUN npm pack "@pinyin-pro/data@${PINYIN_DATA_VERSION}" --loglevel=error \
    && tar -xzf "pinyin-pro-data-${PINYIN_DATA_VERSION}.tgz" package/json/complete.json package/json/traditional.json \
    && mkdir -p /out/pinyin-pro-data && cp package/json/complete.json package/json/traditional.json /out/pinyin-pro-data/ && rm -rf package *.tgz

FROM ${DOTNET_SDK_IMAGE} AS build
WORKDIR /src
COPY global.json nuget.config Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY services/Shared/ services/Shared/
COPY services/Frontend/ services/Frontend/
RUN dotnet publish services/Frontend/VoiceFleet.Frontend.csproj -c Release -o /app -p:UseAppHost=false --nologo

FROM ${DOTNET_RUNTIME_IMAGE} AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libespeak-ng1 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
COPY --from=natives /out/pinyin-pro-data/ /opt/voicefleet/pinyin-pro-data/
ENV VOICEFLEET_PINYIN_DATA=/opt/voicefleet/pinyin-pro-data
# Both ports on every interface: gRPC (h2c, also grpc.health.v1 for the probes) and HTTP (/metrics, /healthz, /readyz).
ENV VOICEFLEET__Service__BindAddress=0.0.0.0 \
    VOICEFLEET__Service__GrpcPort=5000 \
    VOICEFLEET__Service__HttpPort=8080 \
    VOICEFLEET__Service__LogFormat=json
EXPOSE 5000 8080
USER 1654:1654
ENTRYPOINT ["dotnet", "VoiceFleet.Frontend.dll"]
