using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>
/// Minimum-cost assignment of every row of a dense <c>n x m</c> cost matrix (<c>n &lt;= m</c>) to a distinct column,
/// by the method of Jonker and Volgenant: R. Jonker, A. Volgenant, "A shortest augmenting path algorithm for dense and
/// sparse linear assignment problems", Computing 38 (1987) 325-340. Written from the paper's description.
/// </summary>
/// <remarks>
/// <para>The state is a partial assignment and a price <c>v[j]</c> per column; a row's reduced cost for column
/// <c>j</c> is <c>c[i, j] - v[j]</c>. Invariant: every assigned row holds a column of least reduced cost (complementary
/// slackness with the row dual <c>u[i] = min_j c[i, j] - v[j]</c>), and a column once assigned stays assigned.</para>
/// <para>Phases: (1) square only, column reduction (<c>v[j]</c> = column minimum, each column offered to its
/// minimising row) and reduction transfer (an assigned row hands its slack to its column's price, so its reduced
/// cost rises to its second-best); (2) two passes of augmenting row reduction (a free row takes its best column at the
/// price that makes the second-best equally good, displacing the owner, who continues at once when the price fell);
/// the chains of displacements are capped at <see cref="ReductionStepsPerRow"/> steps per row so ties can never start
/// a long price war; (3) for each row still free, a Dijkstra-like shortest augmenting path on reduced costs that
/// settles all columns at the current minimum distance together and stops at the first free column among them, then
/// lowers the prices of the settled columns by how much shorter their distance was.</para>
/// <para>Rectangular problems (<c>n &lt; m</c>) skip phase 1 and start from zero prices: prices then only fall and
/// only on assigned columns, so all unassigned columns share the largest price, which is what optimality needs when
/// columns may stay unassigned. (Phase 1 would price columns that might end unassigned.) Padding to a square with
/// zero-cost rows instead is slower (<c>combigrad bench solvers --only LinearAssignment</c> times both).</para>
/// <para>Magnitudes (what <see cref="AssignmentNumbers"/> relies on): let <c>c'</c> be the costs shifted by their
/// minimum, in <c>[0, C]</c>. The algorithm's decisions do not change under that shift (every quantity it compares
/// moves by the same amount), and in the shifted frame, while some column is free: free columns keep their price in
/// <c>[0, C]</c> (phase 1) or <c>0</c>; every row dual is at most the reduced cost of a free column, so in
/// <c>[-C, C]</c>; every assigned price is a cost minus a row dual, so in <c>[-C, C]</c>; distances and their updates
/// stay in <c>[-3C, 4C]</c>. The single step that assigns the last free column of a square problem may set one price to
/// <c>-2C</c>, and nothing is computed after it. With <c>|c| &lt;= A</c> and <c>C &lt;= 2A</c>, every intermediate
/// value is below <c>9A</c> in magnitude; <see cref="HeadroomBits"/> leaves a further factor of 7.</para>
/// <para>Ties (deterministic): in phase 1 the lowest row wins a column's minimum and columns are offered in increasing
/// order; in phase 2 the lowest column index wins among equal reduced costs, except that a free row prefers an
/// unassigned column of equal least reduced cost over displacing a row; free rows are taken in increasing order; in
/// phase 3 the first free column reached at the minimal distance ends the path.
/// Exact arithmetic makes every choice independent of the number type and of scaling by powers of two.</para>
/// <para>Allocation: none once the per-thread buffers have grown to the largest problem seen (for value types whose
/// arithmetic does not allocate; <see cref="BigInteger"/> does).</para>
/// </remarks>
internal sealed class JonkerVolgenantAssignment<T> where T : struct, INumber<T>
{
    /// <summary>Every intermediate value is below <c>2^HeadroomBits</c> times the largest |cost| (see remarks).</summary>
    public const int HeadroomBits = 6;

    /// <summary>The longest chain of displacements augmenting row reduction may follow, per row it starts from (bounds
    /// phase 2 by <c>O(n m)</c> whatever the costs). Chosen by timing caps from 0 to unbounded on random square
    /// instances: the cap bounds the worst case without slowing the typical one.</summary>
    private const int ReductionStepsPerRow = 16;

    private const int Unassigned = -1;

    [ThreadStatic] private static JonkerVolgenantAssignment<T>? t_current;

    private T[] _costs = [];
    private T[] _price = [];
    private T[] _distance = [];
    private int[] _columnOfRow = [];
    private int[] _rowOfColumn = [];
    private int[] _pathRow = [];
    private int[] _columnOrder = [];
    private int[] _freeRows = [];

    /// <summary>This thread's instance (grow-only buffers).</summary>
    public static JonkerVolgenantAssignment<T> ForCurrentThread() => t_current ??= new JonkerVolgenantAssignment<T>();

