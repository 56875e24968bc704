using System.Numerics;
using System.Runtime.CompilerServices;

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
/// <para>The operations work on state the caller keeps in locals (current bucket, entry counts) and on buffers of a
/// <see cref="DijkstraWorkspace"/>, so that the JIT keeps the state in registers inside the Dijkstra loop (see
/// <see cref="DistanceMinHeap"/>). Each cell may be in the queue at most once: its bucket list is threaded through the
/// cell, and the key of a cell waiting in a bucket is read back from the workspace's distances. The current bucket's
/// entries are in the heap, never in the ring, so its slot is empty.</para>
/// </remarks>
internal static class MonotoneBucketQueue
{
    /// <summary>Ring slots beyond the buckets per maximum cost: one for the current bucket, one for the floor, and
    /// margin for rounding of <c>d * scale</c>.</summary>
    public const int SpareSlots = 4;

    /// <summary>Ring slots are allocated in words of the non-empty bitmap.</summary>
    public const int SlotsPerWord = 64;

    private const int EmptyList = -1;

    /// <summary>Empties the ring of <paramref name="workspace"/> and returns the bucket scale for costs up to
    /// <paramref name="maxCost"/>: <see cref="DijkstraWorkspace.SlotCount"/> minus the spare slots buckets per maximum
    /// cost, or 0 (one bucket, a plain heap) when the costs are all zero or so small that the scale overflows.</summary>
    public static double Reset(DijkstraWorkspace workspace, double maxCost)
    {
        var slots = workspace.SlotCount;
        workspace.BucketHead.AsSpan(0, slots).Fill(EmptyList);
        workspace.OccupiedSlots.AsSpan(0, slots / SlotsPerWord).Clear();
        var scale = maxCost > 0 ? (slots - SpareSlots) / maxCost : 0.0;
        return double.IsFinite(scale) ? scale : 0.0;
    }

    /// <summary>The bucket of a distance: <c>floor(distance * scale)</c>. It is in range (at most the number of cells
    /// times the ring size), so the native conversion needs no saturation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Bucket(double distance, double scale) => double.ConvertToIntegerNative<long>(distance * scale);

    /// <summary>Adds <paramref name="cell"/> (not in the queue) to the list of ring slot <paramref name="slot"/>, given
    /// the starts of the workspace's <see cref="DijkstraWorkspace.BucketHead"/>, <see cref="DijkstraWorkspace.BucketNext"/>
    /// and <see cref="DijkstraWorkspace.OccupiedSlots"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Append(ref int head, ref int next, ref ulong occupied, int slot, int cell)
    {
        Unsafe.Add(ref next, cell) = Unsafe.Add(ref head, slot);
        Unsafe.Add(ref head, slot) = cell;
        Unsafe.Add(ref occupied, slot / SlotsPerWord) |= 1UL << slot;
    }

    /// <summary>Moves the first bucket after <paramref name="bucket"/> that holds entries (there must be one) into the
    /// heap (<paramref name="heapKeys"/>, <paramref name="heapCells"/>, <paramref name="heapCount"/>), returning that
    /// bucket; <paramref name="pending"/> counts the entries left in the ring, and the keys are read from
    /// <paramref name="distance"/>. The live buckets span less than the ring, so the first occupied slot after the
    /// current one is the next bucket.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LoadNextBucket(ref int head, ref int next, ref ulong occupied, ref double distance,
        ref double heapKeys, ref int heapCells, ref int heapCount, ref int pending, long bucket, int slotMask)
    {
        var current = (int)bucket & slotMask;
        var word = current / SlotsPerWord;
        var bits = Unsafe.Add(ref occupied, word) & (ulong.MaxValue << current);
        var lastWord = slotMask / SlotsPerWord;
        while (bits == 0)
        {
            word = word == lastWord ? 0 : word + 1;
            bits = Unsafe.Add(ref occupied, word);
        }
        var slot = word * SlotsPerWord + BitOperations.TrailingZeroCount(bits);
        Unsafe.Add(ref occupied, word) &= ~(1UL << slot);
        for (var cell = Unsafe.Add(ref head, slot); cell != EmptyList; cell = Unsafe.Add(ref next, cell))
        {
            DistanceMinHeap.Push(ref heapKeys, ref heapCells, ref heapCount, Unsafe.Add(ref distance, cell), cell);
            pending--;
        }
        Unsafe.Add(ref head, slot) = EmptyList;
        return bucket + ((slot - current) & slotMask);
    }
}
