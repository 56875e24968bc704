using Combigrad.Solvers;
using Google.OrTools.Graph;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>Square linear assignment with integer costs: <see cref="LinearAssignmentSolver"/> against OR-Tools
/// <see cref="LinearSumAssignment"/> (arcs added per call); optimal costs must match.</summary>
/// <param name="size">Rows and columns.</param>
/// <param name="instanceCount">Random instances (integer costs 0..1000).</param>
/// <param name="repetitions">Timed calls per instance on each side.</param>
/// <param name="bigMExponent">When positive, one entry in <see cref="BigMSpacing"/> (at random) costs <c>2^bigMExponent</c>
/// instead: a forbidden-unless-unavoidable edge. At 2^48 the costs need 64-bit integers to stay exact (the solver's
/// slow path), yet OR-Tools' int64 cost scaling still accepts them at 50 x 50.</param>
public sealed class AssignmentBenchmarkCase(int size = 50, int instanceCount = 20, int repetitions = 10, int bigMExponent = 0)
    : ISolverBenchmarkCase
{
    private const int MaxCost = 1000;

    /// <summary>On average one entry in this many is a big-M when <c>bigMExponent</c> is positive.</summary>
    public const int BigMSpacing = 20;

    private readonly LinearAssignmentSolver _solver = new(size);
    private float[][] _costs = [];
    private float[][] _assignments = [];
    private long[] _referenceCosts = [];

    /// <inheritdoc/>
    public string Solver => "LinearAssignment";

    /// <inheritdoc/>
    public string Size => bigMExponent > 0 ? $"{size}x{size}, big-M 2^{bigMExponent}" : $"{size}x{size}";

    /// <inheritdoc/>
    public string Reference => "OR-Tools LinearSumAssignment";

    /// <inheritdoc/>
    public int InstanceCount => instanceCount;

    /// <inheritdoc/>
    public int ReferenceRepetitions => repetitions;

    /// <inheritdoc/>
    public int VariantRepetitions => repetitions;

    /// <inheritdoc/>
    public void Prepare(int seed)
    {
        var random = new Random(seed);
        _costs = Enumerable.Range(0, instanceCount).Select(_ => BenchmarkInstances.IntegerCosts(random, size * size, 0, MaxCost)).ToArray();
        if (bigMExponent > 0)
        {
            var bigM = MathF.ScaleB(1f, bigMExponent);
            foreach (var costs in _costs)
                for (var e = 0; e < costs.Length; e++)
                    if (random.Next(BigMSpacing) == 0) costs[e] = bigM;
        }
        _assignments = _costs.Select(c => new float[c.Length]).ToArray();
        _referenceCosts = new long[instanceCount];
        for (var i = 0; i < instanceCount; i++)
        {
            RunVariant(i);
            RunReference(i);
        }
    }

    /// <inheritdoc/>
    public void RunVariant(int instance) => _solver.Solve(_costs[instance], _assignments[instance]);

    /// <inheritdoc/>
    public void RunReference(int instance)
    {
        var costs = _costs[instance];
        var assignment = new LinearSumAssignment();
        for (var i = 0; i < size; i++)
            for (var j = 0; j < size; j++)
                assignment.AddArcWithCost(i, j, (long)costs[i * size + j]);
        if (assignment.Solve() != LinearSumAssignment.Status.OPTIMAL)
            throw new InvalidOperationException($"LinearSumAssignment failed on instance {instance}.");
        _referenceCosts[instance] = assignment.OptimalCost();
    }

    /// <inheritdoc/>
    public string Verify()
    {
        for (var i = 0; i < instanceCount; i++)
        {
            var cost = 0L; // integer costs: summed exactly
            for (var e = 0; e < _costs[i].Length; e++)
                if (_assignments[i][e] == 1f) cost += (long)_costs[i][e];
            if (cost != _referenceCosts[i])
                throw new InvalidOperationException($"Assignment instance {i}: cost {cost}, OR-Tools {_referenceCosts[i]}.");
        }
        return $"identical optimal costs on all {instanceCount} instances";
    }
}
