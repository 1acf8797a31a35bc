# Publisher worker: multi-stage build, small non-root runtime image.
# Build from the repository root: docker build -f deploy/docker/publisher.Dockerfile .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props global.json ./
COPY shared/ shared/
COPY services/Pipeline.Publisher/ services/Pipeline.Publisher/
RUN dotnet publish services/Pipeline.Publisher/Pipeline.Publisher.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# The embedded store (when used) lives on a volume, never in the image.
ENV Store__EmbeddedPath=/data/pipeline.db
USER $APP_UID
ENTRYPOINT ["dotnet", "Pipeline.Publisher.dll"]
