using System.Globalization;
using System.Linq.Expressions;
using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Web.Features.National.Measures;

/// <summary>A count of referrals of one force with one value of a dimension (a month, an offence type, a sex, ...).</summary>
public sealed record ForceCount<TKey>(string Force, TKey Key, long Count);

/// <summary>
/// Referrals by force (rows) and one dimension (columns), with a total row and column: the shape of the referral tables.
/// A subclass says how to group and how to name a value; values it knows are columns even when nobody has them.
/// </summary>
public abstract class ReferralBreakdown<TKey>(NationalReadModel model) : INationalMeasure
{
    public abstract string Id { get; }

    public abstract string Title { get; }

    public string Section => "Referrals";

    public abstract int Order { get; }

    /// <summary>The referrals counted by force and value, grouped in the database.</summary>
    protected abstract IQueryable<ForceCount<TKey>> CountBy(IQueryable<NationalReferral> referrals);

    protected abstract (string Key, string Header) Column(TKey value);

    /// <summary>Values shown as columns, in this order, before any others found.</summary>
    protected virtual IEnumerable<TKey> Known(NationalFilter filter) => [];

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var counts = await CountBy(model.Referrals(filter)).ToListAsync(cancellationToken);
        var values = Known(filter).Concat(counts.Select(c => c.Key).Order()).Distinct().ToList();
        var forces = counts.Select(c => c.Force).Distinct().Order(StringComparer.Ordinal).ToList();
        // One look-up per cell: searching the counts for each cell took 1.6 s for 52 forces by 36 months.
        var cells = counts.GroupBy(c => (c.Force, c.Key)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var rows = forces.Select(force => (force, force, (IReadOnlyList<long>)
            [.. values.Select(value => cells.GetValueOrDefault((force, value)))])).ToList();
        var columns = values.Select(Column).Select(c => new NationalColumn(c.Key, c.Header)).ToList();
        return NationalTable.Crosstab(Id, Title, "Force", columns, rows, new NationalChart(ChartKind.StackedBar));
    }

    /// <summary>The grouping every subclass needs: by force and the value <paramref name="by"/> picks.</summary>
    protected static IQueryable<ForceCount<TKey>> CountBy(IQueryable<NationalReferral> referrals, Expression<Func<NationalReferral, TKey>> by)
    {
        ArgumentNullException.ThrowIfNull(by);
        var referral = by.Parameters[0];
        var key = Expression.Lambda<Func<NationalReferral, ForceKey>>(
            Expression.MemberInit(Expression.New(typeof(ForceKey)),
                Expression.Bind(typeof(ForceKey).GetProperty(nameof(ForceKey.Force))!, Expression.Property(referral, nameof(NationalReferral.ForceCode))),
                Expression.Bind(typeof(ForceKey).GetProperty(nameof(ForceKey.Value))!, by.Body)),
            referral);
        return referrals.GroupBy(key).Select(g => new ForceCount<TKey>(g.Key.Force, g.Key.Value, g.LongCount()));
    }

    /// <summary>A group key EF Core can translate (a member-initialised class), built from the subclass's selector.</summary>
    private sealed class ForceKey
    {
        public string Force { get; init; } = "";

        public TKey Value { get; init; } = default!;
    }
}

public sealed class ReferralsByMonth(NationalReadModel model) : ReferralBreakdown<DateOnly>(model)
{
    /// <summary>Months of a bounded period are all shown; an open period shows the months that have referrals.</summary>
    private const int MaxKnownMonths = 36;

    public override string Id => "referrals-by-month";

    public override string Title => "Referrals by force and month";

    public override int Order => 100;

    protected override IQueryable<ForceCount<DateOnly>> CountBy(IQueryable<NationalReferral> referrals) => CountBy(referrals, r => r.Month);

    protected override (string Key, string Header) Column(DateOnly value) =>
        (value.ToString("yyyy-MM", CultureInfo.InvariantCulture), value.ToString("MMM yyyy", CultureInfo.InvariantCulture));

    protected override IEnumerable<DateOnly> Known(NationalFilter filter)
    {
        if (filter is not { From: { } from, To: { } to }) yield break;
        var month = NationalReadModel.MonthOf(from);
        for (var i = 0; i < MaxKnownMonths && month <= to; i++, month = month.AddMonths(1)) yield return month;
    }
}

