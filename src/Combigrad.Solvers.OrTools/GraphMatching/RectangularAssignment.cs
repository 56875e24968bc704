namespace Combigrad.Solvers;

/// <summary>
/// Minimum-cost assignment of every row of a <c>rows x cols</c> cost matrix (<c>rows &lt;= cols</c>) to a distinct
/// column: the Hungarian method with potentials (shortest augmenting paths), <c>O(rows^2 cols)</c>, in double.
/// Grow-only buffers: no allocation once they have reached the largest size used.
/// </summary>
/// <remarks>Ties: deterministic (columns scanned in increasing index order; a strictly smaller reduced cost is needed
/// to change the chosen column).</remarks>
internal sealed class RectangularAssignment
{
    private double[] _u = [];
    private double[] _v = [];
    private double[] _minV = [];
    private int[] _rowOfColumn = [];
    private int[] _way = [];
    private bool[] _used = [];

    /// <summary>
    /// Writes into <paramref name="assignment"/> (length <paramref name="rows"/>) the column of each row in a
    /// minimum-cost assignment of <paramref name="cost"/> (row-major) and returns its cost.
    /// </summary>
    public double Solve(ReadOnlySpan<double> cost, int rows, int cols, Span<int> assignment)
    {
        if (rows == 0) return 0.0;
        Grow(cols + 1);
        var u = _u.AsSpan(0, rows + 1);
        var v = _v.AsSpan(0, cols + 1);
        var rowOf = _rowOfColumn.AsSpan(0, cols + 1);
        var way = _way.AsSpan(0, cols + 1);
        var minV = _minV.AsSpan(0, cols + 1);
        var used = _used.AsSpan(0, cols + 1);
        u.Clear();
        v.Clear();
        rowOf.Clear();
        way.Clear();

        // 1-based rows and columns; column 0 is the virtual start of each augmenting path.
        for (var i = 1; i <= rows; i++)
        {
            rowOf[0] = i;
            var j0 = 0;
            minV.Fill(double.PositiveInfinity);
            used.Clear();
            do
            {
                used[j0] = true;
                var i0 = rowOf[j0];
                var delta = double.PositiveInfinity;
                var j1 = 0;
                var costRow = cost.Slice((i0 - 1) * cols, cols);
                for (var j = 1; j <= cols; j++)
                {
                    if (used[j]) continue;
                    var reduced = costRow[j - 1] - u[i0] - v[j];
                    if (reduced < minV[j])
                    {
                        minV[j] = reduced;
                        way[j] = j0;
                    }
                    if (minV[j] < delta)
                    {
                        delta = minV[j];
                        j1 = j;
                    }
                }
                for (var j = 0; j <= cols; j++)
                {
                    if (used[j])
                    {
                        u[rowOf[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minV[j] -= delta;
                    }
                }
                j0 = j1;
            }
            while (rowOf[j0] != 0);
            do
            {
                var j1 = way[j0];
                rowOf[j0] = rowOf[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var total = 0.0;
        for (var j = 1; j <= cols; j++)
        {
            if (rowOf[j] == 0) continue;
            assignment[rowOf[j] - 1] = j - 1;
            total += cost[(rowOf[j] - 1) * cols + j - 1];
        }
        return total;
    }

    private void Grow(int length)
    {
        if (_v.Length >= length) return;
        _u = new double[length];
        _v = new double[length];
        _minV = new double[length];
        _rowOfColumn = new int[length];
        _way = new int[length];
        _used = new bool[length];
    }
}
