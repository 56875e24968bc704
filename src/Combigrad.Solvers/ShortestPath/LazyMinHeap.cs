namespace Combigrad.Solvers;

/// <summary>
/// A binary min-heap of (distance, cell) entries ordered by distance, then cell index, for Dijkstra without
/// decrease-key: a cell is pushed again whenever its distance strictly drops, and entries whose distance is above the
/// cell's current distance are stale and skipped when popped. Valid entries pop in exactly the (distance, index) order
/// of a decrease-key heap, so results and tie-breaking are the same, with less bookkeeping per relaxation.
/// </summary>
internal sealed class LazyMinHeap
{
    private Entry[] _entries = [];
    private int _count;

    /// <summary>The number of entries, stale ones included.</summary>
    public int Count => _count;

    /// <summary>Empties the heap and makes room for <paramref name="capacity"/> entries (reused across calls).</summary>
    public void Reset(int capacity)
    {
        if (_entries.Length < capacity) _entries = new Entry[capacity];
        _count = 0;
    }

    /// <summary>Adds an entry.</summary>
    public void Push(double distance, int cell)
    {
        var entries = _entries;
        var at = _count++;
        var entry = new Entry(distance, cell);
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            if (!Precedes(entry, entries[parent])) break;
            entries[at] = entries[parent];
            at = parent;
        }
        entries[at] = entry;
    }

    /// <summary>Removes and returns the smallest entry.</summary>
    public (double Distance, int Cell) Pop()
    {
        var entries = _entries;
        var top = entries[0];
        var last = entries[--_count];
        var at = 0;
        while (true)
        {
            var child = 2 * at + 1;
            if (child >= _count) break;
            if (child + 1 < _count && Precedes(entries[child + 1], entries[child])) child++;
            if (!Precedes(entries[child], last)) break;
            entries[at] = entries[child];
            at = child;
        }
        entries[at] = last;
        return (top.Distance, top.Cell);
    }

    private static bool Precedes(in Entry a, in Entry b) =>
        a.Distance < b.Distance || (a.Distance == b.Distance && a.Cell < b.Cell);

    private readonly record struct Entry(double Distance, int Cell);
}
