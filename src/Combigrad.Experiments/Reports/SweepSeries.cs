namespace Combigrad.Experiments.Reports;

/// <summary>The headline metric against a swept hyperparameter for one combination of the other grid keys.</summary>
/// <param name="Label">The other grid keys' values.</param>
/// <param name="X">Values of the swept key.</param>
/// <param name="Mean">Mean over seeds at each value.</param>
/// <param name="Std">Standard deviation over seeds at each value.</param>
public sealed record SweepSeries(string Label, double[] X, double[] Mean, double[] Std);
