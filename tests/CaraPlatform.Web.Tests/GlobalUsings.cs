// The vocabulary nearly every integration test uses; a file adds only what is particular to it.
global using System.Net;
global using System.Text.Json;
global using CaraPlatform.Domain.Access;
global using CaraPlatform.Infrastructure.Persistence;
global using CaraPlatform.Infrastructure.Tenancy;
global using CaraPlatform.Tenancy;
global using CaraPlatform.TestData;
global using CaraPlatform.Web.Tests.Support;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
