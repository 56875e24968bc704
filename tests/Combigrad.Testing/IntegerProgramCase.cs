using Combigrad.Solvers;

namespace Combigrad.Testing;

/// <summary>A small integer program with finite integer bounds and a cost vector, as plain data: it builds the
/// <see cref="MilpProblem"/> for the solver and enumerates its feasible points for the brute-force reference.</summary>
/// <param name="Lower">Lower bound of each variable.</param>
/// <param name="Upper">Upper bound of each variable.</param>
/// <param name="LessOrEqualRows">Rows <c>&lt;a, y&gt; &lt;= b</c>.</param>
/// <param name="EqualityRows">Rows <c>&lt;a, y&gt; = b</c>.</param>
/// <param name="Costs">The cost vector.</param>
public sealed record IntegerProgramCase(
    int[] Lower,
    int[] Upper,
    (double[] Coefficients, double Bound)[] LessOrEqualRows,
    (double[] Coefficients, double Value)[] EqualityRows,
    float[] Costs)
{
    /// <summary>The number of variables.</summary>
    public int VariableCount => Lower.Length;

    /// <summary>The problem for <see cref="MilpSolver"/>.</summary>
    public MilpProblem ToProblem()
    {
        var problem = new MilpProblem(VariableCount);
        for (var i = 0; i < VariableCount; i++) problem.SetBounds(i, Lower[i], Upper[i]);
        foreach (var (a, b) in LessOrEqualRows) problem.AddLessOrEqual(a, b);
        foreach (var (a, b) in EqualityRows) problem.AddEqual(a, b);
        return problem;
    }

    /// <summary>Every feasible integer point (<see cref="MilpReferences.EnumerateIntegerPoints"/>).</summary>
    public IReadOnlyList<float[]> FeasiblePoints() =>
        MilpReferences.EnumerateIntegerPoints(Lower, Upper, LessOrEqualRows, EqualityRows);

    /// <inheritdoc/>
    public override string ToString() =>
        $"bounds [{string.Join(", ", Lower.Zip(Upper, (l, u) => $"{l}..{u}"))}], " +
        $"rows [{string.Join("; ", LessOrEqualRows.Select(r => $"{string.Join(" ", r.Coefficients)} <= {r.Bound}"))}], " +
        $"equalities [{string.Join("; ", EqualityRows.Select(r => $"{string.Join(" ", r.Coefficients)} = {r.Value}"))}], " +
        $"costs [{string.Join(", ", Costs)}]";
}
