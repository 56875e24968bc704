using Combigrad.Testing;
using CsCheck;

namespace Combigrad.Solvers.Tests;

public sealed class RankingSolverTests
{
    private const int Seed = 19;
    private const int MaxRandomDimension = 60;

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(RankingSolver.MaxDimension + 1)]
    public void Constructor_DimensionOutOfRange_ThrowsArgumentOutOfRange(int n) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RankingSolver(n));

    [Fact]
    public void Constructor_Valid_HasShapeAndDeclaredFacts()
    {
        var solver = new RankingSolver(7);

        Assert.Equal([7], solver.InstanceShape);
        Assert.Equal(7, solver.Dimension);
        Assert.Equal(new SolutionSetFacts(HasConstantSum: true, RequiresNonNegativeCosts: false), solver.Facts);
    }

    [Fact]
    public void Solve_DistinctCosts_LargestCostGetsRankOne()
    {
        var solver = new RankingSolver(4);

        var ranks = solver.SolveToArray([0.5f, 3f, -2f, 1f]);

        Assert.Equal([3f, 1f, 4f, 2f], ranks);
    }

    [Fact]
    public void Solve_TiedCosts_LowerIndexGetsSmallerRank()
    {
        var solver = new RankingSolver(5);

        var ranks = solver.SolveToArray([2f, 5f, 2f, 5f, 2f]);

        Assert.Equal([3f, 1f, 4f, 2f, 5f], ranks);
    }

    [Fact]
    public void Solve_PositiveAndNegativeZero_TreatedAsTie()
    {
        var solver = new RankingSolver(2);

        Assert.Equal([1f, 2f], solver.SolveToArray([0f, -0f]));
        Assert.Equal([1f, 2f], solver.SolveToArray([-0f, 0f]));
    }

    [Fact]
    public void Solve_RandomInstances_MatchStableSortReferenceAndArePermutations()
    {
        const int Instances = 3000;
        var gen = Gen.Int[1, MaxRandomDimension].SelectMany(CostGens.SignedWithTies);

        SeededProperty.Check(gen, costs =>
        {
            var n = costs.Length;
            var ranks = new RankingSolver(n).SolveToArray(costs);

            Assert.Equal(ReferenceOrderings.Ranks(costs), ranks);
            Assert.Equal(Enumerable.Range(1, n).Select(r => (float)r), ranks.Order());
            Assert.Equal(n * (n + 1) / 2.0, ranks.Sum(r => (double)r));
        }, seed: Seed, Instances);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Solve_SmallDimension_AchievesBruteForceMinimum(int n)
    {
        const int Instances = 400;
        var solver = new RankingSolver(n);
        var permutations = BruteForce.EnumeratePermutations(n).ToList();

        SeededProperty.Check(CostGens.SignedWithTies(n), costs =>
        {
            var ranks = solver.SolveToArray(costs);

            var (_, minimum) = BruteForce.ArgMin(permutations, costs);
            Assert.True(Tolerances.ObjectivesAgree(minimum, BruteForce.Objective(ranks, costs)),
                $"objective {BruteForce.Objective(ranks, costs)}, brute force {minimum}");
        }, seed: (ulong)(Seed + n), Instances);
    }

    [Fact]
    public void Solve_RandomInstances_DeclaredFactsHoldAndPositiveScalingKeepsOptimum()
    {
        const int Instances = 1000;
        var gen = Gen.Int[1, MaxRandomDimension].SelectMany(CostGens.SignedWithTies).Select(ScaleGen);

        SeededProperty.Check(gen, sample =>
        {
            var (costs, scale) = sample;
            var solver = new RankingSolver(costs.Length);

            DeclaredFacts.AssertHold(solver, costs, solver.SolveToArray(costs));
            DeclaredFacts.AssertScalingKeepsOptimum(solver, costs, scale);
        }, seed: Seed + 10, Instances);
    }

    [Fact]
    public void Solve_SameInputTwice_SameOutput()
    {
        var solver = new RankingSolver(40);

        SeededProperty.Check(CostGens.SignedWithTies(40), costs =>
            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs)), seed: Seed + 20, iterations: 50);
    }

    /// <summary>Positive scales: half powers of two in [2^-8, 2^8] (exact), half continuous in [0.01, 100].</summary>
    internal static Gen<float> ScaleGen { get; } = Gen.Bool.SelectMany(powerOfTwo => powerOfTwo
        ? Gen.Int[-8, 8].Select(e => MathF.ScaleB(1f, e))
        : Gen.Double[Math.Log(DeclaredFacts.MinScale), Math.Log(DeclaredFacts.MaxScale)].Select(l => (float)Math.Exp(l)));

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "infinite")]
    [InlineData(float.NegativeInfinity, "infinite")]
    public void Solve_InvalidCost_ThrowsArgumentExceptionNamingIndex(float bad, string defect)
    {
        var solver = new RankingSolver(4);
        float[] costs = [1f, 2f, bad, 3f];

        var ex = Assert.Throws<ArgumentException>(() => solver.SolveToArray(costs));

        Assert.Contains("index 2", ex.Message);
        Assert.Contains(defect, ex.Message);
    }

    [Fact]
    public void Solve_NegativeCosts_Accepted()
    {
        var solver = new RankingSolver(3);

        Assert.Equal([2f, 3f, 1f], solver.SolveToArray([-1f, -5f, -0.5f]));
    }

    [Theory]
    [InlineData(3, 4)]
    [InlineData(4, 3)]
    public void Solve_WrongSpanLength_ThrowsArgumentException(int costsLength, int solutionLength)
    {
        var solver = new RankingSolver(4);

        Assert.Throws<ArgumentException>(() => solver.Solve(new float[costsLength], new float[solutionLength]));
    }
}
