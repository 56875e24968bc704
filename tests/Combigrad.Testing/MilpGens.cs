using CsCheck;

namespace Combigrad.Testing;

/// <summary>CsCheck generators of small integer programs (<see cref="IntegerProgramCase"/>) whose feasible points can be
/// enumerated.</summary>
public static class MilpGens
{
    private const int MaxTinyVariables = 4;
    private const int MaxTinyRows = 3;
    private const int MaxTinyCoefficient = 3;
    private const int MaxBinaryRows = 3;
    private const int MaxBinaryWeight = 9;

    /// <summary>One to four integer variables with bounds in [-2, 3] (ranges of one to four values), up to three rows
    /// with coefficients in [-3, 3] and right-hand sides in [-3, 4], each an equality with probability 1/5 (so some
    /// programs are infeasible), and signed costs (<see cref="CostGens.Signed"/>).</summary>
    public static Gen<IntegerProgramCase> TinyIntegerPrograms { get; } = Gen.Int[1, MaxTinyVariables].SelectMany(n =>
        Gen.Select(
            Gen.Int[-2, 0].Select(Gen.Int[0, 3]).Array[n],
            Gen.Int[-MaxTinyCoefficient, MaxTinyCoefficient].Select(c => (double)c).Array[n]
                .Select(Gen.Int[-3, 4], Gen.Int[0, 4]).Array[0, MaxTinyRows],
            CostGens.Signed(n),
            (bounds, rows, costs) => new IntegerProgramCase(
                bounds.Select(b => b.Item1).ToArray(),
                bounds.Select(b => b.Item1 + b.Item2).ToArray(),
                rows.Where(r => r.Item3 != 0).Select(r => (r.Item1, (double)r.Item2)).ToArray(),
                rows.Where(r => r.Item3 == 0).Select(r => (r.Item1, (double)r.Item2)).ToArray(),
                costs)));

    /// <summary>Binary programs of <paramref name="minVariables"/> to <paramref name="maxVariables"/> variables: one to
    /// three knapsack rows (weights in [0, 9], capacity a random share of the total) and, with probability 1/3, a
    /// cardinality equality <c>sum y = m</c> (a constant-sum solution set); signed costs.</summary>
    public static Gen<IntegerProgramCase> BinaryPrograms(int minVariables, int maxVariables) =>
        Gen.Int[minVariables, maxVariables].SelectMany(n => Gen.Select(
            Gen.Int[0, MaxBinaryWeight].Select(w => (double)w).Array[n].Select(Gen.Double[0.2, 0.9]).Array[1, MaxBinaryRows],
            Gen.Int[0, 2].Select(Gen.Int[1, n]),
            CostGens.Signed(n),
            (rows, cardinality, costs) => new IntegerProgramCase(
                new int[n],
                Enumerable.Repeat(1, n).ToArray(),
                rows.Select(r => (r.Item1, Math.Floor(r.Item1.Sum() * r.Item2))).ToArray(),
                cardinality.Item1 == 0 ? [(Enumerable.Repeat(1.0, n).ToArray(), (double)cardinality.Item2)] : [],
                costs)));
}
