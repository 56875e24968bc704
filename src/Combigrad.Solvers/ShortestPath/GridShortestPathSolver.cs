using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Combigrad.Solvers;

/// <summary>
/// Shortest path on a vertex-weighted <c>rows x cols</c> grid with the 8-neighbourhood, from the top-left cell
/// <c>(0, 0)</c> to the bottom-right cell <c>(rows - 1, cols - 1)</c>: the Warcraft shortest-path problem of
/// Vlastelica et al. (2020), used in the paper's Sec. 5.
/// </summary>
/// <remarks>
/// <para>Costs <c>w</c> are one per cell, row-major. A path's cost is the sum of the costs of <em>all</em> cells
/// it visits, start and end included, so <c>&lt;w, y&gt;</c> with <c>y</c> the 0/1 indicator of the visited cells is
/// exactly the path cost. The output is that indicator, row-major.</para>
/// <para>Algorithm: Dijkstra on a grid padded with a one-cell border (fixed neighbour offsets, no border tests), with an
/// exact monotone bucket queue (<see cref="MonotoneBucketQueue"/>: a ring of fine buckets with a bitmap of the non-empty
/// ones, and a small heap for the current bucket) that orders entries by (distance, index); it stops when the end cell
/// is settled. Distances are accumulated in <see cref="double"/> when that is exact: all costs are multiples of one power
/// of two <c>u</c> and <c>cells max|c| &lt; 2^53 u</c> (checked in one vectorised pass; true for float costs spanning
/// less than about 2^20 in magnitude and granularity together). Otherwise, for example with a big-M cell 1e15 times the
/// others, the same Dijkstra runs on exact integer costs (<see cref="long"/>, <see cref="Int128"/> or
/// <see cref="BigInteger"/>, slower and allocating) with the same tie-breaking. With vertex costs, the first time a
/// cell is reached is from its first-settled neighbour, whose distance is the smallest among its neighbours, so that
/// first distance is already final (rounded addition is monotone): every cell is pushed once, never improved, and the
/// relaxation only needs "is this neighbour unreached", found for all eight at once by three vector compares.
/// Because costs are non-negative and every path sum is exact, the result is an exact minimiser for every finite input;
/// zero costs are allowed and the returned path is still simple (it is read off the
/// predecessor tree). Every grid is connected, so no instance is infeasible.</para>
/// <para>Tie-breaking (deterministic): cells are settled in increasing <c>(distance, row-major index)</c> order, and a
/// cell's predecessor is the neighbour that first reaches it, which is never replaced (no later neighbour is strictly
/// better). Hence each cell's predecessor is the first-settled neighbour attaining its distance, i.e. the
/// neighbour with the smallest <c>(distance, index)</c>. For example, with all costs equal the path is the main
/// diagonal on a square grid.</para>
/// <para>Allocation: none per call in steady state on the double path; each thread keeps a grow-only workspace.</para>
/// <para>Facts: paths have different lengths (no constant sum) and negative costs are rejected.</para>
/// </remarks>
public sealed class GridShortestPathSolver : ISolver
{
    /// <summary>Ring slots of the priority queue (buckets per maximum cost) per <see cref="Rows"/> +
    /// <see cref="Columns"/>: the frontier of a grid Dijkstra is roughly <c>rows + cols</c> cells spread over the
    /// buckets of one maximum cost, so most buckets hold at most one entry (measured: 8 beats 2 and 4 by about 10% on
    /// 12 x 12 and 30 x 30 grids with uniform costs, 16 is no better).</summary>
    private const int SlotsPerGridSide = 8;

    /// <summary>At most this many ring slots (long thin grids would otherwise get rings far larger than their
    /// frontier); fewer slots only put more entries in each bucket's heap.</summary>
    private const int MaxSlots = 1 << 16;

    private static readonly SolutionSetFacts GridFacts = new(HasConstantSum: false, RequiresNonNegativeCosts: true);

    /// <summary>Creates a solver for a <c>rows x cols</c> grid.</summary>
    /// <param name="rows">Number of grid rows, at least 1.</param>
    /// <param name="cols">Number of grid columns, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or the grid has more cells than an array can hold.</exception>
    public GridShortestPathSolver(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        if ((long)rows * cols > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(rows), $"A {rows}x{cols} grid has more than {Array.MaxLength} cells.");

        Rows = rows;
        Columns = cols;
        Dimension = rows * cols;
        InstanceShape = Array.AsReadOnly([rows, cols]);
        Name = $"GridShortestPath({rows}x{cols})";
        MinimumSlots = (int)Math.Min(MaxSlots, SlotsPerGridSide * ((long)rows + cols) + MonotoneBucketQueue.SpareSlots);
        PaddedRowDivisor = ulong.MaxValue / (ulong)(cols + 2) + 1;
    }

