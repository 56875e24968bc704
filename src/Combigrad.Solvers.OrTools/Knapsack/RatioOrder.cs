namespace Combigrad.Solvers;

/// <summary>
/// Sorts item indices by decreasing ratio, then increasing index, in place and without allocating (a heapsort:
/// <c>Span.Sort</c> with a comparer boxes it). The order is total, so the result does not depend on the algorithm.
/// </summary>
internal static class RatioOrder
{
    /// <summary>Sorts <paramref name="items"/> so that <c>ratio[items[p]]</c> decreases (ties: lower index first).</summary>
    public static void Sort(Span<int> items, ReadOnlySpan<double> ratio)
    {
        var n = items.Length;
        for (var start = n / 2 - 1; start >= 0; start--)
            SiftDown(items, ratio, start, n);
        for (var end = n - 1; end > 0; end--)
        {
            (items[0], items[end]) = (items[end], items[0]);
            SiftDown(items, ratio, 0, end);
        }
    }

    /// <summary>Whether item <paramref name="x"/> comes after item <paramref name="y"/> (a max-heap on this puts
    /// the last item at the root).</summary>
    private static bool ComesAfter(ReadOnlySpan<double> ratio, int x, int y) =>
        ratio[x] < ratio[y] || (ratio[x] == ratio[y] && x > y);

    private static void SiftDown(Span<int> items, ReadOnlySpan<double> ratio, int at, int count)
    {
        var item = items[at];
        while (true)
        {
            var child = 2 * at + 1;
            if (child >= count) break;
            if (child + 1 < count && ComesAfter(ratio, items[child + 1], items[child])) child++;
            if (!ComesAfter(ratio, items[child], item)) break;
            items[at] = items[child];
            at = child;
        }
        items[at] = item;
    }
}
