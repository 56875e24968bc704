using Combigrad.Testing;

namespace Combigrad.Solvers.Tests;

/// <summary>Sanity checks of the oracles themselves, against independently counted sizes.</summary>
public sealed class BruteForceTests
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 2, 5, 4)]
    [InlineData(3, 3, 235, 62)]
    [InlineData(3, 4, 2922, 356)]
    [InlineData(4, 3, 2922, 356)]
    [InlineData(4, 4, 96371, 3441)]
    public void EnumerateSimpleGridPaths_SmallGrids_KnownCounts(int rows, int cols, long paths, int distinctCellSets)
    {
        Assert.Equal(paths, BruteForce.CountSimpleGridPaths(rows, cols));
        var indicators = BruteForce.EnumerateSimpleGridPaths(rows, cols);
        Assert.Equal(distinctCellSets, indicators.Count);
        Assert.All(indicators, y => Assert.Null(GridPaths.DescribePathDefect(rows, cols, y)));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 6)]
    [InlineData(6, 720)]
    public void EnumeratePermutations_Size_FactorialDistinctPermutations(int n, int factorial)
    {
        var permutations = BruteForce.EnumeratePermutations(n).ToList();

        Assert.Equal(factorial, permutations.Count);
        Assert.Equal(factorial, permutations.Select(p => string.Join(",", p)).Distinct().Count());
        Assert.All(permutations, p => Assert.Equal(Enumerable.Range(1, n).Select(v => (float)v), p.Order()));
    }

    [Theory]
    [InlineData(4, 0, 1)]
    [InlineData(5, 2, 10)]
    [InlineData(6, 3, 20)]
    [InlineData(6, 6, 1)]
    public void EnumerateKSubsets_Size_BinomialCount(int n, int k, int binomial)
    {
        var subsets = BruteForce.EnumerateKSubsets(n, k).ToList();

        Assert.Equal(binomial, subsets.Count);
        Assert.All(subsets, y => Assert.Equal(k, y.Sum()));
    }

    [Fact]
    public void ArgMin_Ties_ReturnsFirstMinimiser()
    {
        float[][] solutions = [[1f, 0f], [0f, 1f], [1f, 1f]];

        var (solution, objective) = BruteForce.ArgMin(solutions, [2f, 2f]);

        Assert.Same(solutions[0], solution);
        Assert.Equal(2.0, objective);
    }

    [Fact]
    public void ReferenceMinimumCost_ThreeByThree_HandComputed() =>
        Assert.Equal(4.0, GridPaths.ReferenceMinimumCost(3, 3, [1f, 1f, 1f, 9f, 100f, 1f, 9f, 9f, 1f]));
}
