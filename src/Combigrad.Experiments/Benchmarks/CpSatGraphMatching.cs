using Combigrad.Solvers;
using Google.OrTools.Sat;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>
/// The reference for the exact graph matching solver: the problem as an OR-Tools CP-SAT model on integer costs (one
/// worker, seed 0), returning the proven optimal objective. Integer costs only, so the comparison is exact.
/// </summary>
/// <remarks>Model: a Boolean <c>x_(i,a)</c> per vertex pair (each vertex of the smaller graph matched once, of the larger
/// at most once) and a Boolean <c>e_(k,l)</c> per edge pair with nonzero cost; <c>x_(i,a) and x_(j,b) =&gt; e_(k,l)</c>
/// (both orientations) forces positive-cost <c>e</c> up, and <c>sum_(l at a) e_(k,l) &lt;= x_(i,a) + x_(j,a)</c> for each
/// edge <c>k = {i, j}</c> and vertex <c>a</c> (and the same from the other graph's side) keeps every <c>e</c> at most its
/// product.</remarks>
public static class CpSatGraphMatching
{
    /// <summary>The optimal objective of matching <paramref name="first"/> with <paramref name="second"/> under
    /// <paramref name="costs"/> (<see cref="GraphMatchingSolver"/> layout, integers).</summary>
    /// <exception cref="ArgumentException">A cost is not an integer.</exception>
    /// <exception cref="InvalidOperationException">CP-SAT did not prove an optimum within <paramref name="timeLimit"/>.</exception>
    public static long OptimalObjective(UndirectedGraph first, UndirectedGraph second, ReadOnlySpan<float> costs, TimeSpan timeLimit)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        int n1 = first.VertexCount, n2 = second.VertexCount;
        var model = new CpModel();
        var x = new BoolVar[n1, n2];
        var terms = new List<(BoolVar Variable, long Coefficient)>();
        for (var i = 0; i < n1; i++)
        {
            for (var a = 0; a < n2; a++)
            {
                x[i, a] = model.NewBoolVar(string.Empty);
                var c = ToInteger(costs[i * n2 + a]);
                if (c != 0) terms.Add((x[i, a], c));
            }
        }
        for (var i = 0; i < n1; i++)
        {
            var row = Enumerable.Range(0, n2).Select(a => (ILiteral)x[i, a]).ToArray();
            if (n1 <= n2) model.AddExactlyOne(row);
            else model.AddAtMostOne(row);
        }
        for (var a = 0; a < n2; a++)
        {
            var column = Enumerable.Range(0, n1).Select(i => (ILiteral)x[i, a]).ToArray();
            if (n2 <= n1) model.AddExactlyOne(column);
            else model.AddAtMostOne(column);
        }

        var e = new BoolVar?[first.EdgeCount, second.EdgeCount];
        for (var k = 0; k < first.EdgeCount; k++)
        {
            var (i, j) = first.GetEdge(k);
            for (var l = 0; l < second.EdgeCount; l++)
            {
                var c = ToInteger(costs[n1 * n2 + k * second.EdgeCount + l]);
                if (c == 0) continue;
                var (a, b) = second.GetEdge(l);
                var variable = model.NewBoolVar(string.Empty);
                e[k, l] = variable;
                terms.Add((variable, c));
                if (c > 0)
                {
                    model.AddBoolOr([variable, x[i, a].Not(), x[j, b].Not()]);
                    model.AddBoolOr([variable, x[i, b].Not(), x[j, a].Not()]);
                }
            }
            for (var a = 0; a < n2; a++)
                AddAtMostIncidence(model, second.IncidentEdges(a).ToArray().Select(l => e[k, l]), x[i, a], x[j, a]);
        }
        for (var l = 0; l < second.EdgeCount; l++)
        {
            var (a, b) = second.GetEdge(l);
            for (var i = 0; i < n1; i++)
                AddAtMostIncidence(model, first.IncidentEdges(i).ToArray().Select(k => e[k, l]), x[i, a], x[i, b]);
        }
        model.Minimize(LinearExpr.WeightedSum(terms.Select(t => t.Variable), terms.Select(t => t.Coefficient)));
        var solver = new CpSolver
        {
            StringParameters = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"num_workers:1,random_seed:0,max_time_in_seconds:{timeLimit.TotalSeconds}"),
        };
        var status = solver.Solve(model);
        if (status != CpSolverStatus.Optimal)
            throw new InvalidOperationException($"CP-SAT graph matching: status {status} within {timeLimit.TotalSeconds} s.");
        return (long)Math.Round(solver.ObjectiveValue);
    }

    private static void AddAtMostIncidence(CpModel model, IEnumerable<BoolVar?> edges, BoolVar first, BoolVar second)
    {
        var present = edges.OfType<BoolVar>().ToArray();
        if (present.Length > 0) model.Add(LinearExpr.Sum(present) <= first + second);
    }

    private static long ToInteger(float value) =>
        value == MathF.Round(value) ? (long)value : throw new ArgumentException($"CP-SAT graph matching: cost {value} is not an integer.", nameof(value));
}
