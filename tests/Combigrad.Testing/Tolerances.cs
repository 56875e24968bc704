namespace Combigrad.Testing;

/// <summary>Named tolerances shared by the tests.</summary>
public static class Tolerances
{
    /// <summary>
    /// Relative tolerance when comparing two objective values <c>&lt;w, y&gt;</c> of the same instance computed by
    /// summing the same float costs in different orders (in double). Far below float resolution.
    /// </summary>
    public const double RelativeObjective = 1e-9;

    /// <summary>Absolute floor for <see cref="RelativeObjective"/>, for objectives near zero.</summary>
    public const double AbsoluteObjective = 1e-9;

    /// <summary>Whether two objective values agree within the named tolerances.</summary>
    public static bool ObjectivesAgree(double expected, double actual) =>
        Math.Abs(expected - actual) <= AbsoluteObjective + RelativeObjective * Math.Max(Math.Abs(expected), Math.Abs(actual));

    /// <summary>Float ulps allowed per cost entry when a solution of rounded transformed costs (<c>c w</c> or
    /// <c>w - mean</c>, each entry rounded to float) is evaluated on the original costs: a near-tie may turn either way.</summary>
    public const double FloatUlpsPerEntry = 4 * 6e-8;

    /// <summary>Whether the optimum found for rounded transformed costs is optimal for <paramref name="costs"/> up to
    /// <see cref="FloatUlpsPerEntry"/> of the largest |cost| per entry.</summary>
    public static bool ObjectivesAgreeAfterFloatRounding(double expected, double actual, IReadOnlyCollection<float> costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        var largest = costs.Max(c => Math.Abs((double)c));
        return Math.Abs(expected - actual) <= AbsoluteObjective + FloatUlpsPerEntry * costs.Count * largest;
    }
}
