namespace Combigrad.Experiments.Training;

/// <summary>The names of the metrics the trainer records (keys in the results database and reports).</summary>
public static class MetricNames
{
    /// <summary>Mean loss.</summary>
    public const string Loss = "loss";
    /// <summary>Share of examples whose predicted solution equals the target exactly.</summary>
    public const string ExactMatch = "exact_match";
    /// <summary>Share of solution entries that equal the target's (per-entry accuracy, e.g. tour edges).</summary>
    public const string EntryAccuracy = "entry_accuracy";
    /// <summary>sum &lt;c, y(w)&gt; - &lt;c, y*&gt; over sum &lt;c, y*&gt; under the true costs.</summary>
    public const string NormalizedRegret = "normalized_regret";
    /// <summary>Mean over examples of &lt;c, y(w)&gt; / &lt;c, y*&gt; (paper Table 6).</summary>
    public const string CostRatio = "cost_ratio";
    /// <summary>Mean L2 norm of the predicted cost vectors (Fig. 4c).</summary>
    public const string CostNorm = "cost_norm";

    /// <summary>Graph matching: share of source keypoints matched to their true partner (Rolínek et al. 2020b).</summary>
    public const string MatchingAccuracy = "matching_accuracy";

    /// <summary>Retrieval: share of queries with an item of their class among the K nearest others (paper eq. 20), named
    /// <c>recall@K</c>; see <see cref="RecallAt"/>.</summary>
    public const string RecallPrefix = "recall@";

    /// <summary>The name of recall at <paramref name="k"/>, for example <c>recall@1</c>.</summary>
    public static string RecallAt(int k) => RecallPrefix + k.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether larger values of <paramref name="metric"/> are better.</summary>
    public static bool HigherIsBetter(string metric) =>
        metric is ExactMatch or EntryAccuracy or MatchingAccuracy || metric.StartsWith(RecallPrefix, StringComparison.Ordinal);
}
