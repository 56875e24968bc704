using Combigrad.Experiments.Benchmarks;

namespace Combigrad.Experiments.Tests.Benchmarks;

public sealed class BigMBenchmarkCaseTests
{
    private const int Seed = 78;

    public static TheoryData<string> ReferenceCases => ["tsp", "tsp wide", "grid matching", "delaunay matching wide"];

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Run_SmallBigMCase_SameOptimumAsReference(string kind)
    {
        ISolverBenchmarkCase benchmark = kind switch
        {
            "tsp" => new TspBenchmarkCase(cityCount: 8, instanceCount: 3, bigM: SolverBenchmarkCatalog.BigM),
            "tsp wide" => new TspBenchmarkCase(cityCount: 8, instanceCount: 3, bigM: SolverBenchmarkCatalog.WideBigM),
            "grid matching" => PerfectMatchingBenchmarkCase.Grid(side: 4, instanceCount: 3, bigM: SolverBenchmarkCatalog.BigM),
            _ => PerfectMatchingBenchmarkCase.Delaunay(pointCount: 20, instanceCount: 3, bigM: SolverBenchmarkCatalog.WideBigM),
        };

        var result = SolverBenchmarkRunner.Run(benchmark, Seed);

        Assert.StartsWith("identical optimal", result.Check);
        Assert.Contains("big-M", result.Size);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Run_FastPathCase_AvoidsBigMAndTimesBothSides(bool tsp)
    {
        var benchmark = tsp
            ? BigMFastPathBenchmarkCase.Tsp(cityCount: 8, SolverBenchmarkCatalog.WideBigM, instanceCount: 3)
            : BigMFastPathBenchmarkCase.PerfectMatchingGrid(side: 4, SolverBenchmarkCatalog.WideBigM, instanceCount: 3);

        var result = SolverBenchmarkRunner.Run(benchmark, Seed);

        Assert.Equal("big-M entry avoided on all 3 instances", result.Check);
        Assert.True(result.MedianMicroseconds > 0 && result.ReferenceMedianMicroseconds > 0);
    }
}
