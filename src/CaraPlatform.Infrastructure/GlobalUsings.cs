// The infrastructure's vocabulary: EF Core, the persistence and tenancy it builds on; a file adds only what is particular to it.
global using CaraPlatform.Domain.Common;
global using CaraPlatform.Domain.Tenants;
global using CaraPlatform.Infrastructure.Persistence;
global using CaraPlatform.Infrastructure.Tenancy;
global using CaraPlatform.Tenancy;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
