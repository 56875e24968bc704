using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Combigrad.Solvers;

/// <summary>
/// An exact priority queue of (distance, cell) for Dijkstra with non-negative costs at most <c>maxCost</c>: it pops
/// in increasing (distance, cell index) order, like a binary heap, but most entries only pass through an unsorted
/// bucket. Bucket <c>b</c> holds the distances <c>d</c> with <c>floor(d * scale) = b</c>; since that map is
/// monotone, every entry of a lower bucket has a smaller distance, so only the current bucket needs ordering (a small
/// <see cref="DistanceMinHeap"/>). Entries of equal distance share a bucket, so the index tie-break is exact too.
/// </summary>
/// <remarks>
/// <para>Dijkstra pops non-decreasing distances and pushes <c>popped + cost &lt;= popped + maxCost</c>, so the live
/// buckets span at most <c>maxCost * scale + 2</c> consecutive indices; a ring of <see cref="SpareSlots"/> more list
/// heads than buckets per maximum cost holds them. A bitmap of the non-empty slots finds the next bucket with one
/// trailing-zero count per 64 slots. With buckets fine enough to hold about one entry each, a push is O(1) and a pop
/// touches a heap of one entry. Skewed costs (a few huge ones) put many entries in one bucket and degrade gracefully to
/// a binary heap.</para>
/// <para>A stack-only view over buffers of a <see cref="DijkstraWorkspace"/> (its fields stay in registers inside the
/// Dijkstra loop). Each cell may be in the queue at most once: its bucket list is threaded through the cell, and the
/// key of a cell waiting in a bucket is read back from the workspace's distances.</para>
/// </remarks>
internal ref struct MonotoneBucketQueue
{
    /// <summary>Ring slots beyond the buckets per maximum cost: one for the current bucket, one for the floor, and
    /// margin for rounding of <c>d * scale</c>.</summary>
    public const int SpareSlots = 4;

    /// <summary>Ring slots are allocated in words of the non-empty bitmap.</summary>
    public const int SlotsPerWord = 64;

    private const int EmptyList = -1;

    private readonly ref double _distance;
    private readonly ref int _next;
    private readonly ref int _head;
    private readonly ref ulong _occupied;
    private readonly double _scale;
    private readonly int _slotMask;
    private DistanceMinHeap _current;
    private long _bucket;
    private int _pending;

    /// <summary>An empty queue over the buffers of <paramref name="workspace"/> (a ring of
    /// <see cref="DijkstraWorkspace.SlotCount"/> slots, a power of two), for distances that start at
    /// <paramref name="firstDistance"/> and grow by at most <paramref name="maxCost"/> per push.</summary>
    public MonotoneBucketQueue(DijkstraWorkspace workspace, double firstDistance, double maxCost)
    {
        var slots = workspace.SlotCount;
        var scale = maxCost > 0 ? (slots - SpareSlots) / maxCost : 0.0;
        if (!double.IsFinite(scale)) scale = 0.0; // costs so small that the scale overflows: one bucket, a plain heap
        workspace.BucketHead.AsSpan(0, slots).Fill(EmptyList);
        workspace.OccupiedSlots.AsSpan(0, slots / SlotsPerWord).Clear();
        _distance = ref MemoryMarshal.GetArrayDataReference(workspace.Distance);
        _next = ref MemoryMarshal.GetArrayDataReference(workspace.BucketNext);
        _head = ref MemoryMarshal.GetArrayDataReference(workspace.BucketHead);
        _occupied = ref MemoryMarshal.GetArrayDataReference(workspace.OccupiedSlots);
        _current = new DistanceMinHeap(
            ref MemoryMarshal.GetArrayDataReference(workspace.HeapKeys), ref MemoryMarshal.GetArrayDataReference(workspace.HeapCells));
        _scale = scale;
        _slotMask = slots - 1;
        _bucket = Bucket(firstDistance, scale);
        _pending = 0;
    }

    /// <summary>Whether the queue holds no entry.</summary>
    public readonly bool IsEmpty => _current.Count == 0 && _pending == 0;

    /// <summary>Adds a cell that is not in the queue and whose distance (also stored in the workspace's distances) is
    /// at least that of the last pop (or the first distance) and at most that plus the maximum cost.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(double distance, int cell)
    {
        var bucket = Bucket(distance, _scale);
        if (bucket == _bucket)
        {
            _current.Push(distance, cell);
            return;
        }
        var slot = (int)bucket & _slotMask;
        Unsafe.Add(ref _next, cell) = Unsafe.Add(ref _head, slot);
        Unsafe.Add(ref _head, slot) = cell;
        Unsafe.Add(ref _occupied, slot / SlotsPerWord) |= 1UL << slot;
        _pending++;
    }

    /// <summary>Removes the entry with the smallest (distance, cell), returning its cell and writing its distance to
    /// <paramref name="distance"/>; the queue must not be empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Pop(out double distance)
    {
        if (_current.Count == 0) LoadNextBucket();
        return _current.Pop(out distance);
    }

    /// <summary>The bucket of a distance: <c>floor(distance * scale)</c>, which is in range (at most the number of cells
    /// times the ring size), so the native conversion needs no saturation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Bucket(double distance, double scale) => double.ConvertToIntegerNative<long>(distance * scale);

    /// <summary>Moves the next non-empty bucket into the heap (the current bucket's slot is always empty, and the live
    /// buckets span less than the ring, so the first occupied slot after it is the next bucket).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LoadNextBucket()
    {
        var current = (int)_bucket & _slotMask;
        var word = current / SlotsPerWord;
        var bits = Unsafe.Add(ref _occupied, word) & (ulong.MaxValue << current);
        var lastWord = _slotMask / SlotsPerWord;
        while (bits == 0)
        {
            word = word == lastWord ? 0 : word + 1;
            bits = Unsafe.Add(ref _occupied, word);
        }
        var slot = word * SlotsPerWord + BitOperations.TrailingZeroCount(bits);
        _bucket += (slot - current) & _slotMask;
        Unsafe.Add(ref _occupied, word) &= ~(1UL << slot);
        for (var cell = Unsafe.Add(ref _head, slot); cell != EmptyList; cell = Unsafe.Add(ref _next, cell))
        {
            _current.Push(Unsafe.Add(ref _distance, cell), cell);
            _pending--;
        }
        Unsafe.Add(ref _head, slot) = EmptyList;
    }
}
