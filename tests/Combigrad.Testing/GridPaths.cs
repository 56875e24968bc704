namespace Combigrad.Testing;

/// <summary>Grid helpers independent of the solver: neighbourhoods, path validity and a reference shortest path.</summary>
public static class GridPaths
{
    /// <summary>The 8-neighbours of <paramref name="cell"/> (row-major index) inside a <c>rows x cols</c> grid.</summary>
    public static IEnumerable<int> Neighbours(int rows, int cols, int cell)
    {
        var row = cell / cols;
        var col = cell % cols;
        for (var dr = -1; dr <= 1; dr++)
        {
            for (var dc = -1; dc <= 1; dc++)
            {
                var r = row + dr;
                var c = col + dc;
                if ((dr != 0 || dc != 0) && r >= 0 && r < rows && c >= 0 && c < cols)
                    yield return r * cols + c;
            }
        }
    }

    /// <summary>
    /// Describes why <paramref name="indicator"/> is not a valid path indicator (entries in {0, 1}, start and end
    /// cells set, the set cells 8-connected), or returns null when it is valid.
    /// </summary>
    public static string? DescribePathDefect(int rows, int cols, ReadOnlySpan<float> indicator)
    {
        var n = rows * cols;
        if (indicator.Length != n) return $"length {indicator.Length}, expected {n}";
        for (var i = 0; i < n; i++)
            if (indicator[i] is not (0f or 1f)) return $"entry {i} is {indicator[i]}, not 0 or 1";
        if (indicator[0] != 1f) return "start cell not visited";
        if (indicator[n - 1] != 1f) return "end cell not visited";

        var set = indicator.ToArray();
        var reached = new bool[n];
        var stack = new Stack<int>();
        stack.Push(0);
        reached[0] = true;
        while (stack.Count > 0)
        {
            foreach (var next in Neighbours(rows, cols, stack.Pop()))
            {
                if (reached[next] || set[next] != 1f) continue;
                reached[next] = true;
                stack.Push(next);
            }
        }
        for (var i = 0; i < n; i++)
            if (set[i] == 1f && !reached[i]) return $"cell {i} is not connected to the start";
        return null;
    }

    /// <summary>
    /// Reference minimum path cost (start and end cells included) by Bellman-Ford style relaxation sweeps until no
    /// label changes; independent of the solver's Dijkstra. Accumulates in double.
    /// </summary>
    public static double ReferenceMinimumCost(int rows, int cols, ReadOnlySpan<float> costs)
    {
        var n = rows * cols;
        if (costs.Length != n) throw new ArgumentException($"Expected {n} costs, got {costs.Length}.", nameof(costs));
        var distance = new double[n];
        Array.Fill(distance, double.PositiveInfinity);
        distance[0] = costs[0];
        var neighbours = new int[n][];
        for (var v = 0; v < n; v++) neighbours[v] = Neighbours(rows, cols, v).ToArray();

        for (var sweep = 0; sweep < n; sweep++)
        {
            var changed = false;
            for (var v = 0; v < n; v++)
            {
                foreach (var u in neighbours[v])
                {
                    var candidate = distance[u] + costs[v];
                    if (candidate < distance[v])
                    {
                        distance[v] = candidate;
                        changed = true;
                    }
                }
            }
            if (!changed) break;
        }
        return distance[n - 1];
    }

    /// <summary>
    /// Reference path with the solver's documented tie-breaking: a textbook Dijkstra on a sorted set of
    /// <c>(distance, index)</c> with decrease-key, neighbours relaxed in increasing index order, a predecessor replaced
    /// only on a strictly smaller distance, stopping when the end cell is settled. Returns the 0/1 path indicator.
    /// </summary>
    public static float[] ReferenceTieBrokenPath(int rows, int cols, ReadOnlySpan<float> costs)
    {
        var n = rows * cols;
        if (costs.Length != n) throw new ArgumentException($"Expected {n} costs, got {costs.Length}.", nameof(costs));
        // Exact sums (BigInteger in units of 2^-149): with costs such as 1e30 and 1e-30, double sums would round.
        var cost = new System.Numerics.BigInteger[n];
        for (var i = 0; i < n; i++) cost[i] = ExactObjectives.Units(costs[i]);
        var distance = new System.Numerics.BigInteger?[n];
        var predecessor = new int[n];
        Array.Fill(predecessor, -1);
        distance[0] = cost[0];
        var queue = new SortedSet<(System.Numerics.BigInteger Distance, int Cell)> { (cost[0], 0) };
        var settled = new bool[n];
        while (queue.Count > 0)
        {
            var (reached, cell) = queue.Min;
            queue.Remove(queue.Min);
            settled[cell] = true;
            if (cell == n - 1) break;
            foreach (var next in Neighbours(rows, cols, cell))
            {
                if (settled[next]) continue;
                var candidate = reached + cost[next];
                if (distance[next] is { } known)
                {
                    if (candidate >= known) continue;
                    queue.Remove((known, next));
                }
                distance[next] = candidate;
                predecessor[next] = cell;
                queue.Add((candidate, next));
            }
        }
        var path = new float[n];
        for (var cell = n - 1; cell >= 0; cell = predecessor[cell]) path[cell] = 1f;
        return path;
    }
}
