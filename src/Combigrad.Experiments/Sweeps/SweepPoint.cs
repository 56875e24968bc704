namespace Combigrad.Experiments.Sweeps;

/// <summary>One run of a sweep: the grid values it takes and its seed, as <c>--set</c> assignments.</summary>
/// <param name="GridValues">Option key to value (JSON text), in grid order, seed excluded.</param>
/// <param name="Seed">The training seed.</param>
public sealed record SweepPoint(IReadOnlyList<KeyValuePair<string, string>> GridValues, int Seed)
{
    /// <summary>The option key that carries the seed.</summary>
    public const string SeedKey = "training.seed";

    /// <summary>The <c>--set</c> assignments of this point, seed last.</summary>
    public IEnumerable<string> Assignments => GridValues.Select(p => $"{p.Key}={p.Value}").Append($"{SeedKey}={Seed}");

    /// <summary>A short label of the grid values, e.g. "method=bb, training.noiseMagnitude=0.2".</summary>
    public string Label => GridValues.Count == 0 ? "(base)" : string.Join(", ", GridValues.Select(p => $"{p.Key}={p.Value.Trim('"')}"));
}
