# syntax=docker/dockerfile:1
# Alerting worker: campaign events → filter → webhook POST.
# Build from the repository root: docker build -f deploy/docker/alerting.Dockerfile .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the project files alone, so this layer is reused until a dependency changes.
COPY Directory.Build.props Directory.Packages.props global.json ./
COPY shared/Pipeline.Contracts/Pipeline.Contracts.csproj shared/Pipeline.Contracts/
COPY shared/Pipeline.Domain/Pipeline.Domain.csproj shared/Pipeline.Domain/
COPY shared/Pipeline.Infrastructure/Pipeline.Infrastructure.csproj shared/Pipeline.Infrastructure/
COPY shared/Pipeline.Application/Pipeline.Application.csproj shared/Pipeline.Application/
COPY services/Pipeline.Alerting/Pipeline.Alerting.csproj services/Pipeline.Alerting/
RUN dotnet restore services/Pipeline.Alerting/Pipeline.Alerting.csproj
COPY shared/ shared/
COPY services/Pipeline.Alerting/ services/Pipeline.Alerting/
RUN dotnet publish services/Pipeline.Alerting/Pipeline.Alerting.csproj -c Release -o /app --no-restore -p:UseAppHost=false

# Alpine runtime: about half the size of the default image, and it keeps a shell and find(1) for the
# probe-file healthcheck. ICU stays on: the pipeline compares and normalises text culture-aware.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-alpine AS runtime
RUN apk add --no-cache icu-data-full icu-libs tzdata
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
    Health__ProbeFile=/tmp/pipeline-healthy
WORKDIR /app
COPY --from=build /app .
COPY --chmod=0755 deploy/docker/entrypoint.sh /usr/local/bin/pipeline-entrypoint
# The image's unprivileged "app" user; no secret or connection string is baked in (see entrypoint.sh).
USER $APP_UID
ENTRYPOINT ["pipeline-entrypoint", "Pipeline.Alerting.dll"]
