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
/// <para>Algorithm: Dijkstra with an indexed binary heap; distances are accumulated in <see cref="double"/>.
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
    private const int StartCell = 0;

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

        var target = Dimension - 1;
        var workspace = DijkstraWorkspace.ForCurrentThread(Dimension);
        var distance = workspace.Distance;
        var predecessor = workspace.Predecessor;
        var heap = workspace.Heap;
        var columns = Columns;
        var lastRow = Rows - 1;
        var lastColumn = columns - 1;
        distance[StartCell] = costs[StartCell];
        heap.Push(distance[StartCell], StartCell);
        while (heap.Count > 0)
        {
            var (reached, cell) = heap.Pop();
            if (reached > distance[cell]) continue; // stale entry: the cell was reached more cheaply since
            if (cell == target) break;
            var row = cell / columns;
            var col = cell - row * columns;
            var firstRow = row > 0 ? row - 1 : 0;
            var endRow = row < lastRow ? row + 1 : row;
            var firstCol = col > 0 ? col - 1 : 0;
            var endCol = col < lastColumn ? col + 1 : col;
            // Settled neighbours (and the cell itself) never improve: their distance is at most `reached` and costs are
            // non-negative, so the strict comparison below skips them without a settled flag.
            for (var r = firstRow; r <= endRow; r++)
            {
                var rowStart = r * columns;
                for (var c = firstCol; c <= endCol; c++)
                {
                    var neighbour = rowStart + c;
                    var candidate = reached + costs[neighbour];
                    if (candidate < distance[neighbour])
                    {
                        distance[neighbour] = candidate;
                        predecessor[neighbour] = cell;
                        heap.Push(candidate, neighbour);
                    }
                }
            }
        }

        solution.Clear();
        for (var cell = target; cell != DijkstraWorkspace.NoPredecessor; cell = predecessor[cell])
            solution[cell] = 1f;
    }
}
