using Combigrad.Testing;
using CsCheck;
using Xunit.Abstractions;

namespace Combigrad.Solvers.Tests;

/// <summary>
/// <see cref="MinCostPerfectMatchingSolver"/> is exact at any cost magnitudes, with the blossom algorithm on general
/// graphs and the shortest-augmenting-path algorithm on bipartite graphs and grids: big-M entries 1e6 to 1e15 (and up
/// to 1e36) times the other costs, mixed signs, subnormals; every output's exact objective equals the exact optimum of
/// brute-force enumeration (<see cref="ExactObjectives"/>, BigInteger sums).
/// </summary>
public sealed class MinCostPerfectMatchingExtremeCostTests(ITestOutputHelper output)
{
    private const int Seed = 1819;

    [Fact]
    public void Solve_Issue18K4Reproducer_Optimum0866()
    {
        // Issue 18: K4 with two 1e12 edges gave 1.056 (edges 0-3 and 1-2); the optimum is 0.866 (edges 0-1 and 2-3).
        float[] costs = [0.648f, 1e12f, 0.788f, 0.267f, 1e12f, 0.218f];
        var solver = new MinCostPerfectMatchingSolver(UndirectedGraph.Complete(4));

        var y = solver.SolveToArray(costs);

        Assert.Equal([1f, 0f, 0f, 0f, 0f, 1f], y);
        Assert.Equal(ExactObjectives.OptimalPerfectMatching(solver.Graph, costs), ExactObjectives.Objective(y, costs));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Solve_ThousandsOfBigMGeneralGraphs_ExactOptimum(bool bipartiteAlgorithmWhenBipartite)
    {
        const int Graphs = 1200;
        var gen = GeneralGraphs.SelectMany(graph => ExtremeCostGens.WithBigM(graph.EdgeCount).Select(costs => (graph, costs)));
        var solved = 0;

        SeededProperty.Check(gen, sample =>
        {
            var (graph, costs) = sample;
            var optimum = ExactObjectives.OptimalPerfectMatching(graph, costs);
            if (optimum is null) return;
            var solver = new MinCostPerfectMatchingSolver(graph, bipartiteAlgorithmWhenBipartite);
            AssertExactOptimum(solver, costs, optimum.Value);
            solved++;
        }, seed: Seed + (bipartiteAlgorithmWhenBipartite ? 1UL : 0UL), Graphs);

        output.WriteLine($"{solved} feasible instances checked");
        Assert.True(solved > Graphs / 2, $"only {solved} feasible instances");
    }

    [Fact]
    public void Solve_ThousandsOfBigMBipartiteGraphsAndGrids_ExactOptimum()
    {
        const int Instances = 2000;
        var graphs = Gen.Int[0, 2].SelectMany(kind => kind switch
        {
            0 => Gen.Int[1, 4].Select(Gen.Int[1, 3]).Where(s => s.Item1 * s.Item2 * 2 <= PerfectMatchings.MaxVertices)
                .Select(s => UndirectedGraph.Grid(s.Item1 * 2, s.Item2)),
            1 => Gen.Const(UndirectedGraph.Grid(3, 4)),
            _ => Gen.Int[2, 6].SelectMany(half => GraphGens.Bipartite(half, GraphGens.Uniform(0.3, 1.0))),
        });
        var gen = graphs.Where(graph => graph.EdgeCount > 0).SelectMany(graph => ExtremeCostGens.WithBigM(graph.EdgeCount).Select(costs => (graph, costs)));
        var solved = 0;
        var bipartite = 0;

        SeededProperty.Check(gen, sample =>
        {
            var (graph, costs) = sample;
            var optimum = ExactObjectives.OptimalPerfectMatching(graph, costs);
            if (optimum is null) return;
            var solver = new MinCostPerfectMatchingSolver(graph);
            if (solver.IsBipartite) bipartite++;
            AssertExactOptimum(solver, costs, optimum.Value);
            solved++;
        }, seed: Seed + 2, Instances);

        output.WriteLine($"{solved} feasible instances checked, {bipartite} by the bipartite algorithm");
        Assert.True(bipartite > Instances / 2, $"only {bipartite} bipartite instances");
    }

    private static Gen<UndirectedGraph> GeneralGraphs { get; } = Gen.Int[1, PerfectMatchings.MaxVertices / 2].Select(Gen.Int[0, 2])
        .SelectMany(p => p.Item2 switch
        {
            0 => GraphGens.WithPerfectMatching(Math.Min(2 * p.Item1, 10), 0.5),
            1 => Gen.Const(UndirectedGraph.Complete(Math.Min(2 * p.Item1, 8))),
            _ => Gen.Int[1, 2].Select(Gen.Int[0, 4]).SelectMany(t => GraphGens.JoinedTriangles(2 * t.Item1, t.Item2)),
        });

    private static void AssertExactOptimum(MinCostPerfectMatchingSolver solver, float[] costs, System.Numerics.BigInteger optimum)
    {
        var y = solver.SolveToArray(costs);
        var defect = PerfectMatchings.DescribeDefect(solver.Graph, y);
        if (defect is not null) throw new InvalidOperationException($"{solver.Name}: not a perfect matching: {defect}");
        var got = ExactObjectives.Objective(y, costs);
        if (got != optimum)
            throw new InvalidOperationException(
                $"{solver.Name}: objective {ExactObjectives.ToDouble(got):R}, exact optimum {ExactObjectives.ToDouble(optimum):R} " +
                $"(costs {string.Join(", ", costs.Select(c => c.ToString("R")))})");
    }
}
