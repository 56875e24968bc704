using Combigrad.Testing;
using CsCheck;

namespace Combigrad.Solvers.Tests;

public sealed class PartialAssignmentSolverTests
{
    private const int MaxBruteForceSide = 5;
    private const int IntegerCostRange = 20;

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, 0)]
    public void Constructor_OutOfRange_ThrowsArgumentOutOfRange(int rows, int columns) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartialAssignmentSolver(rows, columns));

    [Fact]
    public void Constructor_Valid_HasDustbinShapeAndDeclaredFacts()
    {
        var solver = new PartialAssignmentSolver(3, 5);

        Assert.Equal([4, 6], solver.InstanceShape);
        Assert.Equal(24, solver.Dimension);
        Assert.Equal(new SolutionSetFacts(HasConstantSum: false, RequiresNonNegativeCosts: false), solver.Facts);
    }

    [Fact]
    public void Solve_KnownInstance_LeavesExpensivePairsUnmatched()
    {
        // 2 x 2 with unmatched cost 1 everywhere: pair (0, 0) costs 0.5 < 2, pair (1, 1) costs 5 > 2, so row 1 and
        // column 1 stay unmatched; (1, 0) and (0, 1) are dearer than leaving them.
        float[] costs =
        [
            0.5f, 9f, 1f,
            9f, 5f, 1f,
            1f, 1f, 0f,
        ];

        var solution = new PartialAssignmentSolver(2, 2).SolveToArray(costs);

        Assert.Equal([1f, 0f, 0f, 0f, 0f, 1f, 0f, 1f, 0f], solution);
    }

    [Fact]
    public void Solve_HugeUnmatchedCosts_EqualsPerfectAssignment()
    {
        const int Size = 6;
        const float Huge = 1e6f;
        var gen = Gen.Float[-10f, 10f].Array[Size * Size];

        SeededProperty.Check(gen, square =>
        {
            var costs = WithConstantUnmatchedCost(square, Size, Size, Huge);
            var solution = new PartialAssignmentSolver(Size, Size).SolveToArray(costs);
            var perfect = new LinearAssignmentSolver(Size).SolveToArray(square);
            Assert.Equal(BruteForce.Objective(perfect, square), MatchedObjective(solution, square, Size, Size), 1e-9);
            for (var k = 0; k < Size; k++) Assert.Equal(0f, solution[Size * (Size + 1) + k]);
        }, seed: 11, iterations: 300);
    }

    [Fact]
    public void Solve_SmallInstances_FeasibleWithBruteForceMinimum()
    {
        var gen = Gen.Int[1, MaxBruteForceSide].Select(Gen.Int[1, MaxBruteForceSide])
            .SelectMany(size => CostGens.Signed((size.Item1 + 1) * (size.Item2 + 1)).Select(costs => (size.Item1, size.Item2, costs)));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, costs) = instance;
            var solution = new PartialAssignmentSolver(rows, columns).SolveToArray(costs);
            Assert.Null(AssignmentOracles.DescribePartialAssignmentDefect(rows, columns, solution));
            var expected = AssignmentOracles.BruteForcePartialMinimum(rows, columns, costs);
            Assert.True(Tolerances.ObjectivesAgree(expected, BruteForce.Objective(solution, costs)),
                $"{rows}x{columns}: solver {BruteForce.Objective(solution, costs)}, brute force {expected}");
        }, seed: 12, iterations: 3000);
    }

    [Fact]
    public void Solve_LargerIntegerInstances_MatchOrToolsOptimum()
    {
        const int MaxSide = 30;
        var gen = Gen.Int[1, MaxSide].Select(Gen.Int[1, MaxSide])
            .SelectMany(size => Gen.Int[-IntegerCostRange, IntegerCostRange].Select(c => (float)c)
                .Array[(size.Item1 + 1) * (size.Item2 + 1)].Select(costs => (size.Item1, size.Item2, costs)));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, costs) = instance;
            var solution = new PartialAssignmentSolver(rows, columns).SolveToArray(costs);
            Assert.Null(AssignmentOracles.DescribePartialAssignmentDefect(rows, columns, solution));
            Assert.Equal(AssignmentOracles.OrToolsPartialMinimum(rows, columns, costs), BruteForce.Objective(solution, costs));
        }, seed: 13, iterations: 400);
    }

    [Fact]
    public void Solve_PowerOfTwoScaling_SameSolution()
    {
        var gen = Gen.Int[1, 12].Select(Gen.Int[1, 12], Gen.Int[-8, 8])
            .SelectMany(p => CostGens.Signed((p.Item1 + 1) * (p.Item2 + 1)).Select(costs => (p.Item1, p.Item2, p.Item3, costs)));

        SeededProperty.Check(gen, instance =>
        {
            var (rows, columns, exponent, costs) = instance;
            var solver = new PartialAssignmentSolver(rows, columns);
            var scaled = costs.Select(c => MathF.ScaleB(c, exponent)).ToArray();
            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(scaled));
        }, seed: 14, iterations: 1000);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "infinite")]
    public void Solve_InvalidCost_ThrowsArgumentException(float bad, string defect)
    {
        var solver = new PartialAssignmentSolver(2, 3);
        var costs = new float[solver.Dimension];
        costs[11] = bad;

        var ex = Assert.Throws<ArgumentException>(() => solver.SolveToArray(costs));

        Assert.Contains(defect, ex.Message);
        Assert.Contains("index 11", ex.Message);
    }

    [Fact]
    public void Solve_WrongLength_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => new PartialAssignmentSolver(2, 3).Solve(new float[6], new float[6]));

    [Fact]
    public void SolveBatch_ManyInstances_EqualsSequentialSolves()
    {
        const int Batch = 40;
        var solver = new PartialAssignmentSolver(7, 9);
        var costs = Gen.Float[-5f, 5f].Array[Batch * solver.Dimension].Generate(new PCG(SeededProperty.Stream, 15), null, out _);
        var parallel = new float[costs.Length];

        solver.SolveBatch(costs, parallel);

        for (var b = 0; b < Batch; b++)
        {
            var one = solver.SolveToArray(costs.AsSpan(b * solver.Dimension, solver.Dimension));
            Assert.Equal(one, parallel.AsSpan(b * solver.Dimension, solver.Dimension).ToArray());
        }
    }

    private static float[] WithConstantUnmatchedCost(float[] square, int rows, int columns, float unmatched)
    {
        var stride = columns + 1;
        var costs = Enumerable.Repeat(unmatched, (rows + 1) * stride).ToArray();
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) costs[i * stride + j] = square[i * columns + j];
        return costs;
    }

    private static double MatchedObjective(float[] solution, float[] square, int rows, int columns)
    {
        var sum = 0.0;
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) sum += solution[i * (columns + 1) + j] * (double)square[i * columns + j];
        return sum;
    }
}
