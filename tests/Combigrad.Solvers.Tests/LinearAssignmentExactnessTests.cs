using System.Numerics;
using Combigrad.Testing;
using CsCheck;

namespace Combigrad.Solvers.Tests;

/// <summary>
/// Exactness of <see cref="LinearAssignmentSolver"/> and <see cref="PartialAssignmentSolver"/> (issue 18): big-M entries
/// at ratios 1e6 ... 1e15 to the rest, mixed signs and subnormals against exact oracles, and agreement with OR-Tools
/// <c>LinearSumAssignment</c> up to 200 x 200, square and rectangular.
/// </summary>
public sealed class LinearAssignmentExactnessTests
{
    private const int MaxBruteForceRows = 7;
    private const int MaxOrToolsSide = 200;
    private const int MaxExtraColumns = 40;
    private const int IntegerCostMax = 1000;
    private const int SmallestRatioExponent = 6;
    private const int LargestRatioExponent = 15;

    /// <summary>The exponent of the largest integer big-M: 2^50, about 1.1e15.</summary>
    private const int LargestBigMExponent = 50;

    /// <summary>OR-Tools' cost scaling multiplies by about <c>(n + 1) n</c> within int64; this many bits stay spare.</summary>
    private const int OrToolsSpareBits = 60;

    private static readonly float IntegerBigM = MathF.ScaleB(1f, LargestBigMExponent);

    [Fact]
    public void Solve_BigMCosts_EqualsExactMinimum()
    {
        var gen = Gen.Int[1, MaxBruteForceRows].SelectMany(rows => Gen.Int[rows, rows + 2].SelectMany(columns =>
            ExtremeCosts(rows * columns).Select(costs => (rows, columns, costs))));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, costs) = instance;
            var solution = new LinearAssignmentSolver(rows, columns).SolveToArray(costs);

