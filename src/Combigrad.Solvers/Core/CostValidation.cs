namespace Combigrad.Solvers;

/// <summary>What is wrong with a cost entry.</summary>
public enum CostDefect
{
    /// <summary>The entry is fine.</summary>
    None,
    /// <summary>The entry is NaN.</summary>
    NaN,
    /// <summary>The entry is positive or negative infinity.</summary>
    Infinite,
    /// <summary>The entry is negative where the solver needs non-negative costs.</summary>
    Negative,
}

/// <summary>Finds the first invalid cost entry; shared by solvers and layers so both report alike.</summary>
public static class CostValidation
{
    /// <summary>Returns the index and defect of the first invalid entry, or <c>(-1, None)</c> when all are valid.</summary>
    public static (int Index, CostDefect Defect) FindFirstDefect(ReadOnlySpan<float> costs, bool requireNonNegative)
    {
        for (var i = 0; i < costs.Length; i++)
        {
            var c = costs[i];
            if (float.IsNaN(c)) return (i, CostDefect.NaN);
            if (float.IsInfinity(c)) return (i, CostDefect.Infinite);
            if (requireNonNegative && c < 0f) return (i, CostDefect.Negative);
        }
        return (-1, CostDefect.None);
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming <paramref name="owner"/>, the defect and the first bad index
    /// when <paramref name="costs"/> contains NaN, an infinity, or (if required) a negative entry.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid cost entry was found.</exception>
    public static void ThrowIfInvalid(string owner, ReadOnlySpan<float> costs, bool requireNonNegative, string paramName = "costs")
    {
        var (index, defect) = FindFirstDefect(costs, requireNonNegative);
        if (defect != CostDefect.None)
            throw new ArgumentException(Describe(owner, defect, index, costs[index]), paramName);
    }

    /// <summary>The message used for an invalid entry.</summary>
    public static string Describe(string owner, CostDefect defect, int index, float value) => defect switch
    {
        CostDefect.NaN => $"{owner}: cost at index {index} is NaN.",
        CostDefect.Infinite => $"{owner}: cost at index {index} is infinite ({value}).",
        CostDefect.Negative => $"{owner}: cost at index {index} is negative ({value}) but this solver needs non-negative costs.",
        _ => $"{owner}: cost at index {index} is valid.",
    };

    /// <summary>Throws when the costs or the solution buffer do not have <paramref name="dimension"/> entries.</summary>
    /// <exception cref="ArgumentException">A length differs from the solver's dimension.</exception>
    public static void ThrowIfWrongLength(string owner, int dimension, int costsLength, int solutionLength)
    {
        if (costsLength != dimension)
            throw new ArgumentException($"{owner}: expected {dimension} costs, got {costsLength}.", "costs");
        if (solutionLength != dimension)
            throw new ArgumentException($"{owner}: expected a solution buffer of {dimension} entries, got {solutionLength}.", "solution");
    }
}
