namespace Combigrad.Experiments.Benchmarks;

/// <summary>The cases of <c>combigrad bench solvers</c>, in report order, with the targets of issue 4 (and the big-M rows
/// of issue 18).</summary>
public static class SolverBenchmarkCatalog
{
    /// <summary>A big-M cost 1e12 times the unit of the integer instances: the exact solvers stay on their 64-bit path.</summary>
    public const float BigM = 1e12f;

    /// <summary>A big-M cost 1e15 times the unit: beyond 64-bit headroom, so the exact solvers run in 128-bit integers.</summary>
    public const float WideBigM = 1e15f;

    /// <summary>Fresh instances of every benchmark case.</summary>
    public static IReadOnlyList<ISolverBenchmarkCase> All() =>
    [
        new TspBenchmarkCase(cityCount: 20),
        new TspBenchmarkCase(cityCount: 20, bigM: BigM),
        new TspBenchmarkCase(cityCount: 20, bigM: WideBigM),
        BigMFastPathBenchmarkCase.Tsp(cityCount: 20, BigM),
        BigMFastPathBenchmarkCase.Tsp(cityCount: 20, WideBigM),
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
        new KnapsackCorrelatedBenchmarkCase(itemCount: 100, constraintCount: 5, instanceCount: 3),
        PerfectMatchingBenchmarkCase.Grid(side: 16),
        PerfectMatchingBenchmarkCase.Delaunay(pointCount: 100),
        PerfectMatchingBenchmarkCase.Grid(side: 16, bigM: BigM),
        PerfectMatchingBenchmarkCase.Delaunay(pointCount: 100, bigM: WideBigM),
        BigMFastPathBenchmarkCase.PerfectMatchingGrid(side: 16, BigM),
        BigMFastPathBenchmarkCase.PerfectMatchingGrid(side: 16, WideBigM),
        new GraphMatchingExactBenchmarkCase(keypoints: 10, instanceCount: 5),
        new GraphMatchingDenseBenchmarkCase(keypoints: 10, instanceCount: 3),
        new GraphMatchingApproximateBenchmarkCase(keypoints: 10),
    ];
}