            Assert.Null(AssignmentOracles.DescribeAssignmentDefect(rows, columns, solution));
            Assert.Equal(AssignmentOracles.ExactMinimum(rows, columns, costs), AssignmentOracles.ExactObjective(solution, costs));
        }, seed: 41, iterations: 4000);
    }

    [Fact]
    public void Solve_BigMCostsAtAnyBinaryScale_EqualsExactMinimum()
    {
        // The same families moved across the float range (tiny or huge largest |cost|), where the number-type test
        // works near the float limits.
        var gen = Gen.Int[1, 6].SelectMany(rows => Gen.Int[rows, rows + 2].SelectMany(columns =>
            ExtremeCosts(rows * columns).Select(Gen.Int[-140, 60]).Select(p => (rows, columns, p.Item1.Select(c => MathF.ScaleB(c, p.Item2)).ToArray()))));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, costs) = instance;
            if (costs.Any(float.IsInfinity)) return; // scaled past the float range: not an input

            var solution = new LinearAssignmentSolver(rows, columns).SolveToArray(costs);

            Assert.Null(AssignmentOracles.DescribeAssignmentDefect(rows, columns, solution));
            Assert.Equal(AssignmentOracles.ExactMinimum(rows, columns, costs), AssignmentOracles.ExactObjective(solution, costs));
        }, seed: 50, iterations: 2000);
    }

    [Fact]
    public void Solve_PartialBigMCosts_EqualsExactMinimum()
    {
        var gen = Gen.Int[1, 6].Select(Gen.Int[1, 6]).SelectMany(size =>
            ExtremeCosts((size.Item1 + 1) * (size.Item2 + 1)).Select(costs => (size.Item1, size.Item2, costs)));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, costs) = instance;
            var solution = new PartialAssignmentSolver(rows, columns).SolveToArray(costs);

            Assert.Null(AssignmentOracles.DescribePartialAssignmentDefect(rows, columns, solution));
            Assert.Equal(AssignmentOracles.ExactPartialMinimum(rows, columns, costs), AssignmentOracles.ExactObjective(solution, costs));
        }, seed: 42, iterations: 3000);
    }

    [Fact]
    public void Solve_DoubleArithmeticOnBigMCosts_WouldMissOptima()
    {
        // The oracle above can fail: the same algorithm forced into double loses small costs next to 1e15.
        var gen = Gen.Int[4, MaxBruteForceRows].SelectMany(size => Gen.Float[0f, 1f].Array[size * size].Select(Gen.Int[0, size * size - 1])
            .Select(p => (size, WithEntry(p.Item1, p.Item2, 1e15f))));
        var wrong = 0;

        SeededProperty.Check(gen, instance =>
        {
            var (size, costs) = instance;
            var assignment = JonkerVolgenantAssignment<double>.ForCurrentThread();
            AssignmentNumbers.Convert(costs, 0, assignment.CostBuffer(costs.Length));
            assignment.Solve(size, size);
            var solution = new float[costs.Length];
            for (var i = 0; i < size; i++) solution[i * size + assignment.ColumnOfRow[i]] = 1f;
            if (AssignmentOracles.ExactObjective(solution, costs) != AssignmentOracles.ExactMinimum(size, size, costs)) wrong++;
        }, seed: 43, iterations: 300);

        Assert.True(wrong > 0, "double arithmetic was exact on every big-M instance; the exactness tests would not notice a regression");
    }

    [Fact]
    public void Solve_IntegerCostsUpTo200_SameCostAsOrTools()
    {
        var gen = Gen.Int[1, MaxOrToolsSide].SelectMany(rows => Gen.Int[rows, rows + MaxExtraColumns].Select(Gen.Int[0, 2])
            .SelectMany(shape =>
            {
                var columns = shape.Item2 == 0 ? rows : shape.Item1;
                return Gen.Int[-IntegerCostMax, IntegerCostMax].Select(c => (float)c).Array[rows * columns]
                    .Select(costs => (rows, columns, costs));
            }));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, costs) = instance;
            var solution = new LinearAssignmentSolver(rows, columns).SolveToArray(costs);

            Assert.Null(AssignmentOracles.DescribeAssignmentDefect(rows, columns, solution));
            Assert.Equal(AssignmentOracles.OrToolsMinimum(rows, columns, costs), AssignmentOracles.ExactIntegerObjective(solution, costs));
        }, seed: 44, iterations: 150);
    }

    [Fact]
    public void Solve_IntegerBigMUpTo200_SameCostAsOrTools()
    {
        // Costs 0..1000 with big-M entries of +-M and 2M, M = 2^50 (about 1e15 times the smallest nonzero cost) or, for
        // larger sizes, the largest power of two OR-Tools' int64 cost scaling accepts (2^44 at 240 columns).
        var gen = Gen.Int[2, MaxOrToolsSide].SelectMany(rows => Gen.Int[rows, rows + MaxExtraColumns].Select(Gen.Int[0, 2], Gen.Int[0, 2])
            .SelectMany(shape =>
            {
                var columns = shape.Item2 == 0 ? rows : shape.Item1;
                var negativeBigM = shape.Item3 == 0;
                var sizeBits = 64 - BitOperations.LeadingZeroCount((ulong)columns + 1);
                var bigM = MathF.ScaleB(1f, Math.Min(LargestBigMExponent, OrToolsSpareBits - 2 * sizeBits));
                return Gen.Int[0, IntegerCostMax].Select(Gen.Int[0, 19]).Array[rows * columns]
                    .Select(entries => (rows, columns, entries.Select(e => e.Item2 switch
                    {
                        0 => bigM,
                        1 => 2 * bigM,
                        2 when negativeBigM => -bigM,
                        _ => (float)e.Item1,
                    }).ToArray()));
            }));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, costs) = instance;
            var solution = new LinearAssignmentSolver(rows, columns).SolveToArray(costs);

            Assert.Null(AssignmentOracles.DescribeAssignmentDefect(rows, columns, solution));
            Assert.Equal(AssignmentOracles.OrToolsMinimum(rows, columns, costs), AssignmentOracles.ExactIntegerObjective(solution, costs));
        }, seed: 45, iterations: 120);
    }

    [Fact]
    public void SolveIn_EveryWiderNumberType_SameAssignment()
    {
        var gen = Gen.Int[1, 12].SelectMany(rows => Gen.Int[rows, rows + 3].SelectMany(columns =>
            Gen.Bool.SelectMany(extreme => extreme ? ExtremeCosts(rows * columns) : CostGens.Signed(rows * columns))
                .Select(costs => (rows, columns, costs))));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, costs) = instance;
            var solver = new LinearAssignmentSolver(rows, columns);
            AssertSameInEveryWiderType(costs, extraHeadroomBits: 0, solver.SolveIn);
        }, seed: 46, iterations: 800);
    }

    [Fact]
    public void PartialSolveIn_EveryWiderNumberType_SameSolution()
    {
        var gen = Gen.Int[1, 8].Select(Gen.Int[1, 8]).SelectMany(size =>
            ExtremeCosts((size.Item1 + 1) * (size.Item2 + 1)).Select(costs => (size.Item1, size.Item2, costs)));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, costs) = instance;
            var solver = new PartialAssignmentSolver(rows, columns);
            AssertSameInEveryWiderType(costs, extraHeadroomBits: 1, solver.SolveIn);
        }, seed: 49, iterations: 500);
    }

    [Fact]
    public void SolveIn_NarrowerThanExact_Throws()
    {
        float[] costs = [0.3f, 1e15f, 0.7f, 0.1f];

        var ex = Assert.Throws<ArgumentException>(() => new LinearAssignmentSolver(2).SolveIn(costs, new float[4], AssignmentNumberType.Double));

        Assert.Contains("narrowest exact type", ex.Message);
    }

    [Theory]
    [InlineData("uniform", "Double")]
    [InlineData("integers", "Double")]
    [InlineData("integer-big-m", "Int64")]
    [InlineData("float-big-m", "Int128")]
    [InlineData("subnormal-big-m", "BigInteger")]
    public void Choose_CostFamily_NarrowestExactType(string family, string expected)
    {
        var random = new Random(47);
        var costs = family switch
        {
            "uniform" => RandomCosts.Uniform(random, 2500, -1f, 1f),
            "integers" => RandomCosts.SmallIntegers(random, 2500, 0, IntegerCostMax),
            "integer-big-m" => WithEntry(RandomCosts.SmallIntegers(random, 2500, 0, IntegerCostMax), 17, IntegerBigM),
            "float-big-m" => WithEntry(RandomCosts.Uniform(random, 2500, -1f, 1f), 17, 1e15f),
            _ => WithEntry(WithEntry(RandomCosts.Uniform(random, 2500, -1f, 1f), 17, 1e15f), 18, float.Epsilon),
        };

        Assert.Equal(expected, AssignmentNumbers.Choose(costs, JonkerVolgenantAssignment<double>.HeadroomBits, out _).ToString());
    }

    [Fact]
    public void Choose_TinyCostsWithFinerBits_LeavesDouble()
    {
        // Largest 2^-90, another 1.5 * 2^-140: 51 bits apart plus headroom is more than double carries exactly.
        float[] costs = [MathF.ScaleB(1f, -90), MathF.ScaleB(1.5f, -140), MathF.ScaleB(1f, -100), MathF.ScaleB(-1f, -95)];

        Assert.Equal("Int64", AssignmentNumbers.Choose(costs, JonkerVolgenantAssignment<double>.HeadroomBits, out var grid).ToString());
        Assert.Equal(-141, grid);
    }

    [Fact]
    public void Choose_ScaledByPowerOfTwo_SameType()
    {
        var gen = ExtremeCosts(30).Select(Gen.Int[-20, 20]);

        SeededProperty.Check(gen, instance =>
        {
            var (costs, exponent) = instance;
            var scaled = costs.Select(c => MathF.ScaleB(c, exponent)).ToArray();
            if (scaled.Any(float.IsInfinity) || scaled.Zip(costs).Any(p => p.First != (double)p.Second * Math.ScaleB(1.0, exponent)))
                return; // left the float range or lost subnormal bits: not a pure rescaling

            Assert.Equal(AssignmentNumbers.Choose(costs, JonkerVolgenantAssignment<double>.HeadroomBits, out _),
                AssignmentNumbers.Choose(scaled, JonkerVolgenantAssignment<double>.HeadroomBits, out _));
        }, seed: 48, iterations: 1000);
    }

    [Fact]
    public void Solve_SquareAllCostsEqual_Diagonal()
    {
        // Documented ties: a free row prefers an unassigned column of equal reduced cost, so equal costs give the diagonal.
        var solution = new LinearAssignmentSolver(5).SolveToArray(Enumerable.Repeat(-2.5f, 25).ToArray());

        for (var i = 0; i < 5; i++) Assert.Equal(1f, solution[i * 5 + i]);
    }

    /// <summary>
    /// Costs with extreme magnitudes, one kind per sample: a base of uniform floats in [-1, 1], integers in [-3, 3] or
    /// uniform floats in [0, 10]; about one entry in ten replaced by a big-M <c>10^e (1 + |base|)</c>,
    /// <c>e</c> in 6..15 (positive, or of mixed signs); in a third of the samples, about one entry in ten replaced by a
    /// small multiple of the smallest subnormal.
    /// </summary>
    private static Gen<float[]> ExtremeCosts(int n) =>
        from kind in Gen.Int[0, 2]
        from baseCosts in kind switch
        {
            0 => Gen.Float[-1f, 1f].Array[n],
            1 => Gen.Int[-3, 3].Select(i => (float)i).Array[n],
            _ => Gen.Float[0f, 10f].Array[n],
        }
        from marks in Gen.Int[0, 9].Array[n]
        from ratioExponent in Gen.Int[SmallestRatioExponent, LargestRatioExponent]
        from mode in Gen.Int[0, 2]
        from signs in Gen.Bool.Array[n]
        from subnormalMultiples in Gen.Int[-3, 3].Array[n]
        select Enumerable.Range(0, n).Select(k => marks[k] switch
        {
            0 => (float)(Math.Pow(10, ratioExponent) * (1 + Math.Abs(baseCosts[k]))) * (mode == 1 && signs[k] ? -1f : 1f),
            1 when mode == 2 => subnormalMultiples[k] * float.Epsilon,
            _ => baseCosts[k],
        }).ToArray();

    private delegate void SolveInType(ReadOnlySpan<float> costs, Span<float> solution, AssignmentNumberType? requested);

    private static void AssertSameInEveryWiderType(float[] costs, int extraHeadroomBits, SolveInType solveIn)
    {
        var expected = new float[costs.Length];
        solveIn(costs, expected, null);
        var narrowest = AssignmentNumbers.Choose(costs, JonkerVolgenantAssignment<double>.HeadroomBits + extraHeadroomBits, out _);
        foreach (var type in Enum.GetValues<AssignmentNumberType>().Where(t => t >= narrowest))
        {
            var solution = new float[costs.Length];
            solveIn(costs, solution, type);
            Assert.True(expected.AsSpan().SequenceEqual(solution), $"{type} differs from {narrowest}");
        }
    }

    private static float[] WithEntry(float[] costs, int index, float value)
    {
        costs[index] = value;
        return costs;
    }
}
