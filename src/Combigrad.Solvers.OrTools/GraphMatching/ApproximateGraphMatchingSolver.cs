namespace Combigrad.Solvers;

/// <summary>
/// Fast approximate graph matching with a proven lower bound (its gap is reported by
/// <see cref="GraphMatchingSolver.SolveWithBound"/>).
/// </summary>
/// <remarks>
/// <para>Lower bound (Gilmore–Lawler): split each edge-pair cost equally between its two vertex pairs. For a vertex pair
/// <c>(s, t)</c> the edges at <c>s</c> map onto distinct edges at <c>t</c>, so their contribution is at least half the
/// minimum-cost partial matching between the edges at <c>s</c> and at <c>t</c> under costs <c>min(0, c^e)</c>; the
/// bound is the minimum-cost assignment under <c>c^v</c> plus these terms, computed in double and lowered by
/// <see cref="BoundRoundingRelative"/> times the sum of all |costs| so that rounding cannot lift it above the optimum of
/// the exact costs.</para>
/// <para>Search: two starts (the bound's assignment and the assignment of <c>c^v</c> alone), each improved by
/// first-improvement local search over swaps of two images and moves to an unused vertex of the larger graph; then
/// <see cref="GraphMatchingOptions.Restarts"/> perturbations of the best solution (random swaps from a generator seeded
/// by <see cref="GraphMatchingOptions.Seed"/> at every call) followed by local search. A move is taken only if it
/// improves the objective by more than <see cref="ImprovementTolerance"/> times the largest |cost|.</para>
/// <para>Deterministic: the output depends only on the costs and the options. Allocation: none per call in steady
/// state (a grow-only per-thread workspace). Cost: <c>O(p q d^3 + p^2 q)</c> for the bound (<c>d</c> the largest
/// degree) and <c>O(p^2 d)</c> per local-search sweep.</para>
/// </remarks>
internal sealed class ApproximateGraphMatchingSolver : GraphMatchingSolver
{
    /// <summary>The relative improvement a move must bring, against float rounding cycles.</summary>
    internal const double ImprovementTolerance = 1e-12;

    /// <summary>The rounding allowance subtracted from the bound, relative to the sum of all |costs|: <c>2^-40</c>.</summary>
    internal const double BoundRoundingRelative = 9.094947017729282e-13;

    [ThreadStatic]
    private static Workspace? t_workspace;

    public ApproximateGraphMatchingSolver(UndirectedGraph first, UndirectedGraph second, GraphMatchingOptions options)
        : base(first, second, options, GraphMatchingAlgorithm.Approximate)
    {
    }

    /// <summary>Writes the approximate assignment (small to large vertices) for costs already validated.</summary>
    internal void SolveWarmStart(ReadOnlySpan<float> costs, Span<int> assignment) => SolveCore(costs, assignment);

