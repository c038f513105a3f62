// The vocabulary nearly every domain test uses; a file adds only what is particular to it.
global using CaraPlatform.Domain.Referrals;
global using CaraPlatform.Domain.Tenants;
global using CaraPlatform.Domain.Workshops;
global using CaraPlatform.TestData;
global using Microsoft.Extensions.Time.Testing;
