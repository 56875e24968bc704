using System.Diagnostics;
using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>
/// Exact graph matching for every finite float cost vector: a branch-and-bound on exact integer images of the costs
/// (<see cref="GraphMatchingBranchAndBound{T}"/>), warm-started by the approximate solver.
/// </summary>
/// <remarks>
/// <para>Guarantee: the returned matching minimises the objective computed in exact arithmetic on the given float costs,
/// whatever their magnitudes (big-M entries, mixed signs, subnormals); nothing is rounded. The costs are turned into
/// integers by an exact power-of-two scale and summed in <c>long</c> when every sum fits in
/// <see cref="LongBits"/> bits, in <see cref="Int128"/> when it fits in <see cref="Int128Bits"/> bits (for example a
/// 1e15 big-M next to costs of 1e-3), and in <see cref="BigInteger"/> otherwise (for example subnormals next to normal
/// costs; exact, but several times slower).</para>
/// <para>Bound: the reported lower bound is the exact optimum rounded down to a double, so it never exceeds the true
/// optimum. On time-out, <see cref="SolverTimeLimitException"/> carries the best objective found and the smallest
/// bound of the open search nodes, also rounded down.</para>
/// <para>Ties: the first optimum met in a fixed search order (see <see cref="GraphMatchingBranchAndBound{T}"/>):
/// deterministic, and unchanged when all costs are multiplied by a power of two.</para>
/// <para>Cost: allocates per call; worst case exponential (the problem is NP-hard). Use
/// <see cref="GraphMatchingAlgorithm.Approximate"/> inside a training loop and this solver for evaluation and reference.</para>
/// </remarks>
internal sealed class ExactGraphMatchingSolver : GraphMatchingSolver
{
    /// <summary>The largest sum magnitude, in bits, handled in <c>long</c> arithmetic.</summary>
    internal const int LongBits = 60;

    /// <summary>The largest sum magnitude, in bits, handled in <see cref="Int128"/> arithmetic.</summary>
    internal const int Int128Bits = 124;

    private readonly ApproximateGraphMatchingSolver _warmStart;

    public ExactGraphMatchingSolver(UndirectedGraph first, UndirectedGraph second, GraphMatchingOptions options)
        : base(first, second, options, GraphMatchingAlgorithm.Exact)
    {
        _warmStart = new ApproximateGraphMatchingSolver(first, second, options);
    }

    /// <summary>The integer type the last call on this thread used (for tests): <c>long</c>, <c>Int128</c> or
    /// <c>BigInteger</c>.</summary>
    [ThreadStatic]
    internal static Type? LastArithmetic;

    private protected override (double Objective, double LowerBound) SolveCore(ReadOnlySpan<float> costs, Span<int> assignment)
    {
        var deadline = Stopwatch.GetTimestamp()
            + (long)Math.Min(Options.TimeLimit.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 2);
        _warmStart.SolveWarmStart(costs, assignment);

        // Every nonzero float is m 2^e with m odd; G is the smallest e. Costs times 2^(1-G) are even integers.
        var lowest = int.MaxValue;
        var highest = int.MinValue;
        foreach (var c in costs)
        {
            if (c == 0f) continue;
            lowest = Math.Min(lowest, ObjectiveGranularity.LowestBitExponent(c));
            highest = Math.Max(highest, Math.ILogB(c));
        }
        if (lowest == int.MaxValue) lowest = highest = 0;
        // Bits of the largest |integer cost|, of a sum of all of them, and headroom for the assignment potentials.
        var bits = highest - lowest + 2 + BitOperations.Log2((uint)costs.Length) + 1
            + BitOperations.Log2((uint)(4 * (Layout.P + 1))) + 2;
        if (bits <= LongBits) return Search<long>(costs, assignment, lowest, deadline);
        if (bits <= Int128Bits) return Search<Int128>(costs, assignment, lowest, deadline);
        return Search<BigInteger>(costs, assignment, lowest, deadline);
    }

    private (double Objective, double LowerBound) Search<T>(ReadOnlySpan<float> costs, Span<int> assignment, int lowest, long deadline)
        where T : struct, IBinaryInteger<T>, ISignedNumber<T>
    {
        LastArithmetic = typeof(T);
        var integers = new T[costs.Length];
        for (var i = 0; i < costs.Length; i++)
        {
            var c = costs[i];
            if (c == 0f) continue;
            var e = ObjectiveGranularity.LowestBitExponent(c);
            var odd = (long)Math.ScaleB((double)c, -e); // exact: an odd integer below 2^24 in magnitude
            integers[i] = T.CreateChecked(odd) << (e - lowest + 1);
        }
        var search = new GraphMatchingBranchAndBound<T>(Layout, integers, deadline);
        var finished = search.Run(assignment);
        search.BestImage.CopyTo(assignment);
        var lowerBound = RoundDown(search.LowerBound, lowest - 1);
        if (!finished)
            throw new SolverTimeLimitException(Name, Options.TimeLimit, Layout.Objective(costs, assignment), lowerBound);
        return (RoundToNearest(search.Best, lowest - 1), lowerBound);
    }

    /// <summary><paramref name="value"/> times <c>2^exponent</c> as the nearest double (the integer rounded to the
    /// nearest double first, then scaled).</summary>
    internal static double RoundToNearest<T>(T value, int exponent)
        where T : struct, IBinaryInteger<T>, ISignedNumber<T>
    {
        var d = double.CreateSaturating(value);
        var error = T.Abs(T.CreateSaturating(d) - value);
        foreach (var neighbour in (ReadOnlySpan<double>)[Math.BitDecrement(d), Math.BitIncrement(d)])
        {
            var e = T.Abs(T.CreateSaturating(neighbour) - value);
            if (e < error)
            {
                error = e;
                d = neighbour;
            }
        }
        return Math.ScaleB(d, exponent);
    }

    /// <summary><paramref name="value"/> times <c>2^exponent</c> rounded down to a double.</summary>
    internal static double RoundDown<T>(T value, int exponent)
        where T : struct, IBinaryInteger<T>, ISignedNumber<T>
    {
        var d = double.CreateSaturating(value);
        while (T.CreateSaturating(d) > value) d = Math.BitDecrement(d);
        var scaled = Math.ScaleB(d, exponent);
        // Scaling down into the subnormal range may round up; scaling back up is exact, so this detects it.
        while (Math.ScaleB(scaled, -exponent) > d) scaled = Math.BitDecrement(scaled);
        return scaled;
    }
}
