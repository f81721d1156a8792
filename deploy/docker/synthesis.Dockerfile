# syntax=docker/dockerfile:1
# VoiceFleet synthesis: build with the .NET SDK, run on the ASP.NET Core runtime as the non-root user 'app' (uid 1654).
# Build from the repository root:  docker build -f deploy/docker/synthesis.Dockerfile -t voicefleet/synthesis:0.1.0 .
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

FROM ${DOTNET_SDK_IMAGE} AS build
WORKDIR /src
COPY global.json nuget.config Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY services/Shared/ services/Shared/
COPY services/Synthesis/ services/Synthesis/
RUN dotnet publish services/Synthesis/VoiceFleet.Synthesis.csproj -c Release -o /app -p:UseAppHost=false --nologo

FROM ${DOTNET_RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY --from=natives /out/onnxruntime/ /opt/voicefleet/onnxruntime/
ENV VOICEFLEET_ORT_LIBRARY=/opt/voicefleet/onnxruntime/libonnxruntime.so.1
# Both ports on every interface: gRPC (h2c, also grpc.health.v1 for the probes) and HTTP (/metrics, /healthz, /readyz).
ENV VOICEFLEET__Service__BindAddress=0.0.0.0 \
    VOICEFLEET__Service__GrpcPort=5000 \
    VOICEFLEET__Service__HttpPort=8080 \
    VOICEFLEET__Service__LogFormat=json
EXPOSE 5000 8080
USER 1654:1654
ENTRYPOINT ["dotnet", "VoiceFleet.Synthesis.dll"]
