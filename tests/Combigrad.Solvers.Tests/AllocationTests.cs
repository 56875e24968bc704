namespace Combigrad.Solvers.Tests;

/// <summary>Solvers allocate nothing per call once the thread's workspace has grown to the instance size.</summary>
public sealed class AllocationTests
{
    private const int WarmUpCalls = 200;
    private const int MeasuredCalls = 200;

    [Theory]
    [InlineData("grid")]
    [InlineData("ranking")]
    [InlineData("topk")]
    public void Solve_SteadyState_AllocatesNothing(string kind)
    {
        ISolver solver = kind switch
        {
            "grid" => new GridShortestPathSolver(12),
            "ranking" => new RankingSolver(100),
            _ => new TopKSolver(100, 10),
        };
        var random = new Random(kind.Length);
        var costs = new float[solver.Dimension];
        for (var i = 0; i < costs.Length; i++) costs[i] = (float)random.NextDouble();
        var solution = new float[solver.Dimension];

        for (var i = 0; i < WarmUpCalls; i++) solver.Solve(costs, solution);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < MeasuredCalls; i++) solver.Solve(costs, solution);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Solve_AlternatingGridSizesOnOneThread_AllocatesNothingAfterGrowth()
    {
        var large = new GridShortestPathSolver(30);
        var small = new GridShortestPathSolver(5, 7);
        var largeCosts = new float[large.Dimension];
        var smallCosts = new float[small.Dimension];
        var largeSolution = new float[large.Dimension];
        var smallSolution = new float[small.Dimension];

        for (var i = 0; i < WarmUpCalls; i++)
        {
            large.Solve(largeCosts, largeSolution);
            small.Solve(smallCosts, smallSolution);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < MeasuredCalls; i++)
        {
            small.Solve(smallCosts, smallSolution);
            large.Solve(largeCosts, largeSolution);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
