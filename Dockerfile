# syntax=docker/dockerfile:1
# The CARA Platform's one image. It runs the web host (no arguments), the host's commands given as arguments
# (`migrate`, `protect-keys`, `bootstrap-licence-admin`, ...), and /app/efbundle, the EF Core migrations bundle that
# the chart's pre-install/pre-upgrade job runs before `migrate`. Build from the repository root:
#   docker build -t cara-platform-web:0.1.0 .
# No image is built on our machines (no Docker engine, no base images): tests/CaraPlatform.Web.Tests/Deployment
# run what this file runs (the publish, the bundle) and check that its paths exist (docs/operations.md).

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}-noble AS build
# The web project's build makes the portal's assets from npm packages (src/CaraPlatform.Web/Frontend).
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restored in a layer of its own, which changes only when a project, a package version or a tool does.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY .config/dotnet-tools.json .config/
COPY src/CaraPlatform.Domain/CaraPlatform.Domain.csproj src/CaraPlatform.Domain/
COPY src/CaraPlatform.Tenancy/CaraPlatform.Tenancy.csproj src/CaraPlatform.Tenancy/
COPY src/CaraPlatform.Infrastructure/CaraPlatform.Infrastructure.csproj src/CaraPlatform.Infrastructure/
COPY migrations/CaraPlatform.Migrations/CaraPlatform.Migrations.csproj migrations/CaraPlatform.Migrations/
COPY src/CaraPlatform.Web/CaraPlatform.Web.csproj src/CaraPlatform.Web/
RUN dotnet restore src/CaraPlatform.Web/CaraPlatform.Web.csproj && dotnet tool restore
COPY src/ src/
COPY migrations/ migrations/
RUN dotnet publish src/CaraPlatform.Web/CaraPlatform.Web.csproj -c Release --no-restore -o /app
# The bundle connects with the design-time factory's CARA_DB_OWNER (or --connection), as the owner role.
RUN dotnet ef migrations bundle --project migrations/CaraPlatform.Migrations \
      --startup-project migrations/CaraPlatform.Migrations --configuration Release -o /app/efbundle

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble AS runtime
# Ubuntu's runtime image carries ICU and tzdata: the host formats dates and money in en-GB and keeps UK time
# (Europe/London), so globalization stays on.
WORKDIR /app
# Owned by root and not writable by the app user: the root filesystem may be mounted read-only.
COPY --from=build /app ./
COPY tenants/ tenants/
# Writable paths are /tmp (an emptyDir in the chart) and the materials volume when files are kept on disk; the
# single-file bundle extracts nothing but is pointed at /tmp should it need to.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Cara__TenantsPath=/app/tenants \
    TMPDIR=/tmp \
    DOTNET_BUNDLE_EXTRACT_BASE_DIR=/tmp
EXPOSE 8080 9464
# "app" (UID 1654) of the .NET images; numeric, so that runAsNonRoot can check it.
USER 1654:1654
ENTRYPOINT ["dotnet", "CaraPlatform.Web.dll"]