    /// <summary>After <see cref="Solve"/>, the column assigned to each row.</summary>
    public ReadOnlySpan<int> ColumnOfRow => _columnOfRow;

    /// <summary>A buffer of <paramref name="length"/> entries for the row-major costs of the next <see cref="Solve"/>.</summary>
    public Span<T> CostBuffer(int length)
    {
        if (_costs.Length < length) _costs = new T[length];
        return _costs.AsSpan(0, length);
    }

    /// <summary>Assigns every row of the <paramref name="rows"/> x <paramref name="columns"/> costs written into
    /// <see cref="CostBuffer"/> to a distinct column at minimum total cost; read the result from
    /// <see cref="ColumnOfRow"/> (first <paramref name="rows"/> entries).</summary>
    public void Solve(int rows, int columns)
    {
        Grow(rows, columns);
        var columnOfRow = _columnOfRow.AsSpan(0, rows);
        var rowOfColumn = _rowOfColumn.AsSpan(0, columns);
        columnOfRow.Fill(Unassigned);
        rowOfColumn.Fill(Unassigned);
        if (columns == 1)
        {
            columnOfRow[0] = 0;
            return;
        }

        int freeCount;
        if (rows == columns)
        {
            ReduceColumns(rows, columns);
            freeCount = CollectFreeRows(rows);
        }
        else
        {
            _price.AsSpan(0, columns).Clear();
            freeCount = CollectFreeRows(rows);
        }
        freeCount = ReduceRows(rows, columns, freeCount);
        freeCount = ReduceRows(rows, columns, freeCount);
        for (var k = 0; k < freeCount; k++) Augment(_freeRows[k], columns);
    }

    private void Grow(int rows, int columns)
    {
        if (_price.Length < columns)
        {
            _price = new T[columns];
            _distance = new T[columns];
            _rowOfColumn = new int[columns];
            _pathRow = new int[columns];
            _columnOrder = new int[columns];
        }
        if (_columnOfRow.Length < rows)
        {
            _columnOfRow = new int[rows];
            _freeRows = new int[rows];
        }
    }

    private int CollectFreeRows(int rows)
    {
        var freeCount = 0;
        for (var i = 0; i < rows; i++)
            if (_columnOfRow[i] == Unassigned) _freeRows[freeCount++] = i;
        return freeCount;
    }

    /// <summary>Phase 1 (square): column minima as prices, each column offered to its minimising row if that row is
    /// still free, then reduction transfer for every assigned row.</summary>
    private void ReduceColumns(int size, int columns)
    {
        var costs = _costs.AsSpan(0, size * columns);
        var price = _price.AsSpan(0, columns);
        var minimisingRow = _pathRow.AsSpan(0, columns);
        costs[..columns].CopyTo(price);
        minimisingRow.Clear();
        for (var i = 1; i < size; i++)
        {
            var row = costs.Slice(i * columns, columns);
            for (var j = 0; j < columns; j++)
            {
                if (row[j] < price[j])
                {
                    price[j] = row[j];
                    minimisingRow[j] = i;
                }
            }
        }

        for (var j = 0; j < columns; j++)
        {
            var i = minimisingRow[j];
            if (_columnOfRow[i] != Unassigned) continue;
            _columnOfRow[i] = j;
            _rowOfColumn[j] = i;
        }

        // Reduction transfer: the row's reduced cost on its column is 0, its best other one is slack >= 0; lowering the
        // column's price by the slack keeps the column among the row's best and only raises other rows' reduced costs.
        for (var i = 0; i < size; i++)
        {
            var own = _columnOfRow[i];
            if (own == Unassigned) continue;
            var row = costs.Slice(i * columns, columns);
            var start = own == 0 ? 1 : 0;
            var slack = row[start] - price[start];
            for (var j = start + 1; j < columns; j++)
            {
                if (j == own) continue;
                var reduced = row[j] - price[j];
                if (reduced < slack) slack = reduced;
            }
            price[own] -= slack;
        }
    }

    /// <summary>Phase 2, one pass of augmenting row reduction over the first <paramref name="freeCount"/> free rows;
    /// returns how many rows are free afterwards (compacted to the front of the free list).</summary>
    private int ReduceRows(int rows, int columns, int freeCount)
    {
        var costs = _costs.AsSpan(0, rows * columns);
        var price = _price.AsSpan(0, columns);
        var stillFree = 0;
        for (var next = 0; next < freeCount; next++)
        {
            var row = _freeRows[next];
            for (var steps = 0; ; steps++)
            {
                var reducedRow = costs.Slice(row * columns, columns);
                var (best, bestValue, second, secondValue) = TwoLeastReduced(reducedRow, price);
                var column = best;
                if (bestValue < secondValue)
                {
                    price[best] -= secondValue - bestValue;
                }
                else if (_rowOfColumn[best] != Unassigned)
                {
                    column = _rowOfColumn[second] == Unassigned ? second : FreeColumnAt(reducedRow, price, bestValue, second);
                }

                var displaced = _rowOfColumn[column];
                _rowOfColumn[column] = row;
                _columnOfRow[row] = column;
                if (displaced == Unassigned) break;
                _columnOfRow[displaced] = Unassigned;
                if (bestValue < secondValue && steps < ReductionStepsPerRow)
                {
                    row = displaced;
                    continue;
                }
                _freeRows[stillFree++] = displaced;
                break;
            }
        }
        return stillFree;
    }

