// The platform vocabulary nearly every module uses; a file adds only what is particular to it.
global using System.Security.Claims;
global using CaraPlatform.Domain.Access;
global using CaraPlatform.Infrastructure.Identity;
global using CaraPlatform.Infrastructure.Persistence;
global using CaraPlatform.Infrastructure.Tenancy;
global using CaraPlatform.Tenancy;
global using CaraPlatform.Web.Platform;
global using CaraPlatform.Web.Platform.Access;
global using CaraPlatform.Web.Platform.Audit;
global using CaraPlatform.Web.Portal;
global using FluentValidation;
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Identity;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
