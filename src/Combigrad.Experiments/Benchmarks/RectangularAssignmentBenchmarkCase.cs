using Combigrad.Solvers;
using Google.OrTools.Graph;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>What <see cref="RectangularAssignmentBenchmarkCase"/> times the rectangular solver against.</summary>
public enum RectangularAssignmentReference
{
    /// <summary>OR-Tools <see cref="LinearSumAssignment"/> on the problem made square with zero-cost rows (it needs a
    /// perfect matching), arcs added per call.</summary>
    OrTools,

    /// <summary>Combigrad's own square solver on the same zero-padded matrix: the alternative to starting the
    /// rectangular problem from zero column prices.</summary>
    PaddedSquare,
}

/// <summary>Rectangular linear assignment (<c>rows &lt; columns</c>, integer costs 0..1000):
/// <see cref="LinearAssignmentSolver"/> against a <see cref="RectangularAssignmentReference"/>; optimal costs must match.</summary>
/// <param name="rows">Rows, each assigned.</param>
/// <param name="columns">Columns, more than <paramref name="rows"/>.</param>
/// <param name="reference">What to time against.</param>
/// <param name="instanceCount">Random instances.</param>
public sealed class RectangularAssignmentBenchmarkCase(int rows, int columns, RectangularAssignmentReference reference, int instanceCount = 10)
    : ISolverBenchmarkCase
{
    private const int MaxCost = 1000;
    private const int Repetitions = 5;

    private readonly LinearAssignmentSolver _solver = new(rows, columns);
    private readonly LinearAssignmentSolver _paddedSolver = new(columns);
    private float[][] _costs = [];
    private float[][] _paddedCosts = [];
    private float[][] _assignments = [];
    private float[][] _paddedAssignments = [];
    private long[] _referenceCosts = [];

    /// <inheritdoc/>
    public string Solver => "LinearAssignment";

    /// <inheritdoc/>
    public string Size => $"{rows}x{columns}";

    /// <inheritdoc/>
    public string Reference => reference == RectangularAssignmentReference.OrTools
        ? "OR-Tools LinearSumAssignment (zero rows added)"
        : "LinearAssignment on the zero-padded square";

    /// <inheritdoc/>
    public int InstanceCount => instanceCount;

    /// <inheritdoc/>
    public int ReferenceRepetitions => Repetitions;

    /// <inheritdoc/>
    public int VariantRepetitions => Repetitions;

    /// <inheritdoc/>
    public void Prepare(int seed)
    {
        var random = new Random(seed);
        _costs = Enumerable.Range(0, instanceCount).Select(_ => BenchmarkInstances.IntegerCosts(random, rows * columns, 0, MaxCost)).ToArray();
        _paddedCosts = _costs.Select(c =>
        {
            var padded = new float[columns * columns];
            c.CopyTo(padded, 0);
            return padded;
        }).ToArray();
        _assignments = _costs.Select(c => new float[c.Length]).ToArray();
        _paddedAssignments = _paddedCosts.Select(c => new float[c.Length]).ToArray();
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
        if (reference == RectangularAssignmentReference.PaddedSquare)
        {
            _paddedSolver.Solve(_paddedCosts[instance], _paddedAssignments[instance]);
            _referenceCosts[instance] = IntegerObjective(_paddedAssignments[instance], _paddedCosts[instance]);
            return;
        }
        var costs = _costs[instance];
        var assignment = new LinearSumAssignment();
        for (var i = 0; i < columns; i++)
            for (var j = 0; j < columns; j++)
                assignment.AddArcWithCost(i, j, i < rows ? (long)costs[i * columns + j] : 0L);
        if (assignment.Solve() != LinearSumAssignment.Status.OPTIMAL)
            throw new InvalidOperationException($"LinearSumAssignment failed on instance {instance}.");
        _referenceCosts[instance] = assignment.OptimalCost();
    }

    /// <inheritdoc/>
    public string Verify()
    {
        for (var i = 0; i < instanceCount; i++)
        {
            var cost = IntegerObjective(_assignments[i], _costs[i]);
            if (cost != _referenceCosts[i])
                throw new InvalidOperationException($"Rectangular assignment instance {i}: cost {cost}, reference {_referenceCosts[i]}.");
        }
        return $"identical optimal costs on all {instanceCount} instances";
    }

    private static long IntegerObjective(float[] assignment, float[] costs)
    {
        var cost = 0L;
        for (var e = 0; e < costs.Length; e++)
            if (assignment[e] == 1f) cost += (long)costs[e];
        return cost;
    }
}
