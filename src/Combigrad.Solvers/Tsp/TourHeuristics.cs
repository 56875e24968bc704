using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>
/// Deterministic tour construction and local search for symmetric costs: nearest neighbour, then 2-opt and Or-opt
/// (segments of up to <see cref="MaxOrOptSegment"/> cities, both orientations) until neither finds an improving move.
/// </summary>
/// <remarks>Costs are exact integers (<see cref="ExactCostUnits"/>), so a move is accepted only when it strictly
/// shortens the tour and the search cannot cycle; ties in nearest neighbour go to the lower index.</remarks>
internal static class TourHeuristics
{
    /// <summary>The longest segment Or-opt moves.</summary>
    public const int MaxOrOptSegment = 3;

    /// <summary>Builds a nearest-neighbour tour from <paramref name="start"/> and improves it; returns its length.</summary>
    /// <param name="cost">The symmetric <c>k x k</c> costs, row-major.</param>
    /// <param name="k">Number of cities, at least 4.</param>
    /// <param name="start">The first city.</param>
    /// <param name="tour">Receives the tour (<c>k</c> cities).</param>
    /// <param name="scratch">At least <c>k</c> entries of scratch space.</param>
    public static T BuildAndImprove<T>(ReadOnlySpan<T> cost, int k, int start, Span<int> tour, Span<int> scratch)
        where T : IBinaryInteger<T>
    {
        NearestNeighbour(cost, k, start, tour, scratch);
        var improved = true;
        var rounds = 0;
        while (improved && rounds++ < k * k)
            improved = TwoOpt(cost, k, tour) | OrOpt(cost, k, tour, scratch);
        return Length(cost, k, tour);
    }

    /// <summary>The length of the closed tour.</summary>
    public static T Length<T>(ReadOnlySpan<T> cost, int k, ReadOnlySpan<int> tour) where T : IBinaryInteger<T>
    {
        var length = T.Zero;
        for (var i = 0; i < k; i++)
            length += cost[tour[i] * k + tour[i + 1 == k ? 0 : i + 1]];
        return length;
    }

    private static void NearestNeighbour<T>(ReadOnlySpan<T> cost, int k, int start, Span<int> tour, Span<int> visited)
        where T : IBinaryInteger<T>
    {
        visited[..k].Clear();
        tour[0] = start;
        visited[start] = 1;
        for (var position = 1; position < k; position++)
        {
            var row = tour[position - 1] * k;
            var next = -1;
            var nearest = T.Zero;
            for (var v = 0; v < k; v++)
            {
                if (visited[v] != 0) continue;
                if (next < 0 || cost[row + v] < nearest)
                {
                    next = v;
                    nearest = cost[row + v];
                }
            }
            tour[position] = next;
            visited[next] = 1;
        }
    }

    /// <summary>One sweep of first-improvement 2-opt; returns whether any move was made.</summary>
    private static bool TwoOpt<T>(ReadOnlySpan<T> cost, int k, Span<int> tour) where T : IBinaryInteger<T>
    {
        var any = false;
        for (var i = 0; i < k - 2; i++)
        {
            var lastJ = i == 0 ? k - 2 : k - 1;
            for (var j = i + 2; j <= lastJ; j++)
            {
                var a = tour[i];
                var b = tour[i + 1];
                var c = tour[j];
                var d = tour[j + 1 == k ? 0 : j + 1];
                var delta = cost[a * k + b] + cost[c * k + d] - cost[a * k + c] - cost[b * k + d];
                if (delta > T.Zero)
                {
                    tour.Slice(i + 1, j - i).Reverse();
                    any = true;
                }
            }
        }
        return any;
    }

    /// <summary>One sweep of first-improvement Or-opt; returns whether any move was made.</summary>
    private static bool OrOpt<T>(ReadOnlySpan<T> cost, int k, Span<int> tour, Span<int> scratch) where T : IBinaryInteger<T>
    {
        var any = false;
        for (var length = 1; length <= MaxOrOptSegment && length <= k - 3; length++)
        {
            for (var first = 0; first < k; first++)
            {
                var s0 = tour[first];
                var s1 = tour[(first + length - 1) % k];
                var before = tour[(first + k - 1) % k];
                var after = tour[(first + length) % k];
                var removalGain = cost[before * k + s0] + cost[s1 * k + after] - cost[before * k + after];
                // Candidate insertion edges (x, y) walk the rest of the tour, from `after` to `before`.
                for (var offset = 0; offset < k - length - 1; offset++)
                {
                    var xAt = (first + length + offset) % k;
                    var x = tour[xAt];
                    var y = tour[(xAt + 1) % k];
                    var baseCost = cost[x * k + y];
                    var forward = cost[x * k + s0] + cost[s1 * k + y] - baseCost;
                    var reversed = cost[x * k + s1] + cost[s0 * k + y] - baseCost;
                    var reverse = reversed < forward;
                    var insertion = reverse ? reversed : forward;
                    if (removalGain - insertion <= T.Zero) continue;
                    MoveSegment(tour, k, first, length, offset, reverse, scratch);
                    any = true;
                    break;
                }
            }
        }
        return any;
    }

    /// <summary>Moves the segment of <paramref name="length"/> cities at <paramref name="first"/> to just after the
    /// city <paramref name="offset"/> places past its end, reversed if asked. Rewrites the tour from position 0.</summary>
    private static void MoveSegment(Span<int> tour, int k, int first, int length, int offset, bool reverse, Span<int> scratch)
    {
        var written = 0;
        var rest = k - length;
        for (var r = 0; r < rest; r++)
        {
            scratch[written++] = tour[(first + length + r) % k];
            if (r != offset) continue;
            for (var s = 0; s < length; s++)
                scratch[written++] = tour[(first + (reverse ? length - 1 - s : s)) % k];
        }
        scratch[..k].CopyTo(tour);
    }
}
