using BenchmarkDotNet.Attributes;
using Combigrad.Experiments.Benchmarks;

namespace Combigrad.Benchmarks;

/// <summary>Globe TSP, k = 20, 10 instances: <c>TspSolver</c> against OR-Tools CP-SAT <c>AddCircuit</c> (1 worker).</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class TspBenchmark : SolverComparisonBenchmark
{
    /// <inheritdoc/>
    protected override ISolverBenchmarkCase CreateCase() => new TspBenchmarkCase(cityCount: 20);
}

/// <summary>Grid shortest path 12x12, 50 instances, against Dijkstra on a <c>SortedSet</c>.</summary>
public class GridShortestPath12Benchmark : SolverComparisonBenchmark
{
    /// <inheritdoc/>
    protected override ISolverBenchmarkCase CreateCase() => new GridShortestPathBenchmarkCase(gridSize: 12);
}

/// <summary>Grid shortest path 30x30, 50 instances, against Dijkstra on a <c>SortedSet</c>.</summary>
public class GridShortestPath30Benchmark : SolverComparisonBenchmark
{
    /// <inheritdoc/>
    protected override ISolverBenchmarkCase CreateCase() => new GridShortestPathBenchmarkCase(gridSize: 30);
}

/// <summary>Batches of 70 grid instances (30x30) on 2 threads against 1 thread.</summary>
public class GridBatchBenchmark : SolverComparisonBenchmark
{
    /// <inheritdoc/>
    protected override ISolverBenchmarkCase CreateCase() => new GridBatchBenchmarkCase(gridSize: 30, batchSize: 70, threads: 2);
}

/// <summary>Linear assignment 50x50, 20 instances, against OR-Tools <c>LinearSumAssignment</c>.</summary>
public class AssignmentBenchmark : SolverComparisonBenchmark
{
    /// <inheritdoc/>
    protected override ISolverBenchmarkCase CreateCase() => new AssignmentBenchmarkCase(size: 50);
}

/// <summary>0/1 knapsack with 100 items, 20 instances, against OR-Tools' knapsack branch-and-bound solver.</summary>
public class KnapsackBenchmark : SolverComparisonBenchmark
{
    /// <inheritdoc/>
    protected override ISolverBenchmarkCase CreateCase() => new KnapsackBenchmarkCase(itemCount: 100);
}
