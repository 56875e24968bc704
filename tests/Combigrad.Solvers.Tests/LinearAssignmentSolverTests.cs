using Combigrad.Testing;
using CsCheck;

namespace Combigrad.Solvers.Tests;

public sealed class LinearAssignmentSolverTests
{
    private const int IntegerCostMax = 3;
    private const float SignedCostRange = 10f;

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, 0)]
    [InlineData(4, 3)]
    public void Constructor_OutOfRange_ThrowsArgumentOutOfRange(int rows, int columns) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearAssignmentSolver(rows, columns));

    [Fact]
    public void Constructor_MoreRowsThanColumns_MessageSaysTranspose()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LinearAssignmentSolver(5, 2));

        Assert.Contains("transpose", ex.Message);
    }

    [Fact]
    public void Constructor_Valid_HasShapeAndDeclaredFacts()
    {
        var solver = new LinearAssignmentSolver(3, 5);

        Assert.Equal([3, 5], solver.InstanceShape);
        Assert.Equal(15, solver.Dimension);
        Assert.Equal((3, 5), (solver.Rows, solver.Columns));
        Assert.Equal(new SolutionSetFacts(HasConstantSum: true, RequiresNonNegativeCosts: false), solver.Facts);
        Assert.Equal([4, 4], new LinearAssignmentSolver(4).InstanceShape);
    }

    [Fact]
    public void Solve_KnownInstance_OptimalPermutation()
    {
        // Row 0 -> column 1, row 1 -> column 0, row 2 -> column 2: cost 1 + 2 + 2 = 5 (scipy's documented example).
        float[] costs = [4, 1, 3, 2, 0, 5, 3, 2, 2];

        Assert.Equal([0f, 1f, 0f, 1f, 0f, 0f, 0f, 0f, 1f], new LinearAssignmentSolver(3).SolveToArray(costs));
    }

    [Fact]
    public void Solve_AllCostsEqual_Diagonal()
    {
        var solution = new LinearAssignmentSolver(4, 6).SolveToArray(Enumerable.Repeat(1.5f, 24).ToArray());

        for (var i = 0; i < 4; i++) Assert.Equal(1f, solution[i * 6 + i]);
    }

    [Fact]
    public void Solve_SmallRandomInstances_ValidAssignmentsOfBruteForceCost()
    {
        const int Instances = 4000;
        var gen = Gen.Int[1, 6].SelectMany(rows => Gen.Int[rows, Math.Min(rows + 2, AssignmentOracles.MaxBruteForceColumns)]
            .SelectMany(columns => CostGens.Signed(rows * columns).Select(costs => (rows, columns, costs))));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, costs) = instance;
            var solution = new LinearAssignmentSolver(rows, columns).SolveToArray(costs);

            AssertValidAssignment(rows, columns, solution, $"{rows}x{columns}");
            var expected = AssignmentOracles.BruteForceMinimum(rows, columns, costs);
            var actual = BruteForce.Objective(solution, costs);
            Assert.True(Tolerances.ObjectivesAgree(expected, actual), $"{rows}x{columns}: {actual}, brute force {expected}");
        }, seed: 1, Instances);
    }

    [Fact]
    public void Solve_ThirtyByThirty_SameCostAsOrToolsLinearSumAssignment()
    {
        const int Size = 30;
        const int Instances = 300;
        var solver = new LinearAssignmentSolver(Size);
        var gen = Gen.Int[-500, 0].Select(Gen.Int[10, 1000])
            .SelectMany(range => Gen.Int[range.Item1, range.Item2].Select(c => (float)c).Array[Size * Size]);

        SeededProperty.Check(gen, costs =>
        {
            var solution = solver.SolveToArray(costs);

            AssertValidAssignment(Size, Size, solution, "30x30");
            Assert.Equal(AssignmentOracles.OrToolsMinimum(Size, costs), BruteForce.Objective(solution, costs));
        }, seed: 2, Instances);
    }

    [Fact]
    public void Solve_ScaledContinuousCosts_AssignmentStaysOptimal()
    {
        const int Instances = 1000;
        var gen = Gen.Int[1, 19].SelectMany(rows => Gen.Int[rows, rows + 4].SelectMany(columns =>
            Gen.Float[-SignedCostRange, SignedCostRange].Array[rows * columns].Select(Gen.Double[-4.6, 4.6])
                .Select(p => (rows, columns, p.Item1, (float)Math.Exp(p.Item2)))));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, costs, scale) = instance;
            var solver = new LinearAssignmentSolver(rows, columns);

            // Identical assignments are guaranteed only for powers of two (rounding c * w can flip a near-tie).
            var expected = BruteForce.Objective(solver.SolveToArray(costs), costs);
            var actual = BruteForce.Objective(solver.SolveToArray(costs.Select(c => c * scale).ToArray()), costs);
            Assert.True(Tolerances.ObjectivesAgreeAfterFloatRounding(expected, actual, costs), $"{actual} vs {expected}");
        }, seed: 3, Instances);
    }

    [Fact]
    public void Solve_TiedIntegerCostsScaledByPowerOfTwo_SameAssignment()
    {
        const int Instances = 1000;
        var gen = Gen.Int[1, 14].SelectMany(rows => Gen.Int[rows, rows + 3].SelectMany(columns =>
            Gen.Int[-IntegerCostMax, IntegerCostMax].Select(c => (float)c).Array[rows * columns].Select(Gen.Int[-8, 8])
                .Select(p => (rows, columns, p.Item1, MathF.ScaleB(1f, p.Item2)))));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, costs, scale) = instance;
            var solver = new LinearAssignmentSolver(rows, columns);

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * scale).ToArray()));
        }, seed: 4, Instances);
    }

    [Fact]
    public void Solve_MeanSubtracted_SameOptimalCost()
    {
        // Plane-projection invariance (HasConstantSum): every assignment has n ones.
        const int Instances = 1000;
        var gen = Gen.Int[1, 11].SelectMany(rows => Gen.Int[rows, rows + 3].SelectMany(columns =>
            Gen.Int[0, 20].Select(c => (float)c).Array[rows * columns].Select(Gen.Int[-30, 29])
                .Select(p => (rows, columns, p.Item1, p.Item2))));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, costs, shift) = instance;
            var solver = new LinearAssignmentSolver(rows, columns);

            var shifted = solver.SolveToArray(costs.Select(c => c + shift).ToArray());

            AssertValidAssignment(rows, columns, shifted, $"{rows}x{columns}");
            Assert.Equal(BruteForce.Objective(solver.SolveToArray(costs), costs), BruteForce.Objective(shifted, costs));
        }, seed: 5, Instances);
    }

    [Fact]
    public void SolveBatch_Parallel_SameAsSingleCalls()
    {
        const int Size = 20;
        const int Batch = 40;
        var solver = new LinearAssignmentSolver(Size);
        var costs = Gen.Float[-1f, 1f].Array[Batch * Size * Size].Generate(new PCG(SeededProperty.Stream, 6), null, out _);
        var batch = new float[costs.Length];

        solver.SolveBatch(costs, batch);

        for (var b = 0; b < Batch; b++)
            Assert.Equal(solver.SolveToArray(costs.AsSpan(b * Size * Size, Size * Size)), batch.AsSpan(b * Size * Size, Size * Size).ToArray());
    }

    [Fact]
    public void Solve_DirtySolutionBuffer_FullyOverwritten()
    {
        var solution = Enumerable.Repeat(3f, 6).ToArray();

        new LinearAssignmentSolver(2, 3).Solve([5f, 1f, 9f, 1f, 5f, 9f], solution);

        Assert.Equal([0f, 1f, 0f, 1f, 0f, 0f], solution);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "infinite")]
    [InlineData(float.NegativeInfinity, "infinite")]
    public void Solve_InvalidCost_ThrowsArgumentExceptionNamingIndex(float bad, string defect)
    {
        float[] costs = [1f, 2f, 3f, 4f, bad, 6f];

        var ex = Assert.Throws<ArgumentException>(() => new LinearAssignmentSolver(2, 3).SolveToArray(costs));

        Assert.Contains("index 4", ex.Message);
        Assert.Contains(defect, ex.Message);
    }

    [Theory]
    [InlineData(5, 6)]
    [InlineData(6, 7)]
    public void Solve_WrongSpanLength_ThrowsArgumentException(int costsLength, int solutionLength) =>
        Assert.Throws<ArgumentException>(() => new LinearAssignmentSolver(2, 3).Solve(new float[costsLength], new float[solutionLength]));

    private static void AssertValidAssignment(int rows, int columns, float[] solution, string context)
    {
        var defect = AssignmentOracles.DescribeAssignmentDefect(rows, columns, solution);
        Assert.True(defect is null, $"{context}: {defect}");
        Assert.Equal(rows, solution.Sum());
    }
}
