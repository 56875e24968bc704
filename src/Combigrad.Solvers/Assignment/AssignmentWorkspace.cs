using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>
/// Per-thread state of <see cref="LinearAssignmentSolver"/>: dual potentials, the matching and the shortest-path
/// search arrays. Grow-only, so repeated calls of the same (or a smaller) size allocate nothing.
/// </summary>
internal sealed class AssignmentWorkspace
{
    private const int Unassigned = -1;

    [ThreadStatic]
    private static AssignmentWorkspace? t_current;

    private double[] _rowPotential = [];
    private double[] _columnPotential = [];
    private double[] _distance = [];
    private int[] _pathRow = [];
    private int[] _rowOfColumn = [];
    private int[] _remaining = [];
    private bool[] _rowVisited = [];
    private bool[] _columnVisited = [];

    private double[] _derivedCosts = [];

    private AssignmentWorkspace() { }

    /// <summary>A grow-only buffer of at least <paramref name="length"/> entries for a cost matrix derived by the
    /// caller (contents unspecified).</summary>
    public Span<double> DerivedCosts(int length)
    {
        if (_derivedCosts.Length < length) _derivedCosts = new double[length];
        return _derivedCosts.AsSpan(0, length);
    }

    /// <summary>The column assigned to each row after <see cref="Solve{TCost}"/>.</summary>
    public int[] ColumnOfRow { get; private set; } = [];

    /// <summary>Returns this thread's workspace with room for an <c>n x m</c> problem.</summary>
    public static AssignmentWorkspace ForCurrentThread(int rows, int columns)
    {
        var workspace = t_current ??= new AssignmentWorkspace();
        workspace.EnsureCapacity(rows, columns);
        return workspace;
    }

    private void EnsureCapacity(int rows, int columns)
    {
        if (ColumnOfRow.Length < rows)
        {
            ColumnOfRow = new int[rows];
            _rowPotential = new double[rows];
            _rowVisited = new bool[rows];
        }
        if (_columnPotential.Length < columns)
        {
            _columnPotential = new double[columns];
            _distance = new double[columns];
            _pathRow = new int[columns];
            _rowOfColumn = new int[columns];
            _remaining = new int[columns];
            _columnVisited = new bool[columns];
        }
    }

    /// <summary>Computes a minimum-cost assignment of the row-major <c>n x m</c> costs into <see cref="ColumnOfRow"/>.</summary>
    /// <typeparam name="TCost"><see cref="float"/> for the callers' costs, <see cref="double"/> for derived matrices;
    /// entries may be <see cref="double.PositiveInfinity"/> (a forbidden pair) as long as every row keeps a finite
    /// entry that no other row can take.</typeparam>
    public void Solve<TCost>(ReadOnlySpan<TCost> costs, int rows, int columns) where TCost : unmanaged, INumberBase<TCost>
    {
        var u = _rowPotential.AsSpan(0, rows);
        var v = _columnPotential.AsSpan(0, columns);
        var columnOfRow = ColumnOfRow.AsSpan(0, rows);
        var rowOfColumn = _rowOfColumn.AsSpan(0, columns);
        u.Clear();
        v.Clear();
        columnOfRow.Fill(Unassigned);
        rowOfColumn.Fill(Unassigned);

        for (var row = 0; row < rows; row++)
            Augment(costs, rows, columns, row);
    }

    /// <summary>Finds a shortest augmenting path from <paramref name="startRow"/> in reduced costs, then updates the
    /// potentials and flips the path. Reduced costs stay non-negative up to rounding.</summary>
    private void Augment<TCost>(ReadOnlySpan<TCost> costs, int rows, int columns, int startRow) where TCost : unmanaged, INumberBase<TCost>
    {
        var u = _rowPotential.AsSpan(0, rows);
        var v = _columnPotential.AsSpan(0, columns);
        var distance = _distance.AsSpan(0, columns);
        var pathRow = _pathRow.AsSpan(0, columns);
        var rowOfColumn = _rowOfColumn.AsSpan(0, columns);
        var columnOfRow = ColumnOfRow.AsSpan(0, rows);
        var remaining = _remaining.AsSpan(0, columns);
        var rowVisited = _rowVisited.AsSpan(0, rows);
        var columnVisited = _columnVisited.AsSpan(0, columns);

        distance.Fill(double.PositiveInfinity);
        rowVisited.Clear();
        columnVisited.Clear();
        for (var j = 0; j < columns; j++) remaining[j] = j;
        var remainingCount = columns;

        var settled = 0.0;
        var row = startRow;
        int sink;
        while (true)
        {
            rowVisited[row] = true;
            var costRow = costs.Slice(row * columns, columns);
            var rowBase = settled - u[row];
            var lowest = double.PositiveInfinity;
            var lowestAt = Unassigned;
            var lowestIsFree = false;
            for (var at = 0; at < remainingCount; at++)
            {
                var j = remaining[at];
                var reduced = rowBase + double.CreateTruncating(costRow[j]) - v[j];
                if (reduced < distance[j])
                {
                    pathRow[j] = row;
                    distance[j] = reduced;
                }
                var d = distance[j];
                if (d < lowest || (d == lowest && !lowestIsFree && rowOfColumn[j] == Unassigned))
                {
                    lowest = d;
                    lowestAt = at;
                    lowestIsFree = rowOfColumn[j] == Unassigned;
                }
            }
            settled = lowest;
            var column = remaining[lowestAt];
            columnVisited[column] = true;
            remaining.Slice(lowestAt + 1, remainingCount - lowestAt - 1).CopyTo(remaining[lowestAt..]);
            remainingCount--;
            if (rowOfColumn[column] == Unassigned)
            {
                sink = column;
                break;
            }
            row = rowOfColumn[column];
        }

        u[startRow] += settled;
        for (var i = 0; i < rows; i++)
            if (rowVisited[i] && i != startRow) u[i] += settled - distance[columnOfRow[i]];
        for (var j = 0; j < columns; j++)
            if (columnVisited[j]) v[j] -= settled - distance[j];

        for (var column = sink; ;)
        {
            var i = pathRow[column];
            rowOfColumn[column] = i;
            (columnOfRow[i], column) = (column, columnOfRow[i]);
            if (i == startRow) break;
        }
    }
}
