using Combigrad.Solvers;
using OrToolsKnapsackSolver = Google.OrTools.Algorithms.KnapsackSolver;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>0/1 knapsack with integer weights and values (uncorrelated, capacity half the total weight):
/// <see cref="KnapsackSolver"/> on costs <c>-value</c> against OR-Tools' knapsack branch-and-bound solver (initialised
/// per call); optimal values must match.</summary>
public sealed class KnapsackBenchmarkCase(int itemCount = 100, int instanceCount = 20) : ISolverBenchmarkCase
{
    private const int MaxWeight = 100;
    private const int MaxValue = 100;

    private KnapsackSolver[] _solvers = [];
    private float[][] _costs = [];
    private float[][] _selections = [];
    private long[][] _referenceWeights = [];
    private long[] _referenceCapacities = [];
    private long[][] _referenceValues = [];
    private long[] _referenceOptimum = [];
    private OrToolsKnapsackSolver? _reference;

    /// <inheritdoc/>
    public string Solver => "Knapsack";

    /// <inheritdoc/>
    public string Size => $"n={itemCount}";

    /// <inheritdoc/>
    public string Reference => "OR-Tools KnapsackSolver (branch and bound)";

    /// <inheritdoc/>
    public int InstanceCount => instanceCount;

    /// <inheritdoc/>
    public int ReferenceRepetitions => 10;

    /// <inheritdoc/>
    public int VariantRepetitions => 10;

    /// <inheritdoc/>
    public void Prepare(int seed)
    {
        var random = new Random(seed);
        _solvers = new KnapsackSolver[instanceCount];
        _costs = new float[instanceCount][];
        _selections = new float[instanceCount][];
        _referenceWeights = new long[instanceCount][];
        _referenceCapacities = new long[instanceCount];
        _referenceValues = new long[instanceCount][];
        _referenceOptimum = new long[instanceCount];
        for (var i = 0; i < instanceCount; i++)
        {
            var weights = BenchmarkInstances.IntegerCosts(random, itemCount, 1, MaxWeight);
            var values = BenchmarkInstances.IntegerCosts(random, itemCount, 1, MaxValue);
            var capacity = MathF.Floor(weights.Sum() / 2);
            _solvers[i] = new KnapsackSolver(weights, capacity);
            _costs[i] = values.Select(v => -v).ToArray();
            _selections[i] = new float[itemCount];
            _referenceWeights[i] = weights.Select(w => (long)w).ToArray();
            _referenceCapacities[i] = (long)capacity;
            _referenceValues[i] = values.Select(v => (long)v).ToArray();
        }
        _reference = new OrToolsKnapsackSolver(OrToolsKnapsackSolver.SolverType.KNAPSACK_MULTIDIMENSION_BRANCH_AND_BOUND_SOLVER, "reference");
        for (var i = 0; i < instanceCount; i++)
        {
            RunVariant(i);
            RunReference(i);
        }
    }

    /// <inheritdoc/>
    public void RunVariant(int instance) => _solvers[instance].Solve(_costs[instance], _selections[instance]);

    /// <inheritdoc/>
    public void RunReference(int instance)
    {
        var weights = new long[1, itemCount];
        for (var i = 0; i < itemCount; i++) weights[0, i] = _referenceWeights[instance][i];
        _reference!.Init(_referenceValues[instance], weights, [_referenceCapacities[instance]]);
        _referenceOptimum[instance] = _reference.Solve();
    }

    /// <inheritdoc/>
    public string Verify()
    {
        for (var i = 0; i < instanceCount; i++)
        {
            var value = 0.0;
            for (var item = 0; item < itemCount; item++) value -= _selections[i][item] * _costs[i][item];
            if (value != _referenceOptimum[i])
                throw new InvalidOperationException($"Knapsack instance {i}: value {value}, OR-Tools {_referenceOptimum[i]}.");
        }
        return $"identical optimal values on all {instanceCount} instances";
    }
}
