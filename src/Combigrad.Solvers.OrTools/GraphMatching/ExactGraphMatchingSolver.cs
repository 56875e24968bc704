using Google.OrTools.Sat;

namespace Combigrad.Solvers;

/// <summary>
/// Exact graph matching by an OR-Tools CP-SAT model, solved with one search worker and a fixed seed (deterministic).
/// </summary>
/// <remarks>
/// <para>Model (small graph S into large graph L): a Boolean <c>x_(s,t)</c> per vertex pair; each <c>s</c> matched
/// exactly once, each <c>t</c> at most once. A Boolean <c>e_(k,l)</c> exists only for edge pairs whose rounded cost is
/// nonzero. A positive-cost <c>e</c> is forced up by the clauses <c>x_(s1,t1) and x_(s2,t2) =&gt; e</c> and
/// <c>x_(s1,t2) and x_(s2,t1) =&gt; e</c>; every <c>e</c> is bounded above by the aggregated constraints
/// <c>sum_(l contains t) e_(k,l) &lt;= x_(s1,t) + x_(s2,t)</c> for each edge <c>k = {s1, s2}</c> of S and vertex <c>t</c>
/// of L (valid because <c>k</c> maps onto at most one edge, which contains <c>t</c> only if <c>s1</c> or <c>s2</c> maps
/// to <c>t</c>), which with injectivity forbid <c>e = 1</c> unless <c>k</c> maps onto <c>l</c>. The reported edge
/// indicators are recomputed from the vertex matching, so they are consistent whatever the costs.</para>
/// <para>Costs are rounded to integers at <see cref="GraphMatchingOptions.CostResolutionBits"/> bits relative to the
/// largest |cost|, by a power-of-two scale (so scaling all costs by a power of two changes nothing).</para>
/// <para>Ties: among optima of the rounded costs, whichever CP-SAT returns with one worker and the seed of the
/// options: deterministic, no simple rule.</para>
/// <para>Search: the approximate solver's answer (milliseconds) is given to CP-SAT as a solution hint, so most of the
/// time goes into proving optimality.</para>
/// <para>Cost: builds and solves a model per call (allocates; about p q + |E1| |E2| variables). Worst case
/// exponential (the problem is NP-hard); 10 keypoints with Delaunay edges take a few hundred milliseconds, so use
/// <see cref="GraphMatchingAlgorithm.Approximate"/> inside a training loop and this solver for evaluation and
/// reference.</para>
/// </remarks>
internal sealed class ExactGraphMatchingSolver : GraphMatchingSolver
{
    private readonly ApproximateGraphMatchingSolver _warmStart;

    public ExactGraphMatchingSolver(UndirectedGraph first, UndirectedGraph second, GraphMatchingOptions options)
        : base(first, second, options, GraphMatchingAlgorithm.Exact)
    {
        _warmStart = new ApproximateGraphMatchingSolver(first, second, options);
    }

