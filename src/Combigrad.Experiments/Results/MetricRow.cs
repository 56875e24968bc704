namespace Combigrad.Experiments.Results;

/// <summary>One stored metric value.</summary>
/// <param name="Epoch">Epoch (0 = untrained model).</param>
/// <param name="Split">train, validation or test.</param>
/// <param name="Name">Metric name.</param>
/// <param name="Value">Value (NaN when not stored).</param>
public sealed record MetricRow(int Epoch, string Split, string Name, double Value);
