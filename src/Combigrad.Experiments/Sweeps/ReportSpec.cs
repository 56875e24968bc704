namespace Combigrad.Experiments.Sweeps;

/// <summary>What a preset's report shows.</summary>
public sealed class ReportSpec
{
    /// <summary>The test metric in the table (default: the experiment's headline metric).</summary>
    public string? Metric { get; init; }

    /// <summary>Factor applied to the metric in the table (100 for percentages, as the paper prints them).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>The column header, e.g. "test regret (%)".</summary>
    public string? Label { get; init; }

    /// <summary>The paper's numbers: rows matched by option values, with the text the paper prints.</summary>
    public List<PaperValue> Paper { get; init; } = [];

    /// <summary>A numeric sweep key to put on the x-axis of a summary figure (Fig. 3: a hyperparameter; Fig. 4: a noise
    /// level): the metric's mean ± std over seeds against that key, one line per combination of the other grid keys.</summary>
    public string? SweepAxis { get; init; }

    /// <summary>A note printed under the table (e.g. a dataset substitution).</summary>
    public string? Note { get; init; }
}
