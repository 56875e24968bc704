using Combigrad.Data.Warcraft;

namespace Combigrad.Data.Tests;

public sealed class WarcraftLabelTests
{
    private const double Tolerance = 1e-4;

    [Fact]
    public void Labels_SmallMaps_MatchBruteForceOverAllSimplePaths()
    {
        const int Size = 4;
        var dataset = WarcraftDataset.Generate(Size, WarcraftSplit.Test, seed: 11, count: 30);
        var paths = AllSimplePaths(Size);
        var costs = new float[Size * Size];
        var label = new float[Size * Size];

        for (var i = 0; i < dataset.Count; i++)
        {
            dataset.WriteCosts(i, costs);
            dataset.WritePath(i, label);
            var best = paths.Min(p => p.Sum(cell => (double)costs[cell]));

            Assert.True(IsPath(label, Size), $"map {i}: the label is not a top-left to bottom-right 8-connected path");
            Assert.Equal(best, PathCost(label, costs), Tolerance);
        }
    }

    [Theory]
    [InlineData(12)]
    [InlineData(18)]
    public void Labels_BenchmarkSizes_MatchBellmanFordOptimum(int size)
    {
        var dataset = WarcraftDataset.Generate(size, WarcraftSplit.Train, seed: 5, count: 40);
        var costs = new float[size * size];
        var label = new float[size * size];

        for (var i = 0; i < dataset.Count; i++)
        {
            dataset.WriteCosts(i, costs);
            dataset.WritePath(i, label);

            Assert.True(IsPath(label, size), $"map {i}: the label is not a top-left to bottom-right 8-connected path");
            Assert.Equal(BellmanFord(costs, size), PathCost(label, costs), Tolerance);
        }
    }

    private static double PathCost(float[] label, float[] costs) => label.Select((y, j) => y * (double)costs[j]).Sum();

    /// <summary>Vertex-weighted 8-neighbour shortest path value by Bellman-Ford relaxation (start and end counted).</summary>
    private static double BellmanFord(float[] costs, int size)
    {
        var distance = Enumerable.Repeat(double.PositiveInfinity, costs.Length).ToArray();
        distance[0] = costs[0];
        for (var round = 0; round < costs.Length; round++)
        {
            var changed = false;
            for (var cell = 0; cell < costs.Length; cell++)
            {
                if (double.IsPositiveInfinity(distance[cell])) continue;
                foreach (var next in Neighbours(cell, size))
                {
                    if (distance[cell] + costs[next] < distance[next])
                    {
                        distance[next] = distance[cell] + costs[next];
                        changed = true;
                    }
                }
            }
            if (!changed) break;
        }
        return distance[^1];
    }

    private static List<int[]> AllSimplePaths(int size)
    {
        var result = new List<int[]>();
        var stack = new List<int> { 0 };
        var visited = new bool[size * size];
        visited[0] = true;
        Extend();
        return result;

        void Extend()
        {
            var last = stack[^1];
            if (last == size * size - 1)
            {
                result.Add([.. stack]);
                return;
            }
            foreach (var next in Neighbours(last, size))
            {
                if (visited[next]) continue;
                visited[next] = true;
                stack.Add(next);
                Extend();
                stack.RemoveAt(stack.Count - 1);
                visited[next] = false;
            }
        }
    }

    /// <summary>The marked cells form one chain from (0, 0) to (k-1, k-1) in the 8-neighbourhood.</summary>
    private static bool IsPath(float[] label, int size)
    {
        var marked = Enumerable.Range(0, label.Length).Where(j => label[j] == 1f).ToHashSet();
        if (label.Any(y => y != 0f && y != 1f) || !marked.Contains(0) || !marked.Contains(label.Length - 1)) return false;
        var degrees = marked.Select(cell => Neighbours(cell, size).Count(marked.Contains)).ToArray();
        var ends = marked.Count(cell => Neighbours(cell, size).Count(marked.Contains) == 1);
        return marked.Count == 1 || (ends == 2 && degrees.All(d => d is 1 or 2) && Connected(marked, size));
    }

    private static bool Connected(HashSet<int> cells, int size)
    {
        var seen = new HashSet<int> { 0 };
        var queue = new Queue<int>([0]);
        while (queue.Count > 0)
            foreach (var next in Neighbours(queue.Dequeue(), size))
                if (cells.Contains(next) && seen.Add(next)) queue.Enqueue(next);
        return seen.Count == cells.Count;
    }

    private static IEnumerable<int> Neighbours(int cell, int size)
    {
        int row = cell / size, column = cell % size;
        for (var r = Math.Max(0, row - 1); r <= Math.Min(size - 1, row + 1); r++)
            for (var c = Math.Max(0, column - 1); c <= Math.Min(size - 1, column + 1); c++)
                if (r != row || c != column) yield return r * size + c;
    }
}
