namespace Combigrad.Solvers;

/// <summary>
/// Exact integer loads for a <see cref="KnapsackSolver"/> whose weights double cannot sum exactly: per constraint, the
/// capacity and the weights that fit as integers of <see cref="Int128"/> in units of their finest bit <c>2^e</c> (a power
/// of two, so the conversion is exact). Weights above the capacity, which are never taken, get a value above every
/// capacity.
/// </summary>
internal sealed class KnapsackLoadUnits
{
    /// <summary>The most bits a capacity may have in these units (<c>2^120</c>); loads then never overflow.</summary>
    public const int MaxBits = 120;

    private KnapsackLoadUnits(Int128[] weights, Int128[] capacities, int[] exponents)
    {
        Weights = weights;
        Capacities = capacities;
        Exponents = exponents;
    }

    /// <summary>Constraint-major weights in units (<c>m x n</c>).</summary>
    public Int128[] Weights { get; }

    /// <summary>The capacities in units.</summary>
    public Int128[] Capacities { get; }

    /// <summary>The exponent <c>e</c> of each constraint's unit <c>2^e</c>.</summary>
    public int[] Exponents { get; }

    /// <summary>The integer loads for <paramref name="weights"/> and <paramref name="capacities"/>, given each
    /// constraint's unit exponent (<paramref name="exponents"/>), all capacities within <see cref="MaxBits"/> bits.</summary>
    public static KnapsackLoadUnits Create(float[,] weights, ReadOnlySpan<float> capacities, int[] exponents)
    {
        var m = weights.GetLength(0);
        var n = weights.GetLength(1);
        var units = new Int128[m * n];
        var capacityUnits = new Int128[m];
        for (var c = 0; c < m; c++)
        {
            capacityUnits[c] = ToUnits(capacities[c], exponents[c]);
            for (var i = 0; i < n; i++)
            {
                var w = weights[c, i];
                units[c * n + i] = w <= capacities[c] ? ToUnits(w, exponents[c]) : capacityUnits[c] + Int128.One;
            }
        }
        return new KnapsackLoadUnits(units, capacityUnits, exponents);
    }

    /// <summary><paramref name="value"/> (a multiple of <c>2^exponent</c>) as an integer number of those units.</summary>
    private static Int128 ToUnits(float value, int exponent)
    {
        if (value == 0f) return Int128.Zero;
        var lowest = ObjectiveGranularity.LowestBitExponent(value);
        return (Int128)(long)Math.ScaleB((double)value, -lowest) << (lowest - exponent);
    }
}
