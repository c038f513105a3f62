using System.Text;

namespace CaraPlatform.Web.Platform;

/// <summary>One record of a CSV file: the line it starts on (the header is line 1) and its fields.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields)
{
    /// <summary>The field at <paramref name="index"/>, trimmed; empty when the record is short.</summary>
    public string Field(int index) => index < Fields.Count ? Fields[index].Trim() : "";

    public bool IsBlank => Fields.All(f => f.Trim().Length == 0);
}

/// <summary>The one reader of uploaded CSV files (imports of training records, the police's outcomes).</summary>
public static class CsvRecords
{
    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; each record keeps the line it starts on.</summary>
    public static IEnumerable<CsvRecord> Read(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var start = 1;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                yield return new CsvRecord(start, [.. fields]);
                fields.Clear();
                field.Clear();
                start = ++line;
            }
            else field.Append(c);
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString().TrimEnd('\r'));
            yield return new CsvRecord(start, fields);
        }
    }
}
