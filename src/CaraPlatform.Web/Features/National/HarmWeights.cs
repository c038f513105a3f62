using CaraPlatform.Domain.Outcomes;

namespace CaraPlatform.Web.Features.National;

/// <summary>
/// How much harm each reoffence type stands for, for the harm-weighted reoffending rate (<c>National:HarmWeights</c>):
/// a Crime Harm Index-like table of days in custody a first offence of the type would draw. A type not listed weighs
/// <see cref="DefaultWeight"/>.
/// </summary>
public sealed class HarmWeightOptions
{
    public const string Section = "National:HarmWeights";

    public decimal DefaultWeight { get; set; } = 1;

    /// <summary>Reoffence type code → weight.</summary>
    public Dictionary<string, decimal> Weights { get; set; } = [];

    public decimal WeightOf(string typeCode) => Weights.TryGetValue(typeCode, out var weight) ? weight : DefaultWeight;

    /// <summary>What is wrong with the table: a weight of a type that is no reoffence type, or a negative weight.</summary>
    public IEnumerable<string> Faults() =>
        Weights.Where(w => !ReoffenceTypes.IsKnown(w.Key)).Select(w => $"'{w.Key}' is not a reoffence type")
            .Concat(Weights.Where(w => w.Value < 0).Select(w => $"the weight of '{w.Key}' is negative"))
            .Concat(DefaultWeight < 0 ? ["the default weight is negative"] : []);
}
