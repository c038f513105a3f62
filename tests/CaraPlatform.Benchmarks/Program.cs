using CaraPlatform.Benchmarks;

// ./build.sh bench starts a PostgreSQL cluster and the host, then runs this with their addresses.
var options = BenchOptions.Parse(args);
Console.WriteLine($"CARA benchmarks: {(options.Quick ? "quick" : "full")} run against {options.BaseUrl}");

var results = new List<ScenarioResult>();
if (options.Only is null or "tenant" or "reads")
{
    await using var baseline = await Baseline.StartAsync(options.AppConnectionString, options.SuperuserConnectionString, BenchOptions.BaselinePort);
    results.AddRange(await TenantApi.RunAsync(options, baseline));
}

if (options.Only is null or "national") results.AddRange(await NationalDashboard.RunAsync(options));
if (options.Only is null or "materials") results.AddRange(await MaterialUpload.RunAsync(options));

var file = ResultsFile.Write(options, results);
Console.WriteLine();
Console.WriteLine(ResultsFile.Markdown(results));
Console.WriteLine($"Results written to {file}");
return results.Any(r => r.Errors > 0) ? 1 : 0;
