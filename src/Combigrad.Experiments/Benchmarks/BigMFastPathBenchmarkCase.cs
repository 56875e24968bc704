using Combigrad.Solvers;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>
/// What one big-M entry costs an exact solver: the same solver on the same seeded instances with and without one
/// "forbidden" entry of cost <c>bigM</c> (the reference is the well-scaled run, so a ratio near 1 means the fast path
/// is kept). Verified by checking that no output uses a big-M entry (every instance has a solution avoiding it).
/// </summary>
public sealed class BigMFastPathBenchmarkCase : ISolverBenchmarkCase
{
    private readonly Func<Random, (ISolver Solver, float[] Costs)> _build;
    private readonly Action<Random, float[]> _addBigM;
    private readonly float _bigM;
    private ISolver? _solver;
    private float[][] _wellScaled = [];
    private float[][] _withBigM = [];
    private float[][] _wellScaledOutputs = [];
    private float[][] _bigMOutputs = [];

    private BigMFastPathBenchmarkCase(string solver, string size, float bigM, int instanceCount,
        Func<Random, (ISolver Solver, float[] Costs)> build, Action<Random, float[]> addBigM)
    {
        Solver = solver;
        Size = $"{size}, big-M {bigM:G3}";
        InstanceCount = instanceCount;
        _bigM = bigM;
        _build = build;
        _addBigM = addBigM;
    }

    /// <summary>Globe TSP instances of <see cref="TspBenchmarkCase"/> with one big-M edge.</summary>
    public static BigMFastPathBenchmarkCase Tsp(int cityCount, float bigM, int instanceCount = 10) =>
        new("Tsp", $"k={cityCount}", bigM, instanceCount,
            random => (new TspSolver(cityCount), BenchmarkInstances.SphereTspCosts(random, cityCount)),
            (random, costs) => BenchmarkInstances.SetBigMEdge(random, costs, cityCount, bigM));

    /// <summary>Perfect matchings of the <paramref name="side"/> x <paramref name="side"/> grid with integer costs in
    /// <c>[0, 1000]</c> (as <see cref="PerfectMatchingBenchmarkCase.Grid"/>) and one big-M edge.</summary>
    public static BigMFastPathBenchmarkCase PerfectMatchingGrid(int side, float bigM, int instanceCount = 20)
    {
        var solver = MinCostPerfectMatchingSolver.ForGrid(side, side);
        return new("MinCostPerfectMatching", $"grid {side}x{side}", bigM, instanceCount,
            random => (solver, BenchmarkInstances.IntegerCosts(random, solver.Dimension, 0, 1000)),
            (random, costs) => costs[random.Next(costs.Length)] = bigM);
    }

    /// <inheritdoc/>
    public string Solver { get; }

    /// <inheritdoc/>
    public string Size { get; }

    /// <inheritdoc/>
    public string Reference => "same solver, same instances without the big-M entry";

    /// <inheritdoc/>
    public int InstanceCount { get; }

    /// <inheritdoc/>
    public int ReferenceRepetitions => 20;

    /// <inheritdoc/>
    public int VariantRepetitions => 20;

    /// <inheritdoc/>
    public void Prepare(int seed)
    {
        var random = new Random(seed);
        _wellScaled = new float[InstanceCount][];
        for (var i = 0; i < InstanceCount; i++) (_solver, _wellScaled[i]) = _build(random);
        _withBigM = _wellScaled.Select(costs =>
        {
            var copy = (float[])costs.Clone();
            _addBigM(random, copy);
            return copy;
        }).ToArray();
        _wellScaledOutputs = _wellScaled.Select(c => new float[c.Length]).ToArray();
        _bigMOutputs = _withBigM.Select(c => new float[c.Length]).ToArray();
        for (var i = 0; i < InstanceCount; i++)
        {
            RunVariant(i);
            RunReference(i);
        }
    }

    /// <inheritdoc/>
    public void RunVariant(int instance) => _solver!.Solve(_withBigM[instance], _bigMOutputs[instance]);

    /// <inheritdoc/>
    public void RunReference(int instance) => _solver!.Solve(_wellScaled[instance], _wellScaledOutputs[instance]);

    /// <inheritdoc/>
    public string Verify()
    {
        for (var i = 0; i < InstanceCount; i++)
            for (var e = 0; e < _withBigM[i].Length; e++)
                if (_bigMOutputs[i][e] != 0f && _withBigM[i][e] == _bigM)
                    throw new InvalidOperationException($"{Solver} instance {i}: the output uses the big-M entry {e}.");
        return $"big-M entry avoided on all {InstanceCount} instances";
    }
}
