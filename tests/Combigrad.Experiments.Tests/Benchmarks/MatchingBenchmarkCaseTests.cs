using System.Text.Json;
using Combigrad.Experiments.Benchmarks;

namespace Combigrad.Experiments.Tests.Benchmarks;

public sealed class MatchingBenchmarkCaseTests
{
    private const int Seed = 77;

    public static TheoryData<string> SmallCases => ["grid", "delaunay", "graph matching exact"];

    [Theory]
    [MemberData(nameof(SmallCases))]
    public void Run_SmallExactCase_VerifiesAgainstReference(string kind)
    {
        ISolverBenchmarkCase benchmark = kind switch
        {
            "grid" => PerfectMatchingBenchmarkCase.Grid(side: 4, instanceCount: 3),
            "delaunay" => PerfectMatchingBenchmarkCase.Delaunay(pointCount: 20, instanceCount: 3),
            _ => new GraphMatchingExactBenchmarkCase(keypoints: 6, instanceCount: 3),
        };

        var result = SolverBenchmarkRunner.Run(benchmark, Seed);

        Assert.StartsWith("identical optimal", result.Check);
        Assert.True(result.MedianMicroseconds > 0 && result.ReferenceMedianMicroseconds > 0);
        Assert.Null(result.MeanGap);
        Assert.DoesNotContain("mean_gap", JsonSerializer.Serialize(result));
    }

    [Fact]
    public void Run_ApproximateGraphMatching_ReportsMeanGapInJson()
    {
        var result = SolverBenchmarkRunner.Run(new GraphMatchingApproximateBenchmarkCase(keypoints: 6, instanceCount: 3), Seed);

        Assert.NotNull(result.MeanGap);
        Assert.InRange(result.MeanGap.Value, 0, 1);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result));
        Assert.Equal(result.MeanGap.Value, json.RootElement.GetProperty("mean_gap").GetDouble());
        Assert.Contains("mean relative gap", result.Check);
    }

    [Fact]
    public void ExhaustiveGraphMatching_TwoEdges_PicksRewardedEdgeMatch()
    {
        // Paths 0-1-2 on both sides; vertex costs 0; the only edge-pair reward is for mapping edge 0 onto edge 1.
        var path = new Combigrad.Solvers.UndirectedGraph(3, [(0, 1), (1, 2)]);
        var costs = new float[9 + 4];
        costs[9 + 0 * 2 + 1] = -5;

        Assert.Equal(-5, ExhaustiveGraphMatching.OptimalObjective(path, path, costs));
    }
}
