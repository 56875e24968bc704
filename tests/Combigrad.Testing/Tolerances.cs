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
}