public sealed class ReferralsByOffenceType(NationalReadModel model) : ReferralBreakdown<string>(model)
{
    public override string Id => "referrals-by-offence-type";

    public override string Title => "Referrals by force and offence type";

    public override int Order => 110;

    protected override IQueryable<ForceCount<string>> CountBy(IQueryable<NationalReferral> referrals) => CountBy(referrals, r => r.OffenceTypeCode);

    protected override (string Key, string Header) Column(string value) =>
        (value, NationalOffenceTypes.All.FirstOrDefault(t => t.Code == value)?.Name ?? value);

    protected override IEnumerable<string> Known(NationalFilter filter) => NationalOffenceTypes.All.Select(t => t.Code);
}

public sealed class ReferralsByDashLevel(NationalReadModel model) : ReferralBreakdown<DashRisk?>(model)
{
    public override string Id => "referrals-by-dash-level";

    public override string Title => "Referrals by force and DASH risk level";

    public override int Order => 120;

    protected override IQueryable<ForceCount<DashRisk?>> CountBy(IQueryable<NationalReferral> referrals) => CountBy(referrals, r => r.DashLevel);

    protected override (string Key, string Header) Column(DashRisk? value) =>
        value is { } level ? (level.ToString(), level.ToString()) : ("not-recorded", "Not recorded");

    protected override IEnumerable<DashRisk?> Known(NationalFilter filter) => Enum.GetValues<DashRisk>().Cast<DashRisk?>();
}

public sealed class ReferralsByRelationship(NationalReadModel model) : ReferralBreakdown<bool>(model)
{
    public override string Id => "referrals-by-relationship";

    public override string Title => "Referrals by force and relationship (IPV or family)";

    public override int Order => 130;

    protected override IQueryable<ForceCount<bool>> CountBy(IQueryable<NationalReferral> referrals) => CountBy(referrals, r => r.Ipv);

    protected override (string Key, string Header) Column(bool value) => value ? ("ipv", "Intimate partner (IPV)") : ("non-ipv", "Family (non-IPV)");

    protected override IEnumerable<bool> Known(NationalFilter filter) => [true, false];
}

public sealed class ReferralsBySex(NationalReadModel model) : ReferralBreakdown<Sex>(model)
{
    public override string Id => "referrals-by-sex";

    public override string Title => "Referrals by force and sex";

    public override int Order => 140;

    protected override IQueryable<ForceCount<Sex>> CountBy(IQueryable<NationalReferral> referrals) => CountBy(referrals, r => r.Sex);

    protected override (string Key, string Header) Column(Sex value) => (value.ToString(), value.ToString());

    protected override IEnumerable<Sex> Known(NationalFilter filter) => Enum.GetValues<Sex>();
}

public sealed class ReferralsByAgeBand(NationalReadModel model) : ReferralBreakdown<string>(model)
{
    public override string Id => "referrals-by-age-band";

    public override string Title => "Referrals by force and age band";

    public override int Order => 150;

    // Bands ("18-24" ... "55+") sort in age order as text.
    protected override IQueryable<ForceCount<string>> CountBy(IQueryable<NationalReferral> referrals) => CountBy(referrals, r => r.AgeBand);

    protected override (string Key, string Header) Column(string value) => (value, value);
}

public sealed class ReferralsByEthnicity(NationalReadModel model) : ReferralBreakdown<string?>(model)
{
    public override string Id => "referrals-by-ethnicity";

    public override string Title => "Referrals by force and self-defined ethnicity";

    public override int Order => 160;

    protected override IQueryable<ForceCount<string?>> CountBy(IQueryable<NationalReferral> referrals) => CountBy(referrals, r => r.Ethnicity);

    protected override (string Key, string Header) Column(string? value) => value is null ? ("not-recorded", "Not recorded") : (value, value);
}

public sealed class ReferralsByLanguage(NationalReadModel model) : ReferralBreakdown<string>(model)
{
    public override string Id => "referrals-by-language";

    public override string Title => "Referrals by force and language";

    public override int Order => 170;

    protected override IQueryable<ForceCount<string>> CountBy(IQueryable<NationalReferral> referrals) => CountBy(referrals, r => r.Language);

    protected override (string Key, string Header) Column(string value) => (value, value);
}
