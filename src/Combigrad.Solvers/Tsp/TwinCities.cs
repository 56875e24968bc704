using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>
/// Finds classes of interchangeable ("twin") cities that some optimal tour visits consecutively, so the search may fix
/// each class as a path in index order. Cities <c>i</c> and <c>j</c> are twins when <c>c[i, x] = c[j, x]</c> for every
/// other city <c>x</c> (for example duplicated points); twinship is an equivalence, and all costs inside a class equal
/// one value <c>z</c>, so every relabelling inside a class maps tours to tours of the same length.
/// </summary>
/// <remarks>
/// <para>A class <c>C</c> (twin <c>a</c>) is fixed only when, for every pair <c>x, y</c> outside <c>C</c>,
/// <c>c[x, a] + c[a, y] &gt;= c[x, y] + z</c>. Then moving one twin out of its place between two outsiders and next to
/// another twin never lengthens a tour (it saves <c>c[x, a] + c[a, y] - c[x, y]</c> and costs <c>z</c>; a twin beside
/// another twin moves at zero net cost), so some optimal tour has the class consecutive, and by symmetry in index
/// order. For non-negative metric costs with <c>z = 0</c> (coincident points) the condition is the triangle inequality,
/// checked exactly on the given costs: a class is left alone when rounding breaks it anywhere.</para>
/// <para>Without this, <c>m</c> twins make about <c>m!</c> tours of exactly the optimal length; a branch-and-bound that
/// closes a subtree only when its bound proves it holds no strictly shorter tour must then separate all of them.</para>
/// </remarks>
internal static class TwinCities
{
    private const int NoCity = -1;

    /// <summary>
    /// Links each fixable twin class into a path: <paramref name="nextTwin"/><c>[v]</c> is the next city of
    /// <c>v</c>'s class in index order, or -1. Returns the number of links.
    /// </summary>
    /// <param name="cost">Symmetric <c>k x k</c> costs, row-major (diagonal ignored).</param>
    /// <param name="k">Number of cities.</param>
    /// <param name="nextTwin">Receives the links (<c>k</c> entries).</param>
    /// <param name="classOf">Scratch, <c>k</c> entries: receives the lowest city of each city's class.</param>
    public static int Link<T>(ReadOnlySpan<T> cost, int k, Span<int> nextTwin, Span<int> classOf) where T : INumber<T>
    {
        for (var v = 0; v < k; v++)
        {
            nextTwin[v] = NoCity;
            classOf[v] = NoCity;
        }
        var links = 0;
        for (var first = 0; first < k; first++)
        {
            if (classOf[first] != NoCity) continue;
            classOf[first] = first;
            var last = first;
            for (var j = first + 1; j < k; j++)
            {
                if (classOf[j] != NoCity || !AreTwins(cost, k, first, j)) continue;
                classOf[j] = first;
                nextTwin[last] = j;
                last = j;
            }
            if (last == first) continue;
            if (ConsecutiveVisitIsOptimal(cost, k, first, classOf))
            {
                for (var v = first; nextTwin[v] != NoCity; v = nextTwin[v]) links++;
            }
            else
            {
                for (var v = first; v != NoCity;)
                {
                    var next = nextTwin[v];
                    nextTwin[v] = NoCity;
                    v = next;
                }
            }
        }
        return links;
    }

    private static bool AreTwins<T>(ReadOnlySpan<T> cost, int k, int i, int j) where T : INumber<T>
    {
        var rowI = cost.Slice(i * k, k);
        var rowJ = cost.Slice(j * k, k);
        for (var x = 0; x < k; x++)
            if (x != i && x != j && rowI[x] != rowJ[x]) return false;
        return true;
    }

    /// <summary>Checks <c>c[x, a] + c[a, y] &gt;= c[x, y] + z</c> for all outsiders <c>x &lt; y</c> of the class of
    /// <paramref name="a"/> (whose members are already marked in <paramref name="classOf"/>).</summary>
    private static bool ConsecutiveVisitIsOptimal<T>(ReadOnlySpan<T> cost, int k, int a, ReadOnlySpan<int> classOf) where T : INumber<T>
    {
        var z = T.Zero;
        for (var v = a + 1; v < k; v++)
        {
            if (classOf[v] != a) continue;
            z = cost[a * k + v];
            break;
        }
        var rowA = cost.Slice(a * k, k);
        for (var x = 0; x < k; x++)
        {
            if (classOf[x] == a) continue;
            for (var y = x + 1; y < k; y++)
            {
                if (classOf[y] == a) continue;
                if (rowA[x] + rowA[y] < cost[x * k + y] + z) return false;
            }
        }
        return true;
    }
}
