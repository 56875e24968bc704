using Combigrad.Data.KeypointMatching;
using Combigrad.Solvers;
using LinearSolver = Google.OrTools.LinearSolver;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>Minimum-cost perfect matching with integer costs: <see cref="MinCostPerfectMatchingSolver"/> against a MILP
/// solved by SCIP through OR-Tools (one 0/1 variable per edge, one equality per vertex; built per call, 1 thread) on the
/// same graph; optimal costs must match. (CP-SAT with one worker needs minutes for the 16 x 16 grid, so it is not
/// used.) Create with <see cref="Grid"/> (bipartite: the Hungarian path) or <see cref="Delaunay"/>
/// (triangles everywhere: the blossom path). With a positive big-M, one random edge of every instance costs it (a
/// "forbidden" edge; the integer instance stays exact for the MILP).</summary>
public sealed class PerfectMatchingBenchmarkCase : ISolverBenchmarkCase
{
    private const int MaxCost = 1000;

    private readonly Func<Random, UndirectedGraph> _buildGraph;
    private readonly int _instanceCount;
    private readonly float _bigM;
    private MinCostPerfectMatchingSolver? _solver;
    private float[][] _costs = [];
    private float[][] _matchings = [];
    private long[] _referenceCosts = [];

    private PerfectMatchingBenchmarkCase(string size, Func<Random, UndirectedGraph> buildGraph, int instanceCount, float bigM = 0)
    {
        Size = bigM > 0 ? $"{size}, big-M {bigM:G3}" : size;
        _bigM = bigM;
        _buildGraph = buildGraph;
        _instanceCount = instanceCount;
    }

    /// <summary>The <paramref name="side"/> x <paramref name="side"/> grid of Blackbox Backprop's matching experiment
    /// (bipartite).</summary>
    public static PerfectMatchingBenchmarkCase Grid(int side = 16, int instanceCount = 20, float bigM = 0) =>
        new($"grid {side}x{side}", _ => UndirectedGraph.Grid(side, side), instanceCount, bigM);

    /// <summary>The Delaunay triangulation of <paramref name="pointCount"/> (even) seeded random points in the unit
    /// square (general, non-bipartite); the points are redrawn until the triangulation has a perfect matching.</summary>
    public static PerfectMatchingBenchmarkCase Delaunay(int pointCount = 100, int instanceCount = 20, float bigM = 0) =>
        new($"Delaunay n={pointCount}", random => FeasibleDelaunayGraph(random, pointCount), instanceCount, bigM);

    /// <inheritdoc/>
    public string Solver => "MinCostPerfectMatching";

    /// <inheritdoc/>
    public string Size { get; }

    /// <inheritdoc/>
    public string Reference => "OR-Tools MILP (SCIP), 1 thread";

    /// <inheritdoc/>
    public int InstanceCount => _instanceCount;

    /// <inheritdoc/>
    public int ReferenceRepetitions => 1;

    /// <inheritdoc/>
    public int VariantRepetitions => 10;

    /// <inheritdoc/>
    public void Prepare(int seed)
    {
        var random = new Random(seed);
        var graph = _buildGraph(random);
        _solver = new MinCostPerfectMatchingSolver(graph);
        _costs = Enumerable.Range(0, _instanceCount)
            .Select(_ => BenchmarkInstances.IntegerCosts(random, graph.EdgeCount, 0, MaxCost))
            .ToArray();
        if (_bigM > 0)
            foreach (var costs in _costs) costs[random.Next(costs.Length)] = _bigM;
        _matchings = _costs.Select(c => new float[c.Length]).ToArray();
        _referenceCosts = new long[_instanceCount];
        for (var i = 0; i < _instanceCount; i++) RunVariant(i);
        RunReference(0);
    }

    /// <inheritdoc/>
    public void RunVariant(int instance) => _solver!.Solve(_costs[instance], _matchings[instance]);

    /// <inheritdoc/>
    public void RunReference(int instance) => _referenceCosts[instance] = SolveWithMilp(_solver!.Graph, _costs[instance]);

    /// <inheritdoc/>
    public string Verify()
    {
        for (var i = 0; i < _instanceCount; i++)
        {
            var cost = 0.0;
            for (var e = 0; e < _costs[i].Length; e++) cost += _matchings[i][e] * _costs[i][e];
            if (cost != _referenceCosts[i])
                throw new InvalidOperationException($"Perfect matching instance {i}: cost {cost}, SCIP {_referenceCosts[i]}.");
        }
        var algorithm = _solver!.IsBipartite ? "bipartite shortest augmenting paths" : "blossom algorithm";
        return $"identical optimal costs on all {_instanceCount} instances ({algorithm})";
    }

    /// <summary>The optimal cost by the SCIP MILP backend of OR-Tools (one 0/1 variable per edge, one equality per
    /// vertex; integer costs), one thread.</summary>
    public static long SolveWithMilp(UndirectedGraph graph, float[] costs)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(costs);
        using var solver = LinearSolver.Solver.CreateSolver("SCIP")
            ?? throw new InvalidOperationException("The OR-Tools SCIP backend is not available.");
        solver.SetNumThreads(1);
        var chosen = new LinearSolver.Variable[graph.EdgeCount];
        for (var e = 0; e < chosen.Length; e++) chosen[e] = solver.MakeBoolVar($"x{e}");
        for (var v = 0; v < graph.VertexCount; v++)
        {
            var covered = solver.MakeConstraint(1, 1, $"v{v}");
            foreach (var e in graph.IncidentEdges(v)) covered.SetCoefficient(chosen[e], 1);
        }
        var objective = solver.Objective();
        for (var e = 0; e < chosen.Length; e++) objective.SetCoefficient(chosen[e], costs[e]);
        objective.SetMinimization();
        var status = solver.Solve();
        return status == LinearSolver.Solver.ResultStatus.OPTIMAL
            ? (long)Math.Round(objective.Value())
            : throw new InvalidOperationException($"SCIP ended with status {status}.");
    }

    private static UndirectedGraph FeasibleDelaunayGraph(Random random, int pointCount)
    {
        const int MaxAttempts = 100;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var points = Enumerable.Range(0, pointCount).Select(_ => (random.NextDouble(), random.NextDouble())).ToArray();
            var graph = DelaunayTriangulation.Graph(points);
            try
            {
                _ = new MinCostPerfectMatchingSolver(graph);
                return graph;
            }
            catch (InfeasibleProblemException)
            {
                // Rare for even point counts: draw again.
            }
        }
        throw new InvalidOperationException($"No Delaunay triangulation of {pointCount} random points with a perfect matching in {MaxAttempts} draws.");
    }
}
