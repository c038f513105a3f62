namespace CaraPlatform.Web.Tests.Tenants;

public sealed class TenantDefinitionLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cara-tenants-").FullName;

    public TenantDefinitionLoaderTests() =>
        File.Copy(Path.Combine(RepoPaths.Tenants, TenantDefinitionLoader.SchemaFileName), Path.Combine(_dir, TenantDefinitionLoader.SchemaFileName));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_nine_delivery_areas_load()
    {
        var definitions = await TenantDefinitionLoader.LoadAsync(RepoPaths.Tenants);
        Assert.Equal(
            ["avon-and-somerset", "cambridgeshire", "dorset", "hampshire", "leicestershire", "norfolk", "thames-valley", "west-midlands", "west-yorkshire"],
            definitions.Select(d => d.Slug));
        Assert.Equal(Domain.Tenants.DeliveryModel.Partner, definitions.Single(d => d.Slug == "west-yorkshire").DeliveryModel);
        Assert.All(definitions.Where(d => d.Slug != "west-yorkshire"), d => Assert.Equal(Domain.Tenants.DeliveryModel.LicenceHolder, d.DeliveryModel));
    }

    [Fact]
    public async Task A_missing_field_is_reported_with_file_path_and_rule()
    {
        WriteHampshire(json => json.AsObject().Remove("name"));
        var error = Assert.Single(await ErrorsAsync());
        Assert.Equal(new TenantDefinitionError("hampshire.json", "$.name", "is required"), error);
    }

    [Theory]
    [InlineData("https://hooks.example.org/cara", true)]
    [InlineData("http://127.0.0.1:8080/hook", true)]
    [InlineData("http://localhost:8080/hook", true)]
    [InlineData("http://hooks.example.org/cara", false)]
    [InlineData("http://localhost.example.org/cara", false)]
    public async Task A_webhook_is_https_or_plain_http_to_this_machine_as_the_dispatcher_accepts(string url, bool accepted)
    {
        WriteHampshire(json => json["notifications"]!["webhook"] = new JsonObject { ["url"] = url, ["enabled"] = true, ["secretName"] = "hampshire-webhook" });
        Assert.Equal(accepted, Domain.Tenants.WebhookSettings.IsAllowedReceiver(new Uri(url)));
        if (accepted)
        {
            Assert.Equal(url, (await TenantDefinitionLoader.LoadAsync(_dir)).Single().Notifications.Webhook!.Url.ToString());
            return;
        }

        Assert.All(await ErrorsAsync(), e => Assert.Equal("$.notifications.webhook.url", e.Path));
    }

    [Fact]
    public async Task A_wrong_type_is_reported_with_file_path_and_rule()
    {
        WriteHampshire(json => json["workshopDefaults"]!["capacity"] = "12");
        var error = Assert.Single(await ErrorsAsync());
        Assert.Equal(new TenantDefinitionError("hampshire.json", "$.workshopDefaults.capacity", "must be an integer"), error);
    }

    [Fact]
    public async Task A_wrong_type_inside_a_list_names_the_item_and_field()
    {
        WriteHampshire(json => json["venues"]![0]!["capacity"] = "12");
        var error = Assert.Single(await ErrorsAsync());
        Assert.Equal("hampshire.json", error.File);
        Assert.Equal("$.venues[0].capacity", error.Path);
        Assert.Equal("must be an integer", error.Rule);
    }

    [Fact]
    public async Task An_unknown_cohort_is_reported_with_the_allowed_values()
    {
        WriteHampshire(json => json["cohorts"]!.AsArray().Add("IpvNonBinary"));
        var error = Assert.Single(await ErrorsAsync());
        Assert.Equal("$.cohorts[3]", error.Path);
        Assert.Contains("IpvMale, IpvFemale, NonIpvMale", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_slug_is_reported_naming_both_files()
    {
        WriteHampshire(_ => { });
        WriteHampshire(_ => { }, fileName: "hampshire-copy.json");
        var errors = await ErrorsAsync();
        Assert.Contains(new TenantDefinitionError("hampshire.json", "$.slug", "duplicate slug 'hampshire': also defined in hampshire-copy.json"), errors);
    }

    [Fact]
    public async Task A_cross_field_rule_is_reported()
    {
        WriteHampshire(json => json["workshopDefaults"]!["minDaysApart"] = 35);
        WriteHampshire(json => json["workshopDefaults"]!["maxDaysApart"] = 30, fileName: "hampshire.json");
        var error = Assert.Single(await ErrorsAsync());
        Assert.Equal("$.workshopDefaults.minDaysApart", error.Path);
    }

    [Fact]
    public async Task A_retention_schedule_that_erases_before_it_reviews_is_reported_and_a_missing_one_is_the_default()
    {
        WriteHampshire(json => json["retention"]!["reviewClosedCasesAfterMonths"] = 80);
        var error = Assert.Single(await ErrorsAsync());
        Assert.Equal("$.retention.eraseClosedCasesAfterMonths", error.Path);

        WriteHampshire(json => json.AsObject().Remove("retention"));
        var hampshire = Assert.Single(await TenantDefinitionLoader.LoadAsync(_dir));
        Assert.Equal(Domain.Retention.RetentionSchedule.Default, hampshire.Retention);
    }

    [Fact]
    public async Task Malformed_json_is_reported_not_thrown_raw()
    {
        File.WriteAllText(Path.Combine(_dir, "broken.json"), "{ \"slug\": \"broken\", ");
        var error = Assert.Single(await ErrorsAsync());
        Assert.Equal("broken.json", error.File);
        Assert.Contains("not valid JSON", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_broken_file_is_reported_at_once()
    {
        WriteHampshire(json => json.AsObject().Remove("name"));
        WriteHampshire(json => json["cohorts"]!.AsArray().Add("Everyone"), fileName: "dorset.json", slug: "dorset");
        var errors = await ErrorsAsync();
        Assert.Equal(["dorset.json", "hampshire.json"], errors.Select(e => e.File).Distinct().Order());
    }

    private void WriteHampshire(Action<JsonNode> change, string fileName = "hampshire.json", string slug = "hampshire")
    {
        var source = Path.Combine(_dir, fileName);
        var json = JsonNode.Parse(File.Exists(source) ? File.ReadAllText(source) : File.ReadAllText(Path.Combine(RepoPaths.Tenants, "hampshire.json")))!;
        json["slug"] = slug;
        change(json);
        File.WriteAllText(source, json.ToJsonString());
    }

    private async Task<IReadOnlyList<TenantDefinitionError>> ErrorsAsync()
    {
        var exception = await Assert.ThrowsAsync<TenantDefinitionException>(() => TenantDefinitionLoader.LoadAsync(_dir));
        foreach (var error in exception.Errors) Assert.Contains(error.ToString(), exception.Message, StringComparison.Ordinal);
        return exception.Errors;
    }
}

public sealed class TenantDefinitionApplyTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task Applying_the_nine_files_again_leaves_the_database_unchanged()
    {
        var db = fixture.Database;
        var before = await SnapshotAsync(db);
        var result = await db.Services.GetRequiredService<TenantDefinitionApplier>().ApplyAsync(await TenantDefinitionLoader.LoadAsync(RepoPaths.Tenants));
        var after = await SnapshotAsync(db);

        Assert.Equal(new TenantApplyResult(0, 0, 9, 0), result);
        Assert.Equal(before, after);
    }

    /// <summary>Every tenant and venue row with its xmin: any write, even of equal values, changes xmin.</summary>
    private static async Task<List<string>> SnapshotAsync(PostgresFixture db)
    {
        var rows = new List<string>();
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        await connection.OpenAsync();
        rows.AddRange(await Rows(connection, "SELECT id::text || xmin::text || updated_at::text FROM tenants ORDER BY id"));
        foreach (var tenant in db.Definitions)
        {
            var info = await db.TenantAsync(tenant.Slug);
            await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{info.Id}', false)", connection))
                await set.ExecuteNonQueryAsync();
            rows.AddRange(await Rows(connection, "SELECT id::text || xmin::text || updated_at::text FROM venues ORDER BY id"));
        }

        Assert.True(rows.Count > 9 + 9, "the snapshot holds tenants and their venues");
        return rows;
    }

    private static async Task<List<string>> Rows(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
