using Combigrad.Testing;

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
        var random = new Random(Seed);

        for (var instance = 0; instance < Instances; instance++)
        {
            var n = random.Next(1, MaxRandomDimension + 1);
            var costs = RandomCosts.MixedSigned(random, n);
            var solver = new RankingSolver(n);

            var ranks = solver.SolveToArray(costs);

            Assert.Equal(ReferenceOrderings.Ranks(costs), ranks);
            Assert.Equal(Enumerable.Range(1, n).Select(r => (float)r), ranks.Order());
            Assert.Equal(n * (n + 1) / 2.0, ranks.Sum(r => (double)r));
        }
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
        var random = new Random(Seed + n);

        for (var instance = 0; instance < Instances; instance++)
        {
            var costs = RandomCosts.MixedSigned(random, n);

            var ranks = solver.SolveToArray(costs);

            var (_, minimum) = BruteForce.ArgMin(permutations, costs);
            Assert.True(Tolerances.ObjectivesAgree(minimum, BruteForce.Objective(ranks, costs)),
                $"instance {instance}: objective {BruteForce.Objective(ranks, costs)}, brute force {minimum}");
        }
    }

    [Fact]
    public void Solve_SameInputTwice_SameOutput()
    {
        var solver = new RankingSolver(40);
        var costs = RandomCosts.SmallIntegers(new Random(Seed), 40, -2, 2);

        Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs));
    }

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
