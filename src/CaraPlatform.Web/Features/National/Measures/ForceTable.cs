using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National.Measures;

/// <summary>The sums of a per-force table whose last row is the total of the force rows above it.</summary>
public static class ForceTable
{
    /// <summary>
    /// Within each row, each listed (total column = part columns) relation; down each listed count column, the last
    /// row is the sum of the rows above.
    /// </summary>
    public static List<NationalSum> Sums(int rowCount, IReadOnlyList<(int Total, int[] Parts)> acrossColumns, IReadOnlyList<int> countColumns)
    {
        ArgumentNullException.ThrowIfNull(acrossColumns);
        ArgumentNullException.ThrowIfNull(countColumns);
        var sums = new List<NationalSum>();
        for (var r = 0; r < rowCount; r++)
            sums.AddRange(acrossColumns.Select(a => new NationalSum(new CellRef(r, a.Total), [.. a.Parts.Select(c => new CellRef(r, c))])));
        foreach (var c in countColumns)
            sums.Add(new NationalSum(new CellRef(rowCount - 1, c), [.. Enumerable.Range(0, rowCount - 1).Select(r => new CellRef(r, c))]));
        return sums;
    }
}
