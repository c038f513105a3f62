namespace CaraPlatform.Web.Tests.Platform;

/// <summary>
/// Every column is classified once in <see cref="DataClassification"/> (issue 13, part 6): a column the model maps or
/// the database holds that has no entry fails here, named as the entry to add, and so does an entry whose column is gone.
/// </summary>
public sealed class DataClassificationTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Where = "src/CaraPlatform.Infrastructure/Persistence/DataClassification.cs";

    [Fact]
    public void Every_column_of_the_model_is_classified()
    {
        using var db = fixture.Database.AppContext(null);
        // xmin is PostgreSQL's system column behind the row versions, not a column of the table.
        var columns = db.Model.GetRelationalModel().Tables
            .SelectMany(t => t.Columns.Where(c => c.Name != "xmin").Select(c => (Table: t.Schema is null ? t.Name : $"{t.Schema}.{t.Name}", Column: c.Name)));

        AssertClassified(columns);
    }

    [Fact]
    public async Task Every_column_of_the_database_is_classified_and_every_entry_is_a_column()
    {
        var columns = await CatalogColumnsAsync();

        AssertClassified(columns);
        var stale = DataClassification.Tables.SelectMany(t => t.Value.Keys.Select(c => (Table: t.Key, Column: c))).Except(columns).ToList();
        Assert.True(stale.Count == 0, string.Join("\n", stale.Select(s => $"Remove {s.Table}.{s.Column} from {Where}: the database has no such column.")));
    }

    [Fact]
    public void Victim_columns_live_only_in_the_victim_contact_tables_and_national_data_has_no_personal_column()
    {
        Assert.Equal(DataCategory.Victim, DataClassification.Of("victim_records", "protected_details"));
        Assert.Equal(DataCategory.Victim, DataClassification.Of("victim_case_entries", "protected_notes"));
        var victimTables = DataClassification.Tables.Where(t => t.Value.Values.Contains(DataCategory.Victim)).Select(t => t.Key).Order();
        Assert.Equal(["victim_case_entries", "victim_records"], victimTables);
        Assert.Contains("offence_type_code", DataClassification.NonPersonalColumns("referrals"));
        Assert.DoesNotContain("offender_postcode", DataClassification.NonPersonalColumns("referrals"));
        Assert.Throws<KeyNotFoundException>(() => DataClassification.Of("referrals", "no_such_column"));
    }

    [Fact]
    public async Task The_national_schema_holds_no_name_date_of_birth_address_free_text_or_victim_value()
    {
        var national = (await CatalogColumnsAsync()).Where(c => c.Table.StartsWith("national.", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(national);
        var personal = national.Where(c => DataClassification.Of(c.Table, c.Column) is not (DataCategory.None or DataCategory.Pseudonymous))
            .Select(c => $"{c.Table}.{c.Column} is {DataClassification.Of(c.Table, c.Column)}").ToList();
        Assert.True(personal.Count == 0, string.Join("\n", personal));
    }

    private static void AssertClassified(IEnumerable<(string Table, string Column)> columns)
    {
        var missing = columns.Where(c => !(DataClassification.Tables.TryGetValue(c.Table, out var known) && known.ContainsKey(c.Column)))
            .Select(c => $"Classify {c.Table}.{c.Column}: add \"{c.Column}\" under [\"{c.Table}\"] in {Where} (None, Personal, SpecialCategory, CriminalOffence, Victim or Pseudonymous).")
            .Distinct().ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    private async Task<List<(string Table, string Column)>> CatalogColumnsAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT CASE table_schema WHEN 'public' THEN table_name ELSE table_schema || '.' || table_name END, column_name
            FROM information_schema.columns WHERE table_schema IN ('public', 'national')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<(string, string)>();
        while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        return columns;
    }
}