    /// <summary>Creates a solver for a square <c>size x size</c> grid.</summary>
    /// <param name="size">Number of rows and columns, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 1 or too large.</exception>
    public GridShortestPathSolver(int size) : this(size, size) { }

    private int MinimumSlots { get; }

    /// <summary><c>ceil(2^64 / (cols + 2))</c>: for every 32-bit <c>i</c>, the high 64 bits of <c>i</c> times it are
    /// exactly <c>i / (cols + 2)</c> (Lemire, Kaser and Kurz, 2019, "Faster remainder by direct computation").</summary>
    private ulong PaddedRowDivisor { get; }

    /// <summary>Number of grid rows.</summary>
    public int Rows { get; }

    /// <summary>Number of grid columns.</summary>
    public int Columns { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <remarks>Always <c>[rows, cols]</c>.</remarks>
    public IReadOnlyList<int> InstanceShape { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    /// <remarks><c>HasConstantSum = false</c>, <c>RequiresNonNegativeCosts = true</c>.</remarks>
    public SolutionSetFacts Facts => GridFacts;

    /// <inheritdoc/>
    /// <remarks>Writes 1 on the cells of the shortest path (ties broken as in the class remarks) and 0 elsewhere.</remarks>
    // Fully optimised at once: with tiered dynamic PGO the final code of this loop was sometimes 5x slower, depending on
    // what the process ran before (seen in `bench solvers` after the TSP case).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        CostValidation.ThrowIfWrongLength(Name, Dimension, costs.Length, solution.Length);
        var maxCost = NonNegativeCosts.Max(costs) ?? ValidatedMax(costs);
        if (!ExactGridDijkstra.SumsAreExactInDouble(costs, maxCost))
        {
            SolveExactly(costs, solution);
            return;
        }

        var columns = Columns;
        var width = columns + 2;
        var start = width + 1;
        var target = Rows * width + columns;
        var workspace = DijkstraWorkspace.ForCurrentThread(Rows, columns, costs, MinimumSlots);
        ref var cost = ref MemoryMarshal.GetArrayDataReference(workspace.Cost);
        ref var distance = ref MemoryMarshal.GetArrayDataReference(workspace.Distance);
        ref var predecessor = ref MemoryMarshal.GetArrayDataReference(workspace.Predecessor);
        ref var head = ref MemoryMarshal.GetArrayDataReference(workspace.BucketHead);
        ref var next = ref MemoryMarshal.GetArrayDataReference(workspace.BucketNext);
        ref var occupied = ref MemoryMarshal.GetArrayDataReference(workspace.OccupiedSlots);
        ref var heapKeys = ref MemoryMarshal.GetArrayDataReference(workspace.HeapKeys);
        ref var heapCells = ref MemoryMarshal.GetArrayDataReference(workspace.HeapCells);
        var slotMask = workspace.SlotCount - 1;
        var scale = MonotoneBucketQueue.Reset(workspace, maxCost);

        // The queue: the entries of the current bucket in the heap, the later ones (pending) in the ring.
        double startDistance = Unsafe.Add(ref cost, start);
        Unsafe.Add(ref distance, start) = startDistance;
        var bucket = MonotoneBucketQueue.Bucket(startDistance, scale);
        var heapCount = 0;
        var pending = 0;
        DistanceMinHeap.Push(ref heapKeys, ref heapCells, ref heapCount, startDistance, start);
        // Neighbour offsets by bit position of the "unreached" mask: the three cells above, left/self/right, below.
        ReadOnlySpan<int> offsets = [-width - 1, -width, -width + 1, -1, 0, 1, width - 1, width, width + 1];
        ref var offset = ref MemoryMarshal.GetReference(offsets);
        while (true)
        {
            if (heapCount == 0)
            {
                if (pending == 0) break;
                bucket = MonotoneBucketQueue.LoadNextBucket(ref head, ref next, ref occupied, ref distance,
                    ref heapKeys, ref heapCells, ref heapCount, ref pending, bucket, slotMask);
            }
            var cell = DistanceMinHeap.Pop(ref heapKeys, ref heapCells, ref heapCount, out var reached);
            if (cell == target) break;
            var unreached = UnreachedNeighbours(ref distance, cell, width);
            while (unreached != 0)
            {
                var neighbour = cell + Unsafe.Add(ref offset, BitOperations.TrailingZeroCount(unreached));
                unreached &= unreached - 1;
                var candidate = reached + Unsafe.Add(ref cost, neighbour);
                Unsafe.Add(ref distance, neighbour) = candidate;
                Unsafe.Add(ref predecessor, neighbour) = cell;
                var candidateBucket = MonotoneBucketQueue.Bucket(candidate, scale);
                if (candidateBucket == bucket)
                {
                    DistanceMinHeap.Push(ref heapKeys, ref heapCells, ref heapCount, candidate, neighbour);
                    continue;
                }
                MonotoneBucketQueue.Append(ref head, ref next, ref occupied, (int)candidateBucket & slotMask, neighbour);
                pending++;
            }
        }
        WritePath(ref predecessor, start, target, solution);
    }

    /// <summary>Writes the 0/1 indicator of the path from <paramref name="start"/> to <paramref name="target"/> (padded
    /// indices), walked backwards through <paramref name="predecessor"/>. The padded row is a multiply-high by
    /// <see cref="PaddedRowDivisor"/> instead of a division.</summary>
    private void WritePath(ref int predecessor, int start, int target, Span<float> solution)
    {
        solution.Clear();
        var width = Columns + 2;
        for (var cell = target; ; cell = Unsafe.Add(ref predecessor, cell))
        {
            var paddedRow = (int)Math.BigMul(PaddedRowDivisor, (ulong)cell, out _);
            solution[cell - width - 1 - 2 * (paddedRow - 1)] = 1f;
            if (cell == start) return;
        }
    }

    /// <summary>The 3 x 3 block around <paramref name="cell"/> as a 9-bit mask (row-major, bit 4 is the cell itself)
    /// of the cells still at distance +infinity; border cells (-infinity) and reached cells are 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint UnreachedNeighbours(ref double distance, int cell, int width)
    {
        const uint ThreeLanes = 0b111;
        const uint OuterLanes = 0b101;
        if (Vector256.IsHardwareAccelerated)
        {
            var unreached = Vector256.Create(double.PositiveInfinity);
            var above = Vector256.Equals(Vector256.LoadUnsafe(ref distance, (nuint)(cell - width - 1)), unreached);
            var level = Vector256.Equals(Vector256.LoadUnsafe(ref distance, (nuint)(cell - 1)), unreached);
            var below = Vector256.Equals(Vector256.LoadUnsafe(ref distance, (nuint)(cell + width - 1)), unreached);
            return (above.ExtractMostSignificantBits() & ThreeLanes)
                | ((level.ExtractMostSignificantBits() & OuterLanes) << 3)
                | ((below.ExtractMostSignificantBits() & ThreeLanes) << 6);
        }
        var mask = 0u;
        for (var bit = 0; bit < 9; bit++)
        {
            var neighbour = cell + (bit / 3 - 1) * width + bit % 3 - 1;
            if (Unsafe.Add(ref distance, neighbour) == double.PositiveInfinity) mask |= 1u << bit;
        }
        return mask & ~(1u << 4);
    }

    /// <summary>The exact fallback for costs whose path sums could round in double (see class remarks).</summary>
    private void SolveExactly(ReadOnlySpan<float> costs, Span<float> solution)
    {
        var units = ExactCostUnits.Of(costs);
        var headroom = 1 + BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)Dimension));
        switch (units.WidthFor(headroom))
        {
            case ExactIntegerWidth.Int64:
                ExactGridDijkstra.Solve<long>(Rows, Columns, costs, units, solution);
                break;
            case ExactIntegerWidth.Int128:
                ExactGridDijkstra.Solve<Int128>(Rows, Columns, costs, units, solution);
                break;
            default:
                ExactGridDijkstra.Solve<BigInteger>(Rows, Columns, costs, units, solution);
                break;
        }
    }

    /// <summary>Throws the specific error for an invalid cost; otherwise (only <c>-0</c> entries broke the fast check)
    /// returns the largest cost.</summary>
    private float ValidatedMax(ReadOnlySpan<float> costs)
    {
        CostValidation.ThrowIfInvalid(Name, costs, requireNonNegative: true);
        var largest = 0f;
        foreach (var c in costs) largest = Math.Max(largest, c);
        return largest;
    }
}
