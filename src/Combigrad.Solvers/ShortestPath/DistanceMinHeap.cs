using System.Runtime.CompilerServices;

namespace Combigrad.Solvers;

/// <summary>
/// A binary min-heap of (distance, cell) entries ordered by distance, then cell index: a total order, so the pop
/// sequence does not depend on the push order. Used by <see cref="MonotoneBucketQueue"/> for the entries of its current
/// bucket.
/// </summary>
/// <remarks>A stack-only view over two parallel buffers of a <see cref="DijkstraWorkspace"/> (the key comparisons touch
/// only the keys), so that the JIT keeps its fields in registers inside the Dijkstra loop. Element access skips bounds
/// checks: the buffers must hold as many entries as will ever be in the heap at once.</remarks>
internal ref struct DistanceMinHeap
{
    private readonly ref double _keys;
    private readonly ref int _cells;
    private int _count;

    /// <summary>An empty heap over the buffers starting at <paramref name="keys"/> and <paramref name="cells"/>.</summary>
    public DistanceMinHeap(ref double keys, ref int cells)
    {
        _keys = ref keys;
        _cells = ref cells;
    }

    /// <summary>The number of entries.</summary>
    public readonly int Count => _count;

    /// <summary>Adds an entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(double distance, int cell)
    {
        ref var keys = ref _keys;
        ref var cells = ref _cells;
        var at = _count++;
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            var parentKey = Unsafe.Add(ref keys, parent);
            if (parentKey < distance || (parentKey == distance && Unsafe.Add(ref cells, parent) < cell)) break;
            Unsafe.Add(ref keys, at) = parentKey;
            Unsafe.Add(ref cells, at) = Unsafe.Add(ref cells, parent);
            at = parent;
        }
        Unsafe.Add(ref keys, at) = distance;
        Unsafe.Add(ref cells, at) = cell;
    }

    /// <summary>Removes the smallest entry, returning its cell and writing its distance to <paramref name="distance"/>;
    /// the heap must not be empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Pop(out double distance)
    {
        ref var keys = ref _keys;
        ref var cells = ref _cells;
        distance = keys;
        var top = cells;
        var count = --_count;
        if (count == 0) return top;
        var lastKey = Unsafe.Add(ref keys, count);
        var lastCell = Unsafe.Add(ref cells, count);
        var at = 0;
        while (true)
        {
            var child = 2 * at + 1;
            if (child >= count) break;
            var childKey = Unsafe.Add(ref keys, child);
            var right = child + 1;
            if (right < count)
            {
                var rightKey = Unsafe.Add(ref keys, right);
                if (rightKey < childKey || (rightKey == childKey && Unsafe.Add(ref cells, right) < Unsafe.Add(ref cells, child)))
                {
                    child = right;
                    childKey = rightKey;
                }
            }
            if (lastKey < childKey || (lastKey == childKey && lastCell < Unsafe.Add(ref cells, child))) break;
            Unsafe.Add(ref keys, at) = childKey;
            Unsafe.Add(ref cells, at) = Unsafe.Add(ref cells, child);
            at = child;
        }
        Unsafe.Add(ref keys, at) = lastKey;
        Unsafe.Add(ref cells, at) = lastCell;
        return top;
    }
}
