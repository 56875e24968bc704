using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Combigrad.Benchmarks.GridBaseline;

/// <summary>
/// A binary min-heap of (distance, cell) entries ordered by distance, then cell index: a total order, so the pop
/// sequence does not depend on the push order. Used by <see cref="MonotoneBucketQueue"/> for the entries of its current
/// bucket.
/// </summary>
/// <remarks>Keys and cells live in two parallel arrays (the key comparisons touch only the keys) that are reused
/// across calls; element access skips bounds checks, so callers must respect <see cref="Reset"/>'s capacity.</remarks>
internal sealed class DistanceMinHeap
{
    private double[] _keys = [];
    private int[] _cells = [];
    private int _count;

    /// <summary>The number of entries.</summary>
    public int Count => _count;

    /// <summary>Empties the heap and makes room for <paramref name="capacity"/> entries (reused across calls).</summary>
    public void Reset(int capacity)
    {
        if (_keys.Length < capacity)
        {
            _keys = new double[capacity];
            _cells = new int[capacity];
        }
        _count = 0;
    }

    /// <summary>Adds an entry; the heap must hold fewer entries than the capacity given to <see cref="Reset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(double distance, int cell)
    {
        ref var keys = ref MemoryMarshal.GetArrayDataReference(_keys);
        ref var cells = ref MemoryMarshal.GetArrayDataReference(_cells);
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Pop(out double distance)
    {
        ref var keys = ref MemoryMarshal.GetArrayDataReference(_keys);
        ref var cells = ref MemoryMarshal.GetArrayDataReference(_cells);
        distance = keys;
        var top = cells;
        var count = --_count;
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
