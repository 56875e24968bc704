using Combigrad.Solvers;
using Google.OrTools.Sat;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>
/// Correlated multi-dimensional 0/1 knapsack, generated as in Chu and Beasley (1998, "A genetic algorithm for the
/// multidimensional knapsack problem", J. Heuristics 4): weights uniform integers in <c>[0, MaxWeight]</c>, capacities
/// half of each constraint's total, values <c>sum_c a[c, i] / m + uniform integer in [0, ValueNoise]</c> (correlated with
/// the weights, the hard case). <see cref="KnapsackSolver"/> on costs <c>-value</c> against the same instance as a plain
/// CP-SAT model (one worker); optimal values must be identical.
/// </summary>
public sealed class KnapsackCorrelatedBenchmarkCase(int itemCount = 100, int constraintCount = 5, int instanceCount = 3)
    : ISolverBenchmarkCase
{
    private const int MaxWeight = 1000;
    private const int ValueNoise = 500;

    /// <summary>How long the CP-SAT reference may take per instance.</summary>
    public static readonly TimeSpan ReferenceTimeLimit = TimeSpan.FromSeconds(300);

    private KnapsackSolver[] _solvers = [];
    private float[][] _costs = [];
    private float[][] _selections = [];
    private long[][,] _weights = [];
    private long[][] _capacities = [];
    private long[] _referenceOptimum = [];

    /// <inheritdoc/>
    public string Solver => "Knapsack correlated";

    /// <inheritdoc/>
    public string Size => $"n={itemCount}, constraints={constraintCount}";

    /// <inheritdoc/>
    public string Reference => "OR-Tools CP-SAT model, 1 worker";

    /// <inheritdoc/>
    public int InstanceCount => instanceCount;

    /// <inheritdoc/>
    public int ReferenceRepetitions => 1;

    /// <inheritdoc/>
    public int VariantRepetitions => 1;

    /// <inheritdoc/>
    public void Prepare(int seed)
    {
        var random = new Random(seed);
        _solvers = new KnapsackSolver[instanceCount];
        _costs = new float[instanceCount][];
        _selections = new float[instanceCount][];
        _weights = new long[instanceCount][,];
        _capacities = new long[instanceCount][];
        _referenceOptimum = new long[instanceCount];
        for (var k = 0; k < instanceCount; k++)
        {
            var weights = new float[constraintCount, itemCount];
            var capacities = new float[constraintCount];
            var values = new float[itemCount];
            _weights[k] = new long[constraintCount, itemCount];
            _capacities[k] = new long[constraintCount];
            for (var c = 0; c < constraintCount; c++)
            {
                var total = 0L;
                for (var i = 0; i < itemCount; i++)
                {
                    var w = random.Next(0, MaxWeight + 1);
                    weights[c, i] = w;
                    _weights[k][c, i] = w;
                    total += w;
                    values[i] += w;
                }
                capacities[c] = total / 2;
                _capacities[k][c] = total / 2;
            }
            for (var i = 0; i < itemCount; i++) values[i] = MathF.Floor(values[i] / constraintCount) + random.Next(0, ValueNoise + 1);
            _solvers[k] = new KnapsackSolver(weights, capacities);
            _costs[k] = values.Select(v => -v).ToArray();
            _selections[k] = new float[itemCount];
        }
    }

    /// <inheritdoc/>
    public void RunVariant(int instance) => _solvers[instance].Solve(_costs[instance], _selections[instance]);

    /// <inheritdoc/>
    public void RunReference(int instance)
    {
        var model = new CpModel();
        var y = new BoolVar[itemCount];
        for (var i = 0; i < itemCount; i++) y[i] = model.NewBoolVar(string.Empty);
        var row = new long[itemCount];
        for (var c = 0; c < constraintCount; c++)
        {
            for (var i = 0; i < itemCount; i++) row[i] = _weights[instance][c, i];
            model.Add(LinearExpr.WeightedSum(y, row) <= _capacities[instance][c]);
        }
        model.Maximize(LinearExpr.WeightedSum(y, _costs[instance].Select(v => (long)-v)));
        var solver = new CpSolver
        {
            StringParameters = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"num_workers:1,random_seed:0,max_time_in_seconds:{ReferenceTimeLimit.TotalSeconds}"),
        };
        var status = solver.Solve(model);
        if (status != CpSolverStatus.Optimal)
            throw new InvalidOperationException($"Correlated knapsack instance {instance}: CP-SAT status {status}.");
        _referenceOptimum[instance] = (long)Math.Round(solver.ObjectiveValue);
    }

    /// <inheritdoc/>
    public string Verify()
    {
        for (var k = 0; k < instanceCount; k++)
        {
            var value = 0.0;
            for (var i = 0; i < itemCount; i++) value -= _selections[k][i] * _costs[k][i];
            for (var c = 0; c < constraintCount; c++)
            {
                var load = 0L;
                for (var i = 0; i < itemCount; i++) load += (long)_selections[k][i] * _weights[k][c, i];
                if (load > _capacities[k][c])
                    throw new InvalidOperationException($"Correlated knapsack instance {k}: constraint {c} load {load} above {_capacities[k][c]}.");
            }
            if (value != _referenceOptimum[k])
                throw new InvalidOperationException($"Correlated knapsack instance {k}: value {value}, CP-SAT {_referenceOptimum[k]}.");
        }
        return $"identical optimal values on all {instanceCount} instances";
    }
}
