namespace CaraPlatform.Domain.National;

/// <summary>
/// Statistical disclosure control for every national output: no figure rests on fewer than
/// <see cref="NationalCell.Threshold"/> people, and no hidden count can be worked out from what is shown.
/// </summary>
public static class Suppression
{
    /// <summary>The table with every disclosive cell suppressed (primary), and whatever would give one away (secondary).</summary>
    public static NationalTable Apply(NationalTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        // Primary suppression only, for now: counts under the threshold and statistics resting on too few people.
        var rows = table.Rows.Select(r => r with
        {
            Cells = [.. r.Cells.Select(c => Disclosive(c) ? c.Suppress() : c)],
        }).ToList();
        return table with { Rows = rows };
    }

    private static bool Disclosive(NationalCell cell) => cell.Kind switch
    {
        CellKind.Count => cell.Value < NationalCell.Threshold,
        CellKind.Percent => cell.Numerator < NationalCell.Threshold || cell.Basis - cell.Numerator < NationalCell.Threshold,
        _ => cell.Basis < NationalCell.Threshold,
    };
}
