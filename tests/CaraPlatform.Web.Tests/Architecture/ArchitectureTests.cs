using System.Reflection;
using CaraPlatform.Domain.National;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace CaraPlatform.Web.Tests.Architecture;

/// <summary>
/// The layering DESIGN.md §4 describes, checked on the compiled assemblies, so that it holds without anyone
/// remembering it: the domain is plain C#, the lower layers never know the web host, Platform knows no feature,
/// features meet only through declared contracts, and only the national module reads across tenants.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Web = "CaraPlatform.Web";
    private const string Features = Web + ".Features";
    private const string National = Features + ".National";

    private static readonly Assembly WebAssembly = typeof(Program).Assembly;

    [Fact]
    public void The_domain_references_no_framework_and_no_other_layer()
    {
        var result = Types.InAssembly(typeof(Referral).Assembly).ShouldNot().HaveDependencyOnAny(
            "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Microsoft.Extensions", "Npgsql", "OpenIddict", "System.Text.Json.Serialization",
            "CaraPlatform.Tenancy", "CaraPlatform.Infrastructure", Web).GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Tenancy_and_infrastructure_never_reference_the_web_host()
    {
        foreach (var assembly in new[] { typeof(IMultiTenantContextAccessor<>).Assembly, typeof(CaraDbContext).Assembly })
        {
            var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOn(Web).GetResult();
            Assert.True(result.IsSuccessful, Failing(result));
        }
    }

    [Fact]
    public void Platform_references_no_feature()
    {
        // CaraPlatformHost is the composition root: listing the modules is its one job.
        var result = Types.InAssembly(WebAssembly).That().ResideInNamespace(Web + ".Platform").And().DoNotHaveName("CaraPlatformHost")
            .ShouldNot().HaveDependencyOn(Features).GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void A_feature_uses_another_feature_only_through_its_declared_contracts()
    {
        var failures = new List<string>();
        foreach (var feature in FeatureNames())
        {
            // Every type of the other features except their Contracts namespace.
            var others = WebAssembly.GetTypes()
                .Where(t => t.Namespace is { } ns && ns.StartsWith(Features + ".", StringComparison.Ordinal)
                    && FeatureOf(ns) != feature && !ns.EndsWith(".Contracts", StringComparison.Ordinal)
                    && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
                .Select(t => t.FullName!.Split('`')[0])
                .Distinct()
                .ToArray();
            var result = Types.InAssembly(WebAssembly).That().ResideInNamespace($"{Features}.{feature}")
                .ShouldNot().HaveDependencyOnAny(others).GetResult();
            if (!result.IsSuccessful) failures.Add($"{feature}: {Failing(result)}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Only_the_national_module_reads_across_tenants()
    {
        // Reading across tenants means choosing the tenant (the context setter), the owner's connection, which row-level
        // security does not narrow to a request's tenant, or turning the tenant filter off. The platform's tenant runner
        // and host commands do the first two for every tenant in turn; a feature gets its tenant from the request or
        // from the runner. HostCommands migrates with the owner role.
        var allowed = new[] { National, Web + ".Platform.HostCommands" };
        var offenders = new List<string>();
        using var module = ModuleDefinition.ReadModule(WebAssembly.Location);
        foreach (var type in module.GetTypes().Where(t => !allowed.Any(a => (t.FullName + ".").StartsWith(a + ".", StringComparison.Ordinal) || t.FullName.StartsWith(a + "/", StringComparison.Ordinal))))
        {
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.Operand is not MemberReference member) continue;
                    var name = member is MethodReference called ? called.DeclaringType.FullName + "::" + called.Name : member.FullName;
                    if (name.Contains("IMultiTenantContextSetter", StringComparison.Ordinal)
                        || name.Contains("CaraPlatform.Infrastructure.Persistence.OwnerDatabase", StringComparison.Ordinal)
                        || name.EndsWith("::IgnoreQueryFilters", StringComparison.Ordinal))
                        offenders.Add($"{type.FullName}.{method.Name} uses {name}");
                }
            }
        }

        Assert.True(offenders.Count == 0, string.Join("\n", offenders.Distinct()));
    }

    [Fact]
    public void Only_the_national_module_touches_the_national_read_model()
    {
        // The rows, and the DbSets through which they are reached (a DbSet<NationalReferral> is a dependency on the row).
        var result = Types.InAssembly(WebAssembly).That().DoNotResideInNamespace(National)
            .ShouldNot().HaveDependencyOnAny(typeof(NationalReferral).FullName!, typeof(NationalRun).FullName!).GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    private static IEnumerable<string> FeatureNames() =>
        WebAssembly.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(ns => ns.StartsWith(Features + ".", StringComparison.Ordinal)).Select(FeatureOf).Distinct();

    private static string FeatureOf(string ns) => ns[(Features.Length + 1)..].Split('.')[0];

    private static string Failing(TestResult result) =>
        "Breaking the rule: " + string.Join(", ", result.FailingTypeNames ?? []);
}
