using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
/// <para>Algorithm: Dijkstra with a lazy binary heap (no decrease-key; stale entries are skipped) on a grid padded
/// with a one-cell border, so the eight neighbour offsets are fixed; it stops when the end cell is settled. Distances
/// are accumulated in <see cref="double"/>.
/// Because costs are non-negative the result is an exact minimiser (up to double rounding of the path sums, far
/// below float resolution); zero costs are allowed and the returned path is still simple (it is read off the
/// predecessor tree). Every grid is connected, so no instance is infeasible.</para>
/// <para>Tie-breaking (deterministic): cells are settled in increasing <c>(distance, row-major index)</c> order;
/// neighbours are relaxed in increasing row-major index order; a cell's predecessor is replaced only on a strictly
/// smaller distance. Hence each cell's predecessor is the first-settled neighbour attaining its distance, i.e. the
/// neighbour with the smallest <c>(distance, index)</c>. For example, with all costs equal the path is the main
/// diagonal on a square grid.</para>
/// <para>Allocation: none per call in steady state; each thread keeps a grow-only workspace.</para>
/// <para>Facts: paths have different lengths (no constant sum) and negative costs are rejected.</para>
/// </remarks>
public sealed class GridShortestPathSolver : ISolver
{
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
    }

    /// <summary>Creates a solver for a square <c>size x size</c> grid.</summary>
    /// <param name="size">Number of rows and columns, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 1 or too large.</exception>
    public GridShortestPathSolver(int size) : this(size, size) { }

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
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        CostValidation.ThrowIfWrongLength(Name, Dimension, costs.Length, solution.Length);
        CostValidation.ThrowIfInvalid(Name, costs, requireNonNegative: true);

        var columns = Columns;
        var width = columns + 2;
        var start = width + 1;
        var target = Rows * width + columns;
        var workspace = DijkstraWorkspace.ForCurrentThread(Rows, columns, costs);
        ref var cost = ref MemoryMarshal.GetArrayDataReference(workspace.Cost);
        ref var distance = ref MemoryMarshal.GetArrayDataReference(workspace.Distance);
        ref var predecessor = ref MemoryMarshal.GetArrayDataReference(workspace.Predecessor);
        var heap = workspace.Heap;
        Unsafe.Add(ref distance, start) = Unsafe.Add(ref cost, start);
        Unsafe.Add(ref predecessor, start) = DijkstraWorkspace.NoPredecessor;
        heap.Push(Unsafe.Add(ref distance, start), start);
        while (heap.Count > 0)
        {
            var cell = heap.Pop(out var reached);
            if (reached > Unsafe.Add(ref distance, cell)) continue; // stale entry: the cell was reached more cheaply since
            if (cell == target) break;
            // Settled neighbours (and the cell itself) never improve: their distance is at most `reached` and costs are
            // non-negative, so the strict comparison skips them without a settled flag; border cells sit at -infinity.
            // The relaxation order does not matter: the heap order (distance, index) is total and a predecessor is
            // only replaced on a strict improvement, so each cell keeps its first-settled best neighbour.
            var above = cell - width;
            var below = cell + width;
            Relax(ref cost, ref distance, ref predecessor, heap, cell, reached, above - 1);
            Relax(ref cost, ref distance, ref predecessor, heap, cell, reached, above);
            Relax(ref cost, ref distance, ref predecessor, heap, cell, reached, above + 1);
            Relax(ref cost, ref distance, ref predecessor, heap, cell, reached, cell - 1);
            Relax(ref cost, ref distance, ref predecessor, heap, cell, reached, cell + 1);
            Relax(ref cost, ref distance, ref predecessor, heap, cell, reached, below - 1);
            Relax(ref cost, ref distance, ref predecessor, heap, cell, reached, below);
            Relax(ref cost, ref distance, ref predecessor, heap, cell, reached, below + 1);
        }

        solution.Clear();
        for (var cell = target; cell != DijkstraWorkspace.NoPredecessor; cell = Unsafe.Add(ref predecessor, cell))
        {
            var paddedRow = cell / width;
            solution[(paddedRow - 1) * columns + cell - paddedRow * width - 1] = 1f;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Relax(ref double cost, ref double distance, ref int predecessor, LazyMinHeap heap,
        int cell, double reached, int neighbour)
    {
        var candidate = reached + Unsafe.Add(ref cost, neighbour);
        if (candidate < Unsafe.Add(ref distance, neighbour))
        {
            Unsafe.Add(ref distance, neighbour) = candidate;
            Unsafe.Add(ref predecessor, neighbour) = cell;
            heap.Push(candidate, neighbour);
        }
    }
}
