using System.Numerics;
using System.Runtime.CompilerServices;

namespace Combigrad.Benchmarks.GridBaseline;

/// <summary>
/// An exact priority queue of (distance, cell) for Dijkstra with non-negative costs at most <c>maxCost</c>: it pops
/// in increasing (distance, cell index) order, like a binary heap, but most entries only pass through an unsorted
/// bucket. Bucket <c>b</c> holds the distances <c>d</c> with <c>floor(d * scale) = b</c>; since that map is
/// monotone, every entry of a lower bucket has a smaller distance, so only the current bucket needs ordering (a small
/// <see cref="DistanceMinHeap"/>). Entries of equal distance share a bucket, so the index tie-break is exact too.
/// </summary>
/// <remarks>
/// <para>Dijkstra pops non-decreasing distances and pushes <c>popped + cost &lt;= popped + maxCost</c>, so the live
/// buckets span at most <c>maxCost * scale + 2</c> consecutive indices; a ring of that many list heads (rounded up to a
/// power of two) holds them. With <c>scale</c> chosen so that a ring holds about two entries per bucket, a push is
/// O(1) and a pop touches a heap of a few entries. Skewed costs (a few huge ones) put many entries in one bucket and
/// degrade gracefully to a binary heap.</para>
/// <para>Each cell may be in the queue at most once (its bucket list is threaded through the cell).</para>
/// </remarks>
internal sealed class MonotoneBucketQueue
{
    /// <summary>Extra ring slots beyond <c>maxCost * scale</c>: one for the current bucket, one for the floor, and
    /// margin for rounding of <c>d * scale</c>.</summary>
    private const int SpareSlots = 4;

    private const int EmptyList = -1;

    private readonly DistanceMinHeap _current = new();
    private int[] _head = [];
    private int[] _next = [];
    private double[] _key = [];
    private long _bucket;
    private int _mask;
    private double _scale;
    private int _pending;

    /// <summary>The number of entries.</summary>
    public int Count => _current.Count + _pending;

    /// <summary>Empties the queue for cells <c>0 .. cellCount - 1</c>, with distances that start at
    /// <paramref name="firstDistance"/> and grow by at most <paramref name="maxCost"/> per push, spread over about
    /// <paramref name="bucketsPerMaxCost"/> buckets.</summary>
    public void Reset(int cellCount, double firstDistance, double maxCost, int bucketsPerMaxCost)
    {
        var scale = maxCost > 0 ? bucketsPerMaxCost / maxCost : 0.0;
        if (!double.IsFinite(scale)) scale = 0.0; // costs so small that the scale overflows: one bucket, a plain heap
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)(bucketsPerMaxCost + SpareSlots));
        if (_head.Length < slots) _head = new int[slots];
        if (_next.Length < cellCount)
        {
            _next = new int[cellCount];
            _key = new double[cellCount];
        }
        _head.AsSpan(0, slots).Fill(EmptyList);
        _mask = slots - 1;
        _scale = scale;
        _bucket = (long)(firstDistance * scale);
        _pending = 0;
        _current.Reset(cellCount);
    }

    /// <summary>Adds a cell that is not in the queue, with a distance at least that of the last pop (or the first
    /// distance) and at most that plus the maximum cost.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(double distance, int cell)
    {
        var bucket = (long)(distance * _scale);
        if (bucket == _bucket)
        {
            _current.Push(distance, cell);
            return;
        }
        var slot = (int)bucket & _mask;
        _key[cell] = distance;
        _next[cell] = _head[slot];
        _head[slot] = cell;
        _pending++;
    }

    /// <summary>Removes the entry with the smallest (distance, cell), returning its cell and writing its distance to
    /// <paramref name="distance"/>; the queue must not be empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Pop(out double distance)
    {
        if (_current.Count == 0) LoadNextBucket();
        return _current.Pop(out distance);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LoadNextBucket()
    {
        var head = _head;
        int slot;
        do
        {
            _bucket++;
            slot = (int)_bucket & _mask;
        }
        while (head[slot] == EmptyList);
        var next = _next;
        var key = _key;
        for (var cell = head[slot]; cell != EmptyList; cell = next[cell])
        {
            _current.Push(key[cell], cell);
            _pending--;
        }
        head[slot] = EmptyList;
    }
}
