namespace Combigrad.Experiments.Reports;

/// <summary>A per-epoch curve averaged over the seeds of one grid point.</summary>
/// <param name="Label">The grid point's label.</param>
/// <param name="Epochs">Epoch numbers.</param>
/// <param name="Values">Mean value at each epoch.</param>
/// <param name="BestEpoch">The mean early-stopping epoch over seeds, rounded (a marker in the figure).</param>
public sealed record Curve(string Label, double[] Epochs, double[] Values, int? BestEpoch);