    private protected override double SolveCore(ReadOnlySpan<float> costs, Span<int> assignment)
    {
        var layout = Layout;
        int p = layout.P, q = layout.Q;
        var scale = IntegerCostScaling.Scale(costs, Options.CostResolutionBits);
        var model = new CpModel();

        var x = new BoolVar[p, q];
        var objectiveVars = new List<IntVar>();
        var objectiveCoefficients = new List<long>();
        for (var s = 0; s < p; s++)
        {
            for (var t = 0; t < q; t++)
            {
                x[s, t] = model.NewBoolVar($"x{s}_{t}");
                var c = IntegerCostScaling.Round(costs[layout.VertexIndex(s, t)], scale);
                if (c == 0) continue;
                objectiveVars.Add(x[s, t]);
                objectiveCoefficients.Add(c);
            }
        }
        var row = new ILiteral[q];
        for (var s = 0; s < p; s++)
        {
            for (var t = 0; t < q; t++) row[t] = x[s, t];
            model.AddExactlyOne(row);
        }
        var column = new ILiteral[p];
        for (var t = 0; t < q; t++)
        {
            for (var s = 0; s < p; s++) column[s] = x[s, t];
            if (p == q) model.AddExactlyOne(column);
            else model.AddAtMostOne(column);
        }

        var small = layout.Small;
        var large = layout.Large;
        var edgeVars = new BoolVar?[small.EdgeCount, large.EdgeCount];
        for (var k = 0; k < small.EdgeCount; k++)
        {
            var (s1, s2) = small.GetEdge(k);
            for (var l = 0; l < large.EdgeCount; l++)
            {
                var c = IntegerCostScaling.Round(costs[layout.EdgeIndex(k, l)], scale);
                if (c == 0) continue;
                var e = model.NewBoolVar($"e{k}_{l}");
                edgeVars[k, l] = e;
                objectiveVars.Add(e);
                objectiveCoefficients.Add(c);
                if (c > 0)
                {
                    var (t1, t2) = large.GetEdge(l);
                    model.AddBoolOr([e, x[s1, t1].Not(), x[s2, t2].Not()]);
                    model.AddBoolOr([e, x[s1, t2].Not(), x[s2, t1].Not()]);
                }
            }
            for (var t = 0; t < q; t++)
            {
                var sum = LinearExpr.NewBuilder();
                var any = false;
                foreach (var l in large.IncidentEdges(t))
                {
                    if (edgeVars[k, l] is not { } e) continue;
                    sum.Add(e);
                    any = true;
                }
                if (any) model.Add(sum <= x[s1, t] + x[s2, t]);
            }
        }
        // The same argument from the other side: edge l = {t1, t2} is the image of at most one edge, which contains s
        // only if s maps to t1 or t2.
        for (var l = 0; l < large.EdgeCount; l++)
        {
            var (t1, t2) = large.GetEdge(l);
            for (var s = 0; s < p; s++)
            {
                var sum = LinearExpr.NewBuilder();
                var any = false;
                foreach (var k in small.IncidentEdges(s))
                {
                    if (edgeVars[k, l] is not { } e) continue;
                    sum.Add(e);
                    any = true;
                }
                if (any) model.Add(sum <= x[s, t1] + x[s, t2]);
            }
        }
        model.Minimize(LinearExpr.WeightedSum(objectiveVars, objectiveCoefficients));

        // Start CP-SAT from the approximate solver's answer: a good incumbent prunes most of the search.
        var hint = assignment;
        _warmStart.SolveWarmStart(costs, hint);
        for (var s = 0; s < p; s++)
            for (var t = 0; t < q; t++)
                model.AddHint(x[s, t], hint[s] == t ? 1 : 0);

        var solver = new CpSolver
        {
            StringParameters = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"num_workers:1,random_seed:{Options.Seed},max_time_in_seconds:{Options.TimeLimit.TotalSeconds}"),
        };
        var status = solver.Solve(model);
        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
            ReadAssignment(solver, x, assignment);
        switch (status)
        {
            case CpSolverStatus.Optimal:
                return layout.Objective(costs, assignment);
            case CpSolverStatus.Feasible:
                throw new SolverTimeLimitException(Name, Options.TimeLimit, layout.Objective(costs, assignment),
                    solver.BestObjectiveBound / scale);
            case CpSolverStatus.Unknown:
                throw new SolverTimeLimitException(Name, Options.TimeLimit, double.NaN, solver.BestObjectiveBound / scale);
            default:
                throw new InvalidOperationException($"{Name}: CP-SAT returned {status} for a model that always has a solution.");
        }
    }


    private static void ReadAssignment(CpSolver solver, BoolVar[,] x, Span<int> assignment)
    {
        for (var s = 0; s < x.GetLength(0); s++)
        {
            assignment[s] = -1;
            for (var t = 0; t < x.GetLength(1); t++)
            {
                if (!solver.BooleanValue(x[s, t])) continue;
                assignment[s] = t;
                break;
            }
        }
    }
}
