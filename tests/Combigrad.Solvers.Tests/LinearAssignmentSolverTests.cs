using Combigrad.Testing;

namespace Combigrad.Solvers.Tests;

public sealed class LinearAssignmentSolverTests
{
    private const int Seed = 99;
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
        var random = new Random(Seed);

        for (var instance = 0; instance < Instances; instance++)
        {
            var rows = random.Next(1, 7);
            var columns = random.Next(rows, Math.Min(rows + 2, AssignmentOracles.MaxBruteForceColumns) + 1);
            var costs = RandomInstance(random, rows * columns, instance);

            var solution = new LinearAssignmentSolver(rows, columns).SolveToArray(costs);

            AssertValidAssignment(rows, columns, solution, $"instance {instance}");
            var expected = AssignmentOracles.BruteForceMinimum(rows, columns, costs);
            var actual = BruteForce.Objective(solution, costs);
            Assert.True(Tolerances.ObjectivesAgree(expected, actual), $"instance {instance}, {rows}x{columns}: {actual}, brute force {expected}");
        }
    }

    [Fact]
    public void Solve_ThirtyByThirty_SameCostAsOrToolsLinearSumAssignment()
    {
        const int Size = 30;
        const int Instances = 60;
        var random = new Random(Seed + 1);
        var solver = new LinearAssignmentSolver(Size);

        for (var instance = 0; instance < Instances; instance++)
        {
            var costs = RandomCosts.SmallIntegers(random, Size * Size, instance % 2 == 0 ? 0 : -500, instance % 3 == 0 ? 10 : 1000);

            var solution = solver.SolveToArray(costs);

            AssertValidAssignment(Size, Size, solution, $"instance {instance}");
            Assert.Equal(AssignmentOracles.OrToolsMinimum(Size, costs), BruteForce.Objective(solution, costs));
        }
    }

    [Fact]
    public void Solve_ScaledContinuousCosts_SameAssignment()
    {
        const int Instances = 500;
        var random = new Random(Seed + 2);

        for (var instance = 0; instance < Instances; instance++)
        {
            var rows = random.Next(1, 20);
            var columns = random.Next(rows, rows + 5);
            var costs = RandomCosts.Uniform(random, rows * columns, -SignedCostRange, SignedCostRange);
            var scale = (float)Math.Exp(random.NextDouble() * 9.2 - 4.6);
            var solver = new LinearAssignmentSolver(rows, columns);

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * scale).ToArray()));
        }
    }

    [Fact]
    public void Solve_TiedIntegerCostsScaledByPowerOfTwo_SameAssignment()
    {
        const int Instances = 500;
        var random = new Random(Seed + 3);

        for (var instance = 0; instance < Instances; instance++)
        {
            var rows = random.Next(1, 15);
            var columns = random.Next(rows, rows + 4);
            var costs = RandomCosts.SmallIntegers(random, rows * columns, -IntegerCostMax, IntegerCostMax);
            var scale = MathF.ScaleB(1f, random.Next(-8, 9));
            var solver = new LinearAssignmentSolver(rows, columns);

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * scale).ToArray()));
        }
    }

    [Fact]
    public void Solve_MeanSubtracted_SameOptimalCost()
    {
        // Plane-projection invariance (HasConstantSum): every assignment has n ones.
        const int Instances = 500;
        var random = new Random(Seed + 4);

        for (var instance = 0; instance < Instances; instance++)
        {
            var rows = random.Next(1, 12);
            var columns = random.Next(rows, rows + 4);
            var costs = RandomCosts.SmallIntegers(random, rows * columns, 0, 20);
            var shift = random.Next(-30, 30);
            var solver = new LinearAssignmentSolver(rows, columns);

            var shifted = solver.SolveToArray(costs.Select(c => c + shift).ToArray());

            AssertValidAssignment(rows, columns, shifted, $"instance {instance}");
            Assert.Equal(BruteForce.Objective(solver.SolveToArray(costs), costs), BruteForce.Objective(shifted, costs));
        }
    }

    [Fact]
    public void SolveBatch_Parallel_SameAsSingleCalls()
    {
        const int Size = 20;
        const int Batch = 40;
        var random = new Random(Seed + 5);
        var solver = new LinearAssignmentSolver(Size);
        var costs = RandomCosts.Uniform(random, Batch * Size * Size, -1f, 1f);
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

    private static float[] RandomInstance(Random random, int n, int instance) =>
        instance % 2 == 0
            ? RandomCosts.SmallIntegers(random, n, -IntegerCostMax, IntegerCostMax)
            : RandomCosts.Uniform(random, n, -SignedCostRange, SignedCostRange);

    private static void AssertValidAssignment(int rows, int columns, float[] solution, string context)
    {
        var defect = AssignmentOracles.DescribeAssignmentDefect(rows, columns, solution);
        Assert.True(defect is null, $"{context}: {defect}");
        Assert.Equal(rows, solution.Sum());
    }
}
