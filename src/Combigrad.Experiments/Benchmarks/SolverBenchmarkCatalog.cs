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
        new AssignmentBenchmarkCase(size: 50, bigMExponent: 48),
        new AssignmentBenchmarkCase(size: 200, instanceCount: 10, repetitions: 5),
        new AssignmentBenchmarkCase(size: 1000, instanceCount: 3, repetitions: 3),
        new RectangularAssignmentBenchmarkCase(rows: 100, columns: 200, RectangularAssignmentReference.OrTools),
        new RectangularAssignmentBenchmarkCase(rows: 100, columns: 200, RectangularAssignmentReference.PaddedSquare),
        new RectangularAssignmentBenchmarkCase(rows: 200, columns: 220, RectangularAssignmentReference.PaddedSquare),
        new KnapsackBenchmarkCase(itemCount: 100),
        PerfectMatchingBenchmarkCase.Grid(side: 16),
        PerfectMatchingBenchmarkCase.Delaunay(pointCount: 100),
        new GraphMatchingExactBenchmarkCase(keypoints: 10, instanceCount: 5),
        new GraphMatchingApproximateBenchmarkCase(keypoints: 10),
    ];
}
