namespace Combigrad.Testing;

/// <summary>Brute-force enumeration of the integer points of tiny integer programs, independent of the solvers.</summary>
public static class MilpReferences
{
    /// <summary>The largest number of integer points <see cref="EnumerateIntegerPoints"/> will visit.</summary>
    public const long MaxPoints = 100_000;

    /// <summary>
    /// Every integer point <c>y</c> with <c>lower &lt;= y &lt;= upper</c> (finite integer bounds) satisfying every row
    /// <c>&lt;a, y&gt; &lt;= b</c> of <paramref name="lessOrEqualRows"/> and <c>&lt;a, y&gt; = b</c> of
    /// <paramref name="equalityRows"/>, in lexicographic order.
    /// </summary>
    public static IReadOnlyList<float[]> EnumerateIntegerPoints(
        int[] lower, int[] upper,
        IReadOnlyList<(double[] Coefficients, double Bound)> lessOrEqualRows,
        IReadOnlyList<(double[] Coefficients, double Value)> equalityRows)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(lessOrEqualRows);
        ArgumentNullException.ThrowIfNull(equalityRows);
        var n = lower.Length;
        var count = 1L;
        for (var i = 0; i < n; i++) count *= upper[i] - lower[i] + 1;
        if (count > MaxPoints) throw new ArgumentOutOfRangeException(nameof(upper), $"{count} points exceed {MaxPoints}.");
        const double Tolerance = 1e-9;
        var result = new List<float[]>();
        var y = (int[])lower.Clone();
        while (true)
        {
            var feasible = lessOrEqualRows.All(r => Dot(r.Coefficients, y) <= r.Bound + Tolerance)
                           && equalityRows.All(r => Math.Abs(Dot(r.Coefficients, y) - r.Value) <= Tolerance);
            if (feasible) result.Add(Array.ConvertAll(y, v => (float)v));
            var i = n - 1;
            while (i >= 0 && y[i] == upper[i])
            {
                y[i] = lower[i];
                i--;
            }
            if (i < 0) break;
            y[i]++;
        }
        return result;
    }

    private static double Dot(double[] a, int[] y)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * y[i];
        return sum;
    }
}
