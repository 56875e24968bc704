namespace Combigrad.Tests;

/// <summary>Tolerances of Monte-Carlo checks, derived from the sample count, and small reference functions.</summary>
internal static class MonteCarlo
{
    /// <summary>How many standard errors a Monte-Carlo estimate may deviate (two-sided p about 6e-7 under normality).</summary>
    public const double StandardErrors = 5;

    /// <summary>Tolerance of a sample mean of <paramref name="count"/> draws whose standard deviation is at most <paramref name="standardDeviation"/>.</summary>
    public static double MeanTolerance(double standardDeviation, long count) => StandardErrors * standardDeviation / Math.Sqrt(count);

    /// <summary>
    /// Tolerance of a sample variance: its standard error is sqrt((kappa4 + 2 sigma^4) / N), kappa4 the fourth cumulant,
    /// plus the second-order effect of estimating the mean, at most (5 sigma / sqrt N)^2.
    /// </summary>
    public static double VarianceTolerance(double variance, double fourthCumulant, long count) =>
        StandardErrors * Math.Sqrt((fourthCumulant + 2 * variance * variance) / count) + StandardErrors * StandardErrors * variance / count;

    public static (double Mean, double Variance) Moments(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, variance);
    }

    /// <summary>Standard normal CDF (Abramowitz and Stegun 7.1.26 for erf; absolute error below 1e-6).</summary>
    public static double NormalCdf(double x)
    {
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * z);
        var erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    public static double NormalPdf(double x) => Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);

    public static double[] Softmax(double[] logits)
    {
        var max = logits.Max();
        var e = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }
}
