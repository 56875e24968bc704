using Combigrad.Solvers;
using Google.OrTools.Sat;

namespace Combigrad.Testing;

/// <summary>
/// Independent CP-SAT models used as references for problems too large for brute force. Float costs are rounded to
/// integers at <see cref="ReferenceScaleBits"/> bits relative to the largest |cost|, so compare with
/// <see cref="ObjectiveTolerance"/>.
/// </summary>
public static class OrToolsReferences
{
    /// <summary>The reference rounds costs to multiples of <c>max|c| 2^-ReferenceScaleBits</c>.</summary>
    public const int ReferenceScaleBits = 24;

    /// <summary>A bound on how far the reference optimum (evaluated in floats) can be from the true optimum.</summary>
    public static double ObjectiveTolerance(ReadOnlySpan<float> costs)
    {
        var maxAbs = 0.0;
        foreach (var c in costs) maxAbs = Math.Max(maxAbs, Math.Abs(c));
        return costs.Length * maxAbs * Math.ScaleB(1.0, -ReferenceScaleBits) + Tolerances.AbsoluteObjective;
    }

    /// <summary>The float objective of CP-SAT's minimum-cost perfect matching of <paramref name="graph"/>.</summary>
    public static double MinCostPerfectMatchingObjective(UndirectedGraph graph, ReadOnlySpan<float> costs)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var model = new CpModel();
        var x = new BoolVar[graph.EdgeCount];
        for (var e = 0; e < x.Length; e++) x[e] = model.NewBoolVar($"x{e}");
        for (var v = 0; v < graph.VertexCount; v++)
        {
            var incident = graph.IncidentEdges(v).ToArray();
            model.AddExactlyOne(incident.Select(e => (ILiteral)x[e]));
        }
        var integerCosts = ToIntegers(costs);
        model.Minimize(LinearExpr.WeightedSum(x, integerCosts));
        var solver = new CpSolver { StringParameters = "num_search_workers:1,random_seed:1,max_time_in_seconds:20" };
        var status = solver.Solve(model);
        if (status != CpSolverStatus.Optimal)
            throw new InvalidOperationException($"Reference CP-SAT status {status}.");
        var objective = 0.0;
        for (var e = 0; e < x.Length; e++)
            if (solver.BooleanValue(x[e])) objective += costs[e];
        return objective;
    }

    /// <summary>
    /// The float objective of OR-Tools' <c>LinearSumAssignment</c> on a bipartite grid graph: cells with even
    /// <c>row + col</c> on the left, odd on the right, one arc per edge. Exact on the integer-rounded costs.
    /// </summary>
    public static double GridPerfectMatchingObjective(int rows, int cols, ReadOnlySpan<float> costs)
    {
        var graph = UndirectedGraph.Grid(rows, cols);
        var integerCosts = ToIntegers(costs);
        var leftIndex = new int[rows * cols];
        int left = 0, right = 0;
        for (var cell = 0; cell < leftIndex.Length; cell++)
            leftIndex[cell] = ((cell / cols) + (cell % cols)) % 2 == 0 ? left++ : right++;
        var assignment = new Google.OrTools.Graph.LinearSumAssignment();
        var arcEdge = new List<int>();
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var (u, v) = graph.GetEdge(e);
            if (((u / cols) + (u % cols)) % 2 != 0) (u, v) = (v, u);
            assignment.AddArcWithCost(leftIndex[u], leftIndex[v], integerCosts[e]);
            arcEdge.Add(e);
        }
        var status = assignment.Solve();
        if (status != Google.OrTools.Graph.LinearSumAssignment.Status.OPTIMAL)
            throw new InvalidOperationException($"Reference LinearSumAssignment status {status}.");
        var objective = 0.0;
        for (var node = 0; node < assignment.NumNodes(); node++)
        {
            var right2 = assignment.RightMate(node);
            for (var a = 0; a < arcEdge.Count; a++)
            {
                var (u, v) = graph.GetEdge(arcEdge[a]);
                if (((u / cols) + (u % cols)) % 2 != 0) (u, v) = (v, u);
                if (leftIndex[u] == node && leftIndex[v] == right2)
                {
                    objective += costs[arcEdge[a]];
                    break;
                }
            }
        }
        return objective;
    }

    /// <summary><c>round(c 2^s)</c> with the largest |c| scaled to about <c>2^ReferenceScaleBits</c>.</summary>
    public static long[] ToIntegers(ReadOnlySpan<float> costs)
    {
        var maxAbs = 0f;
        foreach (var c in costs) maxAbs = Math.Max(maxAbs, Math.Abs(c));
        var scale = maxAbs == 0f ? 1.0 : Math.ScaleB(1.0, ReferenceScaleBits - 1 - Math.ILogB(maxAbs));
        var result = new long[costs.Length];
        for (var i = 0; i < costs.Length; i++) result[i] = (long)Math.Round(costs[i] * scale);
        return result;
    }
}
