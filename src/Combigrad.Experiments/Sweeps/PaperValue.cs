namespace Combigrad.Experiments.Sweeps;

/// <summary>One number from the paper: the options it belongs to (key -&gt; value as text) and the printed value.</summary>
public sealed class PaperValue
{
    /// <summary>Option values that identify the row, e.g. { "method": "bb", "training.noiseMagnitude": "0.2" }.</summary>
    public Dictionary<string, string> Match { get; init; } = [];

    /// <summary>The value as the paper prints it, e.g. "99.67 ± 0.10".</summary>
    public string Value { get; init; } = "";
}