    private protected override (double Objective, double LowerBound) SolveCore(ReadOnlySpan<float> costs, Span<int> assignment)
    {
        var layout = Layout;
        int p = layout.P, q = layout.Q;
        var w = t_workspace ??= new Workspace();
        w.Grow(p, q, MaxDegree(layout.Small), MaxDegree(layout.Large));
        var maxAbs = 0.0;
        foreach (var c in costs) maxAbs = Math.Max(maxAbs, Math.Abs(c));
        var tolerance = ImprovementTolerance * maxAbs;

        var bound = GilmoreLawlerBound(costs, w) - BoundRoundingAllowance(costs);
        var best = w.Best.AsSpan(0, p);
        var current = w.Current.AsSpan(0, p);
        var bestObjective = LocalSearch(costs, current, w, tolerance);
        current.CopyTo(best);

        var vertexCosts = w.Matrix.AsSpan(0, p * q);
        for (var s = 0; s < p; s++)
            for (var t = 0; t < q; t++)
                vertexCosts[s * q + t] = costs[layout.VertexIndex(s, t)];
        w.Assignment.Solve(vertexCosts, p, q, current);
        var objective = LocalSearch(costs, current, w, tolerance);
        if (objective < bestObjective - tolerance)
        {
            bestObjective = objective;
            current.CopyTo(best);
        }

        var random = new SplitMix(Options.Seed);
        var perturbationSwaps = Math.Max(2, p / 4);
        for (var restart = 0; restart < Options.Restarts && p > 1; restart++)
        {
            best.CopyTo(current);
            for (var swap = 0; swap < perturbationSwaps; swap++)
            {
                var s1 = random.Next(p);
                var t = random.Next(q);
                // Send s1 to t; whoever had t (if anyone) takes s1's old image.
                var holder = -1;
                for (var s = 0; s < p; s++)
                    if (current[s] == t) holder = s;
                if (holder >= 0) current[holder] = current[s1];
                current[s1] = t;
            }
            objective = LocalSearch(costs, current, w, tolerance);
            if (objective < bestObjective - tolerance)
            {
                bestObjective = objective;
                current.CopyTo(best);
            }
        }
        best.CopyTo(assignment);
        return (layout.Objective(costs, assignment), bound);
    }

    /// <summary>Improves <paramref name="assignment"/> in place until no swap or move helps; returns its objective.</summary>
    private double LocalSearch(ReadOnlySpan<float> costs, Span<int> assignment, Workspace w, double tolerance)
    {
        var layout = Layout;
        int p = layout.P, q = layout.Q;
        var holder = w.Holder.AsSpan(0, q);
        holder.Fill(-1);
        for (var s = 0; s < p; s++) holder[assignment[s]] = s;

        bool improved;
        do
        {
            improved = false;
            for (var s1 = 0; s1 < p; s1++)
            {
                for (var t = 0; t < q; t++)
                {
                    var t1 = assignment[s1];
                    if (t == t1) continue;
                    var s2 = holder[t];
                    if (s2 >= 0 && s2 < s1) continue; // each swap once per sweep
                    var before = Local(costs, assignment, s1, s2);
                    assignment[s1] = t;
                    if (s2 >= 0) assignment[s2] = t1;
                    var after = Local(costs, assignment, s1, s2);
                    if (after < before - tolerance)
                    {
                        holder[t1] = s2;
                        holder[t] = s1;
                        improved = true;
                    }
                    else
                    {
                        assignment[s1] = t1;
                        if (s2 >= 0) assignment[s2] = t;
                    }
                }
            }
        }
        while (improved);
        return layout.Objective(costs, assignment);
    }

    /// <summary>The objective terms touching <paramref name="s1"/> or <paramref name="s2"/> (-1 for none), each once.</summary>
    private double Local(ReadOnlySpan<float> costs, ReadOnlySpan<int> assignment, int s1, int s2)
    {
        var layout = Layout;
        var small = layout.Small;
        var sum = (double)costs[layout.VertexIndex(s1, assignment[s1])];
        foreach (var k in small.IncidentEdges(s1)) sum += EdgeTerm(costs, assignment, k);
        if (s2 < 0) return sum;
        sum += costs[layout.VertexIndex(s2, assignment[s2])];
        foreach (var k in small.IncidentEdges(s2))
            if (small.Opposite(k, s2) != s1) sum += EdgeTerm(costs, assignment, k);
        return sum;
    }

    private double EdgeTerm(ReadOnlySpan<float> costs, ReadOnlySpan<int> assignment, int k)
    {
        var (a, b) = Layout.Small.GetEdge(k);
        var l = Layout.LargeEdge(assignment[a], assignment[b]);
        return l < 0 ? 0.0 : costs[Layout.EdgeIndex(k, l)];
    }

