using Combigrad.Solvers;
using Google.OrTools.Sat;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>Globe TSP (<see cref="BenchmarkInstances.SphereTspCosts"/>): <see cref="TspSolver"/> against OR-Tools
/// CP-SAT with an <c>AddCircuit</c> constraint on one worker (model built per call); optimal lengths must match. With
/// <paramref name="bigM"/> positive, one random edge of every instance costs <paramref name="bigM"/> in both directions
/// (a "forbidden" edge; the integer instance stays exact for CP-SAT).</summary>
public sealed class TspBenchmarkCase(int cityCount = 20, int instanceCount = 10, float bigM = 0) : ISolverBenchmarkCase
{
    private readonly TspSolver _solver = new(cityCount);
    private float[][] _costs = [];
    private float[][] _tours = [];
    private long[] _referenceLengths = [];

    /// <inheritdoc/>
    public string Solver => "Tsp";

    /// <inheritdoc/>
    public string Size => bigM > 0 ? $"k={cityCount}, big-M {bigM:G3}" : $"k={cityCount}";

    /// <inheritdoc/>
    public string Reference => "OR-Tools CP-SAT AddCircuit, 1 worker";

    /// <inheritdoc/>
    public int InstanceCount => instanceCount;

    /// <inheritdoc/>
    public int ReferenceRepetitions => 1;

    /// <inheritdoc/>
    public int VariantRepetitions => 20;

    /// <inheritdoc/>
    public void Prepare(int seed)
    {
        var random = new Random(seed);
        _costs = Enumerable.Range(0, instanceCount).Select(_ => BenchmarkInstances.SphereTspCosts(random, cityCount)).ToArray();
        if (bigM > 0)
            foreach (var costs in _costs) BenchmarkInstances.SetBigMEdge(random, costs, cityCount, bigM);
        _tours = _costs.Select(_ => new float[cityCount * cityCount]).ToArray();
        _referenceLengths = new long[instanceCount];
        for (var i = 0; i < instanceCount; i++) RunVariant(i);
        RunReference(0);
    }

    /// <inheritdoc/>
    public void RunVariant(int instance) => _solver.Solve(_costs[instance], _tours[instance]);

    /// <inheritdoc/>
    public void RunReference(int instance) => _referenceLengths[instance] = SolveWithCpSat(cityCount, _costs[instance]);

    /// <inheritdoc/>
    public string Verify()
    {
        for (var i = 0; i < instanceCount; i++)
        {
            var length = 0.0;
            for (var a = 0; a < cityCount; a++)
                for (var b = a + 1; b < cityCount; b++)
                    length += _tours[i][a * cityCount + b] * _costs[i][a * cityCount + b];
            if (length != _referenceLengths[i])
                throw new InvalidOperationException($"TSP instance {i}: Combigrad tour length {length}, CP-SAT {_referenceLengths[i]}.");
        }
        return $"identical optimal lengths on all {instanceCount} instances";
    }

    /// <summary>The optimal tour length by CP-SAT (integer costs), one worker.</summary>
    public static long SolveWithCpSat(int k, float[] costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        var model = new CpModel();
        var circuit = model.AddCircuit();
        var arcs = new List<ILiteral>(k * k);
        var weights = new List<long>(k * k);
        for (var a = 0; a < k; a++)
        {
            for (var b = 0; b < k; b++)
            {
                if (a == b) continue;
                var arc = model.NewBoolVar("");
                circuit.AddArc(a, b, arc);
                arcs.Add(arc);
                weights.Add((long)costs[a * k + b]);
            }
        }
        model.Minimize(LinearExpr.WeightedSum(arcs, weights));
        var solver = new CpSolver { StringParameters = "num_workers:1" };
        var status = solver.Solve(model);
        return status == CpSolverStatus.Optimal
            ? (long)Math.Round(solver.ObjectiveValue)
            : throw new InvalidOperationException($"CP-SAT ended with status {status}.");
    }
}
