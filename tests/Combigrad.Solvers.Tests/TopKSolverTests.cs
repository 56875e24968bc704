using Combigrad.Testing;
using CsCheck;

namespace Combigrad.Solvers.Tests;

public sealed class TopKSolverTests
{
    private const int Seed = 7;
    private const int MaxRandomDimension = 60;

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 0)]
    [InlineData(5, 6)]
    [InlineData(5, -1)]
    public void Constructor_OutOfRange_ThrowsArgumentOutOfRange(int n, int k) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopKSolver(n, k));

    [Fact]
    public void Constructor_Valid_HasShapeAndDeclaredFacts()
    {
        var solver = new TopKSolver(9, 3);

        Assert.Equal([9], solver.InstanceShape);
        Assert.Equal(9, solver.Dimension);
        Assert.Equal(3, solver.K);
        Assert.Equal(new SolutionSetFacts(HasConstantSum: true, RequiresNonNegativeCosts: false), solver.Facts);
    }

    [Fact]
    public void Solve_DistinctCosts_SelectsSmallest()
    {
        var solver = new TopKSolver(5, 2);

        Assert.Equal([0f, 1f, 0f, 1f, 0f], solver.SolveToArray([4f, -1f, 3f, 0.5f, 2f]));
    }

    [Fact]
    public void Solve_NegatedScores_SelectsLargestScores()
    {
        // Sign convention: to keep the k largest scores, pass -scores as costs.
        float[] scores = [4f, -1f, 3f, 0.5f, 2f];
        var solver = new TopKSolver(5, 2);

        var selected = solver.SolveToArray(scores.Select(s => -s).ToArray());

        Assert.Equal([1f, 0f, 1f, 0f, 0f], selected);
    }

    [Fact]
    public void Solve_TiedCosts_LowerIndexWins()
    {
        var solver = new TopKSolver(6, 3);

        Assert.Equal([0f, 1f, 0f, 1f, 1f, 0f], solver.SolveToArray([3f, 1f, 3f, 1f, 2f, 2f]));
    }

    [Fact]
    public void Solve_AllEqual_SelectsFirstK()
    {
        var solver = new TopKSolver(5, 3);

        Assert.Equal([1f, 1f, 1f, 0f, 0f], solver.SolveToArray([-0f, 0f, -0f, 0f, 0f]));
    }

    [Fact]
    public void Solve_RandomInstances_MatchStableSortReferenceWithSumK()
    {
        const int Instances = 3000;
        var gen = Gen.Int[1, MaxRandomDimension].SelectMany(n => Gen.Int[1, n].Select(CostGens.SignedWithTies(n)));

        SeededProperty.Check(gen, sample =>
        {
            var (k, costs) = sample;
            var selected = new TopKSolver(costs.Length, k).SolveToArray(costs);

            Assert.Equal(ReferenceOrderings.SmallestK(costs, k), selected);
            Assert.All(selected, y => Assert.True(y is 0f or 1f));
            Assert.Equal(k, selected.Sum());
        }, seed: Seed, Instances);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Solve_SmallDimension_AchievesBruteForceMinimumForEveryK(int n)
    {
        const int InstancesPerK = 150;
        var subsets = Enumerable.Range(0, n + 1).Select(k => BruteForce.EnumerateKSubsets(n, k).ToList()).ToArray();

        SeededProperty.Check(Gen.Int[1, n].Select(CostGens.SignedWithTies(n)), sample =>
        {
            var (k, costs) = sample;
            var selected = new TopKSolver(n, k).SolveToArray(costs);

            var (_, minimum) = BruteForce.ArgMin(subsets[k], costs);
            Assert.True(Tolerances.ObjectivesAgree(minimum, BruteForce.Objective(selected, costs)),
                $"k={k}: objective {BruteForce.Objective(selected, costs)}, brute force {minimum}");
        }, seed: (ulong)(Seed + n), InstancesPerK * n);
    }

    [Fact]
    public void Solve_RandomInstances_DeclaredFactsHoldAndPositiveScalingKeepsOptimum()
    {
        const int Instances = 1000;
        var gen = Gen.Int[1, MaxRandomDimension]
            .SelectMany(n => Gen.Int[1, n].Select(CostGens.SignedWithTies(n), RankingSolverTests.ScaleGen));

        SeededProperty.Check(gen, sample =>
        {
            var (k, costs, scale) = sample;
            var solver = new TopKSolver(costs.Length, k);

            DeclaredFacts.AssertHold(solver, costs, solver.SolveToArray(costs));
            DeclaredFacts.AssertScalingKeepsOptimum(solver, costs, scale);
        }, seed: Seed + 10, Instances);
    }

    [Fact]
    public void Solve_SameInputTwice_SameOutput()
    {
        var solver = new TopKSolver(40, 13);

        SeededProperty.Check(CostGens.SignedWithTies(40), costs =>
            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs)), seed: Seed + 20, iterations: 50);
    }

    [Fact]
    public void Solve_DirtySolutionBuffer_FullyOverwritten()
    {
        var solver = new TopKSolver(4, 1);
        var solution = new[] { 5f, 5f, 5f, 5f };

        solver.Solve([3f, 2f, 1f, 0f], solution);

        Assert.Equal([0f, 0f, 0f, 1f], solution);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "infinite")]
    [InlineData(float.NegativeInfinity, "infinite")]
    public void Solve_InvalidCost_ThrowsArgumentExceptionNamingIndex(float bad, string defect)
    {
        var solver = new TopKSolver(4, 2);
        float[] costs = [1f, 2f, 3f, bad];

        var ex = Assert.Throws<ArgumentException>(() => solver.SolveToArray(costs));

        Assert.Contains("index 3", ex.Message);
        Assert.Contains(defect, ex.Message);
    }

    [Theory]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    public void Solve_WrongSpanLength_ThrowsArgumentException(int costsLength, int solutionLength)
    {
        var solver = new TopKSolver(4, 2);

        Assert.Throws<ArgumentException>(() => solver.Solve(new float[costsLength], new float[solutionLength]));
    }
}
