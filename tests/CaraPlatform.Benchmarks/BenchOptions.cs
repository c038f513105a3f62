namespace CaraPlatform.Benchmarks;

/// <summary>What a run is pointed at and how big it is.</summary>
/// <param name="BaseUrl">The running host, e.g. http://127.0.0.1:5091.</param>
/// <param name="OwnerConnectionString">The database owner's connection string: seeding writes the read model directly.</param>
/// <param name="AppConnectionString">The application role's, as the host has it: the raw baseline reads through it.</param>
/// <param name="WrkJsonLua">../shared/wrk-json.lua, which prints wrk's figures as one JSON line.</param>
/// <param name="Quick">Small data, few requests: proves the harness works (CI), measures nothing worth quoting.</param>
/// <param name="ResultsDirectory">Where bench/results/&lt;date&gt;.json goes.</param>
/// <param name="HostPid">The host's process, whose working set is recorded.</param>
/// <param name="Only">
/// "tenant", "national" or "materials": one part of the run; "reads": the tenant reads and the portal page only (to compare two
/// builds of the host quickly); everything when null.
/// </param>
/// <param name="Label">Added to the results file's name, e.g. "before" for a run against an earlier build.</param>
/// <param name="HostDll">CaraPlatform.Web.dll as the host runs it: the deadline job is timed as its own process.</param>
/// <param name="HostContentRoot">The host's content root (src/CaraPlatform.Web of the checkout).</param>
/// <param name="SuperuserConnectionString">The cluster's superuser: the baseline without row-level security, and the bench tenants.</param>
internal sealed record BenchOptions(
    string BaseUrl, string OwnerConnectionString, string AppConnectionString, string WrkJsonLua, bool Quick, string ResultsDirectory, int? HostPid,
    string? Only, string SuperuserConnectionString, string HostDll, string HostContentRoot, string? Label)
{
    /// <summary>Tenants the national read model is spread over.</summary>
    public int Tenants => Quick ? 10 : 50;

    /// <summary>Referrals in the national read model.</summary>
    public int Referrals => Quick ? 20_000 : 1_000_000;

    /// <summary>Timed requests per endpoint and filter, after the warm-up.</summary>
    public int Requests => Quick ? 3 : 10;

    /// <summary>The tenant API's first pass: this many tenants share <see cref="TenantReferrals"/>.</summary>
    public const int FewTenants = 10;

    /// <summary>The tenant API's second pass: this many tenants share the same number of referrals.</summary>
    public int ManyTenants => Quick ? 100 : 1_000;

    /// <summary>Referrals read at random in each pass (created through the API where missing).</summary>
    public int TenantReferrals => Quick ? 200 : 2_000;

    /// <summary>Seconds of load per wrk run.</summary>
    public int LoadSeconds => Quick ? 2 : 10;

    /// <summary>Seconds of unrecorded load before each measured one.</summary>
    public int WarmUpSeconds => Quick ? 1 : 3;

    /// <summary>wrk's open connections.</summary>
    public const int Connections = 16;

    /// <summary>The raw baseline's port.</summary>
    public const int BaselinePort = 5092;

    // The cluster's superuser string names its maintenance database; the bench works in the application's.
    private static string SameDatabase(string connectionString, string like) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Database = new Npgsql.NpgsqlConnectionStringBuilder(like).Database }.ConnectionString;

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new BenchOptions(
            Value("--base") ?? throw new ArgumentException("--base URL is required"),
            Value("--owner") ?? throw new ArgumentException("--owner CONNECTION-STRING is required"),
            Value("--app") ?? throw new ArgumentException("--app CONNECTION-STRING is required"),
            Value("--wrk-lua") ?? throw new ArgumentException("--wrk-lua PATH (../shared/wrk-json.lua) is required"),
            args.Contains("--quick"),
            Value("--out") ?? "bench/results",
            int.TryParse(Value("--host-pid"), out var pid) ? pid : null,
            Value("--only"),
            SameDatabase(Value("--superuser") ?? throw new ArgumentException("--superuser CONNECTION-STRING is required"), Value("--owner")!),
            Value("--host-dll") ?? throw new ArgumentException("--host-dll PATH (CaraPlatform.Web.dll) is required"),
            Value("--content-root") ?? throw new ArgumentException("--content-root PATH (src/CaraPlatform.Web) is required"),
            Value("--label"));
    }
}
