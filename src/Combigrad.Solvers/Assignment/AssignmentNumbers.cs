using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>The number type an assignment is solved in; each is exact on the costs it is chosen for.</summary>
internal enum AssignmentNumberType
{
    /// <summary>The float costs widened to double, unscaled (the fast path).</summary>
    Double,
    /// <summary>The costs divided by their common power of two <c>2^g</c>, as 64-bit integers.</summary>
    Int64,
    /// <summary>As <see cref="Int64"/>, in 128-bit integers.</summary>
    Int128,
    /// <summary>As <see cref="Int64"/>, in arbitrary-precision integers (any finite float input fits).</summary>
    BigInteger,
}

/// <summary>
/// Chooses the narrowest exact number type for an assignment and converts float costs into it.
/// </summary>
/// <remarks>
/// <para>Every finite float is an integer multiple of a power of two, so all costs are integer multiples of
/// <c>2^g</c>, <c>g</c> the smallest exponent of a lowest set bit among them
/// (<see cref="ObjectiveGranularity.LowestBitExponent"/>). The algorithm only adds, subtracts and compares; all its
/// intermediate quantities are integer multiples of <c>2^g</c> bounded in magnitude by a small multiple of the largest
/// |cost| <c>A &lt; 2^E</c> (the bound is proven in <see cref="JonkerVolgenantAssignment{T}"/>): below
/// <c>2^(E + headroom)</c>. Double arithmetic on such values is exact when <c>E + headroom - g &lt;= 53</c>; otherwise
/// the costs are divided by <c>2^g</c> (exact) and the same algorithm runs on 64-bit, 128-bit or arbitrary-precision
/// integers, whichever first holds <c>E + headroom - g</c> bits. Every choice therefore takes the same decisions,
/// and the assignment does not depend on the number type.</para>
/// <para>The test is invariant under scaling all costs by a power of two (both <c>E</c> and <c>g</c> shift).</para>
/// </remarks>
internal static class AssignmentNumbers
{
    private const int DoubleSignificandBits = 53;
    private const int Int64MagnitudeBits = 63;
    private const int Int128MagnitudeBits = 127;

    /// <summary>The largest power of two a float holds (the vectorised test scales by <c>2^-grid</c> in float).</summary>
    private const int LargestFloatExponent = 127;

    /// <summary>
    /// The narrowest exact number type for <paramref name="costs"/> (finite) when every intermediate value stays below
    /// <c>2^headroomBits</c> times the largest |cost|, and the exponent <c>g</c> to divide by for an integer type
    /// (0 for <see cref="AssignmentNumberType.Double"/>).
    /// </summary>
    public static AssignmentNumberType Choose(ReadOnlySpan<float> costs, int headroomBits, out int gridExponent)
    {
        gridExponent = 0;
        var largest = LargestMagnitude(costs);
        if (largest == 0f) return AssignmentNumberType.Double;

        // E with A < 2^E; the finest grid double arithmetic can carry through the algorithm is 2^(E + headroom - 53).
        var magnitudeExponent = Math.ILogB(largest) + 1;
        var finestDoubleGrid = magnitudeExponent + headroomBits - DoubleSignificandBits;
        if (finestDoubleGrid is <= 0 and >= -LargestFloatExponent && AllMultiplesOfPowerOfTwo(costs, finestDoubleGrid))
            return AssignmentNumberType.Double;

        var grid = GridExponent(costs);
        if (grid >= finestDoubleGrid) return AssignmentNumberType.Double;
        gridExponent = grid;
        var bits = magnitudeExponent + headroomBits - grid;
        return bits <= Int64MagnitudeBits ? AssignmentNumberType.Int64
            : bits <= Int128MagnitudeBits ? AssignmentNumberType.Int128
            : AssignmentNumberType.BigInteger;
    }

    /// <summary>
    /// Solves the assignment <paramref name="layout"/> builds from <paramref name="costs"/> (finite) in the narrowest
    /// exact number type, or in <paramref name="requested"/> if that is at least as wide; returns the column of each row.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="requested"/> is narrower than the exact choice.</exception>
    public static ReadOnlySpan<int> Solve<TLayout>(ReadOnlySpan<float> costs, TLayout layout, AssignmentNumberType? requested)
        where TLayout : struct, IAssignmentCostLayout
    {
        var headroom = JonkerVolgenantAssignment<double>.HeadroomBits + layout.ExtraHeadroomBits;
        var type = Choose(costs, headroom, out var gridExponent);
        if (requested is { } forced) type = Widen(costs, type, forced, ref gridExponent);
        return type switch
        {
            AssignmentNumberType.Double => SolveAs<double, TLayout>(costs, layout, gridExponent),
            AssignmentNumberType.Int64 => SolveAs<long, TLayout>(costs, layout, gridExponent),
            AssignmentNumberType.Int128 => SolveAs<Int128, TLayout>(costs, layout, gridExponent),
            _ => SolveAs<BigInteger, TLayout>(costs, layout, gridExponent),
        };
    }

