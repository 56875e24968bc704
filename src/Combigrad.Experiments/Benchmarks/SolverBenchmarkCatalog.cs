namespace Combigrad.Experiments.Benchmarks;

/// <summary>The cases of <c>combigrad bench solvers</c>, in report order, with the targets of issue 4.</summary>
public static class SolverBenchmarkCatalog
{
    /// <summary>Fresh instances of every benchmark case.</summary>
    public static IReadOnlyList<ISolverBenchmarkCase> All() =>
    [
        new TspBenchmarkCase(cityCount: 20),
        new GridShortestPathBenchmarkCase(gridSize: 12),
        new GridShortestPathBenchmarkCase(gridSize: 30),
        new GridBatchBenchmarkCase(gridSize: 30, batchSize: 70, threads: 2),
        new AssignmentBenchmarkCase(size: 50),
        new KnapsackBenchmarkCase(itemCount: 100),
        new KnapsackCorrelatedBenchmarkCase(itemCount: 100, constraintCount: 5, instanceCount: 3),
        PerfectMatchingBenchmarkCase.Grid(side: 16),
        PerfectMatchingBenchmarkCase.Delaunay(pointCount: 100),
        new GraphMatchingExactBenchmarkCase(keypoints: 10, instanceCount: 5),
        new GraphMatchingDenseBenchmarkCase(keypoints: 10, instanceCount: 3),
        new GraphMatchingApproximateBenchmarkCase(keypoints: 10),
    ];
}
