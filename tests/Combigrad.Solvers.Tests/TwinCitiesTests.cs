namespace Combigrad.Solvers.Tests;

public sealed class TwinCitiesTests
{
    private const int K = 6;
    private const int NoCity = -1;

    [Fact]
    public void Link_CoincidentPointsOnALine_LinksEachClassInIndexOrder()
    {
        // Positions on a line (a metric): cities 1, 3, 4 coincide, and so do 2 and 5.
        var costs = LineCosts([0.0, 2.0, 5.0, 2.0, 2.0, 5.0]);
        var next = new int[K];

        var links = TwinCities.Link(costs, K, next, new int[K]);

        Assert.Equal(3, links);
        Assert.Equal([NoCity, 3, 5, 4, NoCity, NoCity], next);
    }

    [Fact]
    public void Link_TwinsWithDearMutualCost_LinksNothing()
    {
        // Twins 1 and 3 cost more to each other than a detour through them saves: visiting them apart can be shorter.
        var costs = LineCosts([0.0, 2.0, 5.0, 2.0, 7.0, 9.0]);
        costs[1 * K + 3] = costs[3 * K + 1] = 100.0;
        var next = new int[K];

        Assert.Equal(0, TwinCities.Link(costs, K, next, new int[K]));
        Assert.All(next, v => Assert.Equal(NoCity, v));
    }

    [Fact]
    public void Link_RowsDifferingInOneEntry_AreNotTwins()
    {
        var costs = LineCosts([0.0, 2.0, 5.0, 2.0, 7.0, 9.0]);
        costs[3 * K + 5] = costs[5 * K + 3] = Math.BitIncrement(costs[3 * K + 5]);

        Assert.Equal(0, TwinCities.Link(costs, K, new int[K], new int[K]));
    }

    private static double[] LineCosts(double[] positions)
    {
        var costs = new double[K * K];
        for (var i = 0; i < K; i++)
            for (var j = 0; j < K; j++)
                costs[i * K + j] = i == j ? 0 : Math.Abs(positions[i] - positions[j]);
        return costs;
    }
}
