# syntax=docker/dockerfile:1
# VoiceFleet release-controller: build with the .NET SDK, run on the ASP.NET Core runtime as the non-root user 'app' (uid 1654).
# Build from the repository root:  docker build -f deploy/docker/release-controller.Dockerfile -t voicefleet/release-controller:0.1.0 .
# Base images follow the SDK in global.json; pin them by digest in your registry's build pipeline.
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble
ARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble

FROM ${DOTNET_SDK_IMAGE} AS build
WORKDIR /src
COPY global.json nuget.config Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY services/Shared/ services/Shared/
COPY services/ReleaseController/ services/ReleaseController/
RUN dotnet publish services/ReleaseController/VoiceFleet.ReleaseController.csproj -c Release -o /app -p:UseAppHost=false --nologo

FROM ${DOTNET_RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app ./
# Both ports on every interface: gRPC (h2c, also grpc.health.v1 for the probes) and HTTP (/metrics, /healthz, /readyz).
ENV VOICEFLEET__Service__BindAddress=0.0.0.0 \
    VOICEFLEET__Service__GrpcPort=5000 \
    VOICEFLEET__Service__HttpPort=8080 \
    VOICEFLEET__Service__LogFormat=json
EXPOSE 5000 8080
USER 1654:1654
ENTRYPOINT ["dotnet", "VoiceFleet.ReleaseController.dll"]
