namespace Combigrad.Experiments.Reports;

/// <summary>One row of a report table: a grid point, our mean and standard deviation over seeds, and the paper's value.</summary>
/// <param name="Label">The grid values, e.g. "method=bb, training.noiseMagnitude=0.2".</param>
/// <param name="GridValues">The grid values by key (text, quotes removed).</param>
/// <param name="Values">The headline test metric of each completed seed (already scaled).</param>
/// <param name="SeedsPlanned">Seeds in the plan.</param>
/// <param name="Paper">The paper's printed value, or null.</param>
public sealed record ReportRow(string Label, IReadOnlyDictionary<string, string> GridValues, IReadOnlyList<double> Values, int SeedsPlanned, string? Paper)
{
    /// <summary>Mean over completed seeds (NaN when none).</summary>
    public double Mean => Values.Count == 0 ? double.NaN : Values.Average();

    /// <summary>Sample standard deviation over completed seeds (0 for one seed, NaN for none).</summary>
    public double Std => Values.Count switch
    {
        0 => double.NaN,
        1 => 0,
        _ => Math.Sqrt(Values.Sum(v => (v - Mean) * (v - Mean)) / (Values.Count - 1)),
    };
}
