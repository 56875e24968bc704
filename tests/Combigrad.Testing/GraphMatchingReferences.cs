using Combigrad.Solvers;

namespace Combigrad.Testing;

/// <summary>
/// Brute-force graph matching (paper eq. 16) written from the definition, independent of the solvers: vertex part
/// row-major over <c>V1 x V2</c>, edge part row-major over <c>E1 x E2</c>, <c>e_(k,l) = v_(i,a) v_(j,b) + v_(i,b) v_(j,a)</c>
/// for <c>k = {i, j}</c>, <c>l = {a, b}</c>; every vertex of the smaller graph matched once, larger-graph vertices at most once.
/// </summary>
public static class GraphMatchingReferences
{
    /// <summary>The largest smaller-side vertex count <see cref="EnumerateSolutions"/> accepts.</summary>
    public const int MaxBruteForceVertices = 6;

    /// <summary>Every feasible solution vector (vertex and edge indicators), in lexicographic order of the maps.</summary>
    public static IReadOnlyList<float[]> EnumerateSolutions(UndirectedGraph first, UndirectedGraph second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var swapped = first.VertexCount > second.VertexCount;
        var p = Math.Min(first.VertexCount, second.VertexCount);
        var q = Math.Max(first.VertexCount, second.VertexCount);
        if (p > MaxBruteForceVertices)
            throw new ArgumentOutOfRangeException(nameof(first), $"Brute force handles at most {MaxBruteForceVertices} vertices.");
        var result = new List<float[]>();
        var map = new int[p];
        var used = new bool[q];
        void Extend(int s)
        {
            if (s == p)
            {
                var v = new int[first.VertexCount];
                Array.Fill(v, -1);
                for (var i = 0; i < p; i++)
                {
                    if (swapped) v[map[i]] = i;
                    else v[i] = map[i];
                }
                result.Add(Indicators(first, second, v));
                return;
            }
            for (var t = 0; t < q; t++)
            {
                if (used[t]) continue;
                used[t] = true;
                map[s] = t;
                Extend(s + 1);
                used[t] = false;
            }
        }
        Extend(0);
        return result;
    }

    /// <summary>The solution vector of the map <c>image[i]</c> (vertex of G2 for vertex i of G1, or -1).</summary>
    public static float[] Indicators(UndirectedGraph first, UndirectedGraph second, IReadOnlyList<int> image)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(image);
        int n1 = first.VertexCount, n2 = second.VertexCount;
        var y = new float[n1 * n2 + first.EdgeCount * second.EdgeCount];
        var vertex = new float[n1, n2];
        for (var i = 0; i < n1; i++)
        {
            if (image[i] < 0) continue;
            vertex[i, image[i]] = 1f;
            y[i * n2 + image[i]] = 1f;
        }
        for (var k = 0; k < first.EdgeCount; k++)
        {
            var (i, j) = first.GetEdge(k);
            for (var l = 0; l < second.EdgeCount; l++)
            {
                var (a, b) = second.GetEdge(l);
                y[n1 * n2 + k * second.EdgeCount + l] = vertex[i, a] * vertex[j, b] + vertex[i, b] * vertex[j, a];
            }
        }
        return y;
    }

    /// <summary>Why <paramref name="solution"/> is not a feasible, consistent solution, or null if it is.</summary>
    public static string? DescribeDefect(UndirectedGraph first, UndirectedGraph second, ReadOnlySpan<float> solution)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        int n1 = first.VertexCount, n2 = second.VertexCount;
        var expectedLength = n1 * n2 + first.EdgeCount * second.EdgeCount;
        if (solution.Length != expectedLength) return $"length {solution.Length}, expected {expectedLength}";
        for (var x = 0; x < solution.Length; x++)
            if (solution[x] is not (0f or 1f)) return $"entry {x} is {solution[x]}, not 0 or 1";
        var image = new int[n1];
        Array.Fill(image, -1);
        var rowCount = new int[n1];
        var columnCount = new int[n2];
        for (var i = 0; i < n1; i++)
        {
            for (var a = 0; a < n2; a++)
            {
                if (solution[i * n2 + a] == 0f) continue;
                rowCount[i]++;
                columnCount[a]++;
                image[i] = a;
            }
        }
        for (var i = 0; i < n1; i++)
        {
            if (rowCount[i] > 1) return $"vertex {i} of G1 matched {rowCount[i]} times";
            if (n1 <= n2 && rowCount[i] == 0) return $"vertex {i} of G1 (the smaller side) unmatched";
        }
        for (var a = 0; a < n2; a++)
        {
            if (columnCount[a] > 1) return $"vertex {a} of G2 matched {columnCount[a]} times";
            if (n2 < n1 && columnCount[a] == 0) return $"vertex {a} of G2 (the smaller side) unmatched";
        }
        var expected = Indicators(first, second, image);
        for (var x = n1 * n2; x < expected.Length; x++)
            if (expected[x] != solution[x]) return $"edge entry {x} is {solution[x]}, expected {expected[x]} from the vertex matching";
        return null;
    }

    /// <summary>How far two double sums of the same cost terms, taken in different orders, may differ (the exact solver
    /// rounds nothing, but its objective and the brute force's are both double sums).</summary>
    public static double SummationTolerance(ReadOnlySpan<float> costs)
    {
        const int DoubleSumBits = 50;
        var maxAbs = 0.0;
        foreach (var c in costs) maxAbs = Math.Max(maxAbs, Math.Abs(c));
        return costs.Length * maxAbs * Math.ScaleB(1.0, -DoubleSumBits);
    }

    /// <summary>The rounding tolerance of a solver that rounds costs to <paramref name="resolutionBits"/> bits.</summary>
    public static double RoundingTolerance(ReadOnlySpan<float> costs, int resolutionBits)
    {
        var maxAbs = 0.0;
        foreach (var c in costs) maxAbs = Math.Max(maxAbs, Math.Abs(c));
        return costs.Length * maxAbs * Math.ScaleB(1.0, -resolutionBits) + Tolerances.AbsoluteObjective;
    }
}
