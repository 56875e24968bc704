using BenchmarkDotNet.Attributes;
using Combigrad.Solvers;

namespace Combigrad.Benchmarks;

/// <summary>
/// The grid shortest-path solver against its frozen pre-speed-up copy (<see cref="GridBaseline.GridShortestPathSolver"/>)
/// on the instances of <c>bench solvers</c> (uniform costs in [0, 10), seed <c>SolverBenchmarkRunner.DefaultSeed</c>),
/// 50 instances per operation; both return identical paths.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class GridShortestPathSpeedupBenchmark
{
    private const int InstanceCount = 50;
    private const float MaxCost = 10f;

    private float[][] _costs = [];
    private float[] _path = [];
    private GridShortestPathSolver _current = null!;
    private GridBaseline.GridShortestPathSolver _baseline = null!;

    /// <summary>Side of the square grid.</summary>
    [Params(12, 30)]
    public int GridSize { get; set; }

    /// <summary>Builds the instances and checks that both solvers return the same paths.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Experiments.Benchmarks.SolverBenchmarkRunner.DefaultSeed);
        _costs = Enumerable.Range(0, InstanceCount)
            .Select(_ => Enumerable.Range(0, GridSize * GridSize).Select(_ => (float)random.NextDouble() * MaxCost).ToArray())
            .ToArray();
        _path = new float[GridSize * GridSize];
        _current = new GridShortestPathSolver(GridSize);
        _baseline = new GridBaseline.GridShortestPathSolver(GridSize);
        var expected = new float[_path.Length];
        foreach (var costs in _costs)
        {
            _current.Solve(costs, _path);
            _baseline.Solve(costs, expected);
            if (!_path.AsSpan().SequenceEqual(expected)) throw new InvalidOperationException("The solvers return different paths.");
        }
    }

    /// <summary>The pre-speed-up solver on every instance.</summary>
    [Benchmark(Baseline = true)]
    public void Baseline()
    {
        foreach (var costs in _costs) _baseline.Solve(costs, _path);
    }

    /// <summary>The current solver on every instance.</summary>
    [Benchmark]
    public void Current()
    {
        foreach (var costs in _costs) _current.Solve(costs, _path);
    }
}