    private static ReadOnlySpan<int> SolveAs<T, TLayout>(ReadOnlySpan<float> costs, TLayout layout, int gridExponent)
        where T : struct, INumber<T>
        where TLayout : struct, IAssignmentCostLayout
    {
        var assignment = JonkerVolgenantAssignment<T>.ForCurrentThread();
        layout.Fill(costs, gridExponent, assignment.CostBuffer(layout.Rows * layout.Columns));
        assignment.Solve(layout.Rows, layout.Columns);
        return assignment.ColumnOfRow[..layout.Rows];
    }

    /// <summary>Writes <c>cost / 2^gridExponent</c> into <paramref name="target"/> (exact: the costs are multiples of
    /// <c>2^gridExponent</c> and the type was chosen wide enough).</summary>
    public static void Convert<T>(ReadOnlySpan<float> costs, int gridExponent, Span<T> target) where T : struct, INumber<T>
    {
        if (typeof(T) == typeof(double))
        {
            for (var k = 0; k < costs.Length; k++) target[k] = T.CreateTruncating((double)costs[k]);
            return;
        }
        for (var k = 0; k < costs.Length; k++) target[k] = ToScaled<T>(costs[k], gridExponent);
    }

    /// <summary><c>cost / 2^gridExponent</c> in <typeparamref name="T"/> (the identity for double).</summary>
    public static T ToScaled<T>(float cost, int gridExponent) where T : struct, INumber<T> =>
        typeof(T) == typeof(double) ? T.CreateTruncating((double)cost) : T.CreateChecked(Math.ScaleB((double)cost, -gridExponent));

    /// <summary>The largest |cost| (finite costs).</summary>
    private static float LargestMagnitude(ReadOnlySpan<float> costs)
    {
        var k = 0;
        var largest = 0f;
        if (Vector.IsHardwareAccelerated && costs.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            for (; k <= costs.Length - Vector<float>.Count; k += Vector<float>.Count)
                acc = Vector.Max(acc, Vector.Abs(new Vector<float>(costs[k..])));
            for (var lane = 0; lane < Vector<float>.Count; lane++) largest = Math.Max(largest, acc[lane]);
        }
        for (; k < costs.Length; k++) largest = Math.Max(largest, Math.Abs(costs[k]));
        return largest;
    }

    /// <summary>Whether every cost is an integer multiple of <c>2^exponent</c>, for <c>-127 &lt;= exponent &lt;= 0</c>:
    /// scaling up by <c>2^-exponent</c> (a float) is exact (no underflow, and no overflow below the largest |cost|
    /// times <c>2^(53 - headroom - E)</c>), so the test is whether the scaled value is whole.</summary>
    private static bool AllMultiplesOfPowerOfTwo(ReadOnlySpan<float> costs, int exponent)
    {
        var scale = MathF.ScaleB(1f, -exponent);
        var k = 0;
        if (Vector.IsHardwareAccelerated && costs.Length >= Vector<float>.Count)
        {
            var scaleVector = new Vector<float>(scale);
            for (; k <= costs.Length - Vector<float>.Count; k += Vector<float>.Count)
            {
                var scaled = new Vector<float>(costs[k..]) * scaleVector;
                if (Vector.Floor(scaled) != scaled) return false;
            }
        }
        for (; k < costs.Length; k++)
        {
            var scaled = costs[k] * scale;
            if (MathF.Floor(scaled) != scaled) return false;
        }
        return true;
    }

    /// <summary>
    /// For tests and forced types: <paramref name="requested"/> if it is at least as wide as <paramref name="narrowest"/>
    /// (with the exponent to divide by for an integer type), otherwise an error.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="requested"/> is narrower than the exact choice.</exception>
    public static AssignmentNumberType Widen(ReadOnlySpan<float> costs, AssignmentNumberType narrowest, AssignmentNumberType requested,
        ref int gridExponent)
    {
        if (requested < narrowest)
            throw new ArgumentException($"{requested} is not exact for these costs; the narrowest exact type is {narrowest}.", nameof(requested));
        if (requested != AssignmentNumberType.Double && narrowest == AssignmentNumberType.Double && LargestMagnitude(costs) != 0f)
            gridExponent = GridExponent(costs);
        return requested;
    }

    /// <summary>The exponent <c>g</c> of the largest power of two dividing every nonzero cost (some cost is nonzero).</summary>
    private static int GridExponent(ReadOnlySpan<float> costs)
    {
        var grid = int.MaxValue;
        foreach (var c in costs)
            if (c != 0f) grid = Math.Min(grid, ObjectiveGranularity.LowestBitExponent(c));
        return grid;
    }
}