    /// <summary>The Gilmore–Lawler bound; leaves its assignment in <c>w.Current</c>.</summary>
    private double GilmoreLawlerBound(ReadOnlySpan<float> costs, Workspace w)
    {
        var layout = Layout;
        int p = layout.P, q = layout.Q;
        var small = layout.Small;
        var large = layout.Large;
        var matrix = w.Matrix.AsSpan(0, p * q);
        for (var s = 0; s < p; s++)
        {
            var edgesAtS = small.IncidentEdges(s);
            for (var t = 0; t < q; t++)
            {
                var edgesAtT = large.IncidentEdges(t);
                var pairBound = 0.0;
                if (edgesAtS.Length > 0 && edgesAtT.Length > 0)
                {
                    var transpose = edgesAtS.Length > edgesAtT.Length;
                    var rows = transpose ? edgesAtT.Length : edgesAtS.Length;
                    var cols = transpose ? edgesAtS.Length : edgesAtT.Length;
                    var local = w.LocalMatrix.AsSpan(0, rows * cols);
                    var anyNegative = false;
                    for (var a = 0; a < edgesAtS.Length; a++)
                    {
                        for (var b = 0; b < edgesAtT.Length; b++)
                        {
                            var c = Math.Min(0.0, costs[layout.EdgeIndex(edgesAtS[a], edgesAtT[b])]);
                            anyNegative |= c < 0;
                            local[transpose ? b * cols + a : a * cols + b] = c;
                        }
                    }
                    // With costs <= 0 a full assignment of the shorter side is a minimum partial matching.
                    if (anyNegative)
                        pairBound = w.LocalAssignment.Solve(local, rows, cols, w.LocalResult.AsSpan(0, rows));
                }
                matrix[s * q + t] = costs[layout.VertexIndex(s, t)] + 0.5 * pairBound;
            }
        }
        return w.Assignment.Solve(matrix, p, q, w.Current.AsSpan(0, p));
    }

    /// <summary>What the double arithmetic of the bound (entries summed in double, a Hungarian method in double) may
    /// have lost: <see cref="BoundRoundingRelative"/> times the sum of all |costs|, far above the few hundred units of
    /// roundoff such sums carry, so the reported bound stays below the exact one.</summary>
    private static double BoundRoundingAllowance(ReadOnlySpan<float> costs)
    {
        var total = 0.0;
        foreach (var c in costs) total += Math.Abs(c);
        return total * BoundRoundingRelative;
    }

    private static int MaxDegree(UndirectedGraph graph)
    {
        var max = 0;
        for (var v = 0; v < graph.VertexCount; v++) max = Math.Max(max, graph.Degree(v));
        return max;
    }

    /// <summary>A tiny deterministic generator (SplitMix64), created per call from the seed.</summary>
    private struct SplitMix(int seed)
    {
        private ulong _state = (ulong)(uint)seed * 0x9E3779B97F4A7C15ul + 1;

        public int Next(int bound)
        {
            _state += 0x9E3779B97F4A7C15ul;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ul;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBul;
            z ^= z >> 31;
            return (int)(z % (ulong)bound);
        }
    }

    /// <summary>Per-thread grow-only buffers.</summary>
    private sealed class Workspace
    {
        public RectangularAssignment Assignment { get; } = new();

        public RectangularAssignment LocalAssignment { get; } = new();

        public double[] Matrix { get; private set; } = [];

        public double[] LocalMatrix { get; private set; } = [];

        public int[] LocalResult { get; private set; } = [];

        public int[] Best { get; private set; } = [];

        public int[] Current { get; private set; } = [];

        public int[] Holder { get; private set; } = [];

        public void Grow(int p, int q, int smallDegree, int largeDegree)
        {
            if (Matrix.Length < p * q) Matrix = new double[p * q];
            if (Best.Length < p)
            {
                Best = new int[p];
                Current = new int[p];
            }
            if (Holder.Length < q) Holder = new int[q];
            if (LocalMatrix.Length < smallDegree * largeDegree) LocalMatrix = new double[smallDegree * largeDegree];
            var degree = Math.Max(smallDegree, largeDegree);
            if (LocalResult.Length < degree) LocalResult = new int[degree];
        }
    }
}
