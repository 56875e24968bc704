namespace Combigrad.Experiments.Benchmarks;

/// <summary>
/// The unoptimised reference for grid shortest paths: Dijkstra with a <see cref="SortedSet{T}"/> of
/// <c>(distance, cell)</c> as priority queue and fresh arrays per call, on the same vertex-weighted 8-neighbour grid
/// (start and end costs counted).
/// </summary>
public static class SortedSetDijkstra
{
    /// <summary>The cost of a shortest path from the top-left to the bottom-right cell of the square grid.</summary>
    public static double ShortestPathCost(int size, float[] costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        var n = size * size;
        var distance = new double[n];
        Array.Fill(distance, double.PositiveInfinity);
        distance[0] = costs[0];
        var queue = new SortedSet<(double Distance, int Cell)> { (costs[0], 0) };
        while (queue.Count > 0)
        {
            var (d, cell) = queue.Min;
            queue.Remove(queue.Min);
            if (cell == n - 1) return d;
            int row = cell / size, col = cell % size;
            for (var dr = -1; dr <= 1; dr++)
            {
                for (var dc = -1; dc <= 1; dc++)
                {
                    int r = row + dr, c = col + dc;
                    if ((dr == 0 && dc == 0) || r < 0 || c < 0 || r >= size || c >= size) continue;
                    var next = r * size + c;
                    var candidate = d + costs[next];
                    if (candidate >= distance[next]) continue;
                    queue.Remove((distance[next], next));
                    distance[next] = candidate;
                    queue.Add((candidate, next));
                }
            }
        }
        return distance[n - 1];
    }
}