    /// <summary>The two least reduced costs of a row (ties: lower column first); needs at least two columns.</summary>
    private static (int Best, T BestValue, int Second, T SecondValue) TwoLeastReduced(ReadOnlySpan<T> row, ReadOnlySpan<T> price)
    {
        var best = 0;
        var bestValue = row[0] - price[0];
        var second = 1;
        var secondValue = row[1] - price[1];
        if (secondValue < bestValue)
        {
            (best, bestValue, second, secondValue) = (1, secondValue, 0, bestValue);
        }
        for (var j = 2; j < row.Length; j++)
        {
            var reduced = row[j] - price[j];
            if (reduced >= secondValue) continue;
            if (reduced < bestValue)
            {
                (second, secondValue) = (best, bestValue);
                (best, bestValue) = (j, reduced);
            }
            else
            {
                (second, secondValue) = (j, reduced);
            }
        }
        return (best, bestValue, second, secondValue);
    }

    /// <summary>The first unassigned column whose reduced cost equals the row's least, or <paramref name="fallback"/>.</summary>
    private int FreeColumnAt(ReadOnlySpan<T> row, ReadOnlySpan<T> price, T least, int fallback)
    {
        for (var j = 0; j < row.Length; j++)
            if (_rowOfColumn[j] == Unassigned && row[j] - price[j] == least) return j;
        return fallback;
    }

    /// <summary>Phase 3: a shortest augmenting path from free row <paramref name="start"/> in reduced costs, then the
    /// price update and the augmentation along the path.</summary>
    private void Augment(int start, int columns)
    {
        var costs = _costs.AsSpan();
        var price = _price.AsSpan(0, columns);
        var distance = _distance.AsSpan(0, columns);
        var pathRow = _pathRow.AsSpan(0, columns);
        var order = _columnOrder.AsSpan(0, columns);
        var rowOfColumn = _rowOfColumn.AsSpan(0, columns);

        var startRow = costs.Slice(start * columns, columns);
        for (var j = 0; j < columns; j++)
        {
            distance[j] = startRow[j] - price[j];
            pathRow[j] = start;
            order[j] = j;
        }

        // order[..settledEnd] are settled (scanned), order[settledEnd..frontEnd] sit at the current minimum distance
        // waiting to be scanned, order[frontEnd..] are further away.
        var settledEnd = 0;
        var frontEnd = 0;
        var minimum = T.Zero;
        var sink = Unassigned;
        while (sink == Unassigned)
        {
            if (settledEnd == frontEnd)
            {
                minimum = distance[order[frontEnd]];
                frontEnd++;
                for (var k = frontEnd; k < columns; k++)
                {
                    var j = order[k];
                    var d = distance[j];
                    if (d > minimum) continue;
                    if (d < minimum)
                    {
                        minimum = d;
                        frontEnd = settledEnd;
                    }
                    (order[k], order[frontEnd]) = (order[frontEnd], j);
                    frontEnd++;
                }
                for (var k = settledEnd; k < frontEnd; k++)
                {
                    if (rowOfColumn[order[k]] != Unassigned) continue;
                    sink = order[k];
                    break;
                }
                if (sink != Unassigned) break;
            }

            var scanned = order[settledEnd++];
            var owner = rowOfColumn[scanned];
            var ownerRow = costs.Slice(owner * columns, columns);
            // The owner's dual minus the minimum: reaching column j through the owner costs minimum + (reduced - dual).
            var offset = ownerRow[scanned] - price[scanned] - minimum;
            for (var k = frontEnd; k < columns; k++)
            {
                var j = order[k];
                var candidate = ownerRow[j] - price[j] - offset;
                if (candidate >= distance[j]) continue;
                distance[j] = candidate;
                pathRow[j] = owner;
                if (candidate != minimum) continue;
                if (rowOfColumn[j] == Unassigned)
                {
                    sink = j;
                    break;
                }
                (order[k], order[frontEnd]) = (order[frontEnd], j);
                frontEnd++;
            }
        }

        for (var k = 0; k < settledEnd; k++)
        {
            var j = order[k];
            price[j] -= minimum - distance[j];
        }

        var column = sink;
        while (true)
        {
            var row = pathRow[column];
            rowOfColumn[column] = row;
            var previous = _columnOfRow[row];
            _columnOfRow[row] = column;
            if (row == start) break;
            column = previous;
        }
    }
}
