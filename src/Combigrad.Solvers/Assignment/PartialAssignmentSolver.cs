using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>
/// Linear assignment where rows and columns may stay unmatched at a cost: for <c>n</c> rows and <c>m</c> columns the
/// costs are an <c>(n + 1) x (m + 1)</c> matrix whose last column holds each row's unmatched cost and whose last row
/// holds each column's unmatched cost (a "dustbin" row and column, as in SuperGlue). The solution is the 0/1 matrix of
/// the same shape: <c>y[i, j] = 1</c> when row <c>i</c> is matched to column <c>j</c>, <c>y[i, m] = 1</c> when row
/// <c>i</c> is unmatched, <c>y[n, j] = 1</c> when column <c>j</c> is unmatched, and <c>y[n, m] = 0</c>.
/// </summary>
/// <remarks>
/// <para>Objective: <c>&lt;w, y&gt;</c> = matched costs + unmatched costs, linear in the costs, so the solver is exactly
/// <c>argmin &lt;w, y&gt;</c> over this finite set (paper eq. 1) and scale invariant. For one constant unmatched cost
/// <c>u</c>, fill the last row and column with <c>u</c>; pairs with cost above <c>2u</c> are then never matched. The
/// corner entry <c>w[n, m]</c> is never selected (it must still be finite).</para>
/// <para>Algorithm: reduced to a rectangular assignment with every row assigned, <c>n x (m + n)</c>: real columns cost
/// <c>w[i, j] - w[n, j]</c> (matching column <c>j</c> saves its unmatched cost) and the <c>n</c> dustbin columns all
/// cost <c>w[i, m]</c> in row <c>i</c> (any dustbin column stands for "row <c>i</c> unmatched"; there is one per row, so
/// no row ever lacks one and no entry is forbidden), solved by the Jonker-Volgenant method of
/// <see cref="LinearAssignmentSolver"/>, <c>O(n^2 (n + m))</c>.</para>
/// <para>Exactness: for every finite float input the result minimises <c>&lt;w, y&gt;</c> over the exact values of the
/// costs: the differences and the algorithm run in double when all costs are integer multiples of <c>2^(E - 46)</c>
/// with <c>max |w| &lt; 2^E</c>, otherwise in 64-bit, 128-bit or arbitrary-precision integers (the costs divided by
/// their common power of two), whichever is wide enough.</para>
/// <para>Tie-breaking (deterministic): that of <see cref="LinearAssignmentSolver"/> on the reduced matrix (real columns
/// first, then the dustbins); the same solution in every number type and for the costs scaled by any power of two.</para>
/// <para>Allocation: none per call in steady state, except on the arbitrary-precision path; each thread keeps a
/// grow-only workspace per number type.</para>
/// <para>Facts: the number of ones is <c>n + m - (matched pairs)</c>, not constant; costs of any sign are accepted.</para>
/// </remarks>
public sealed class PartialAssignmentSolver : ISolver
{
    private static readonly SolutionSetFacts PartialFacts = new(HasConstantSum: false, RequiresNonNegativeCosts: false);

    /// <summary>Creates a solver for <paramref name="rows"/> rows and <paramref name="columns"/> columns (costs of shape
    /// <c>(rows + 1) x (columns + 1)</c>, the last row and column being the unmatched costs).</summary>
    /// <param name="rows">Number of real rows <c>n</c>, at least 1.</param>
    /// <param name="columns">Number of real columns <c>m</c>, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or the reduced matrix is too large.</exception>
    public PartialAssignmentSolver(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if ((long)rows * (rows + columns) > Array.MaxLength || (long)(rows + 1) * (columns + 1) > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(rows), $"A {rows}x{columns} partial assignment is too large to solve in memory.");

        Rows = rows;
        Columns = columns;
        Dimension = (rows + 1) * (columns + 1);
        InstanceShape = Array.AsReadOnly([rows + 1, columns + 1]);
        Name = $"PartialAssignment({rows}x{columns})";
    }

    /// <summary>Number of real rows <c>n</c> (the cost matrix has one more, the unmatched costs of the columns).</summary>
    public int Rows { get; }

    /// <summary>Number of real columns <c>m</c> (the cost matrix has one more, the unmatched costs of the rows).</summary>
    public int Columns { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <remarks>Always <c>[n + 1, m + 1]</c>.</remarks>
    public IReadOnlyList<int> InstanceShape { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    /// <remarks><c>HasConstantSum = false</c>, <c>RequiresNonNegativeCosts = false</c>.</remarks>
    public SolutionSetFacts Facts => PartialFacts;

    /// <inheritdoc/>
    /// <remarks>Writes the 0/1 matrix described in the class summary (ties as in the class remarks).</remarks>
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        CostValidation.ThrowIfWrongLength(Name, Dimension, costs.Length, solution.Length);
        CostValidation.ThrowIfInvalid(Name, costs, requireNonNegative: false);

        SolveIn(costs, solution, requested: null);
    }

    /// <summary>Solves in the narrowest exact number type, or in <paramref name="requested"/> (tests) if that is at least
    /// as wide.</summary>
    internal void SolveIn(ReadOnlySpan<float> costs, Span<float> solution, AssignmentNumberType? requested)
    {
        var columnOfRow = AssignmentNumbers.Solve(costs, new Layout(Rows, Columns), requested);

        var n = Rows;
        var m = Columns;
        var stride = m + 1;
        solution.Clear();
        var lastRow = solution.Slice(n * stride, m);
        lastRow.Fill(1f);
        for (var i = 0; i < n; i++)
        {
            var column = columnOfRow[i];
            if (column < m)
            {
                solution[i * stride + column] = 1f;
                lastRow[column] = 0f;
            }
            else
            {
                solution[i * stride + m] = 1f;
            }
        }
    }

    /// <summary>The <c>n x (m + n)</c> reduction of the class remarks: real columns <c>w[i, j] - w[n, j]</c>, then
    /// <c>n</c> dustbin columns of cost <c>w[i, m]</c>.</summary>
    private readonly record struct Layout(int RealRows, int RealColumns) : IAssignmentCostLayout
    {
        public int Rows => RealRows;

        public int Columns => RealColumns + RealRows;

        /// <summary>The differences double the largest magnitude.</summary>
        public int ExtraHeadroomBits => 1;

        public void Fill<T>(ReadOnlySpan<float> costs, int gridExponent, Span<T> matrix) where T : struct, INumber<T>
        {
            var m = RealColumns;
            var stride = m + 1;
            var unmatchedColumn = costs.Slice(RealRows * stride, m);
            for (var i = 0; i < RealRows; i++)
            {
                var source = costs.Slice(i * stride, stride);
                var row = matrix.Slice(i * Columns, Columns);
                for (var j = 0; j < m; j++)
                    row[j] = AssignmentNumbers.ToScaled<T>(source[j], gridExponent) - AssignmentNumbers.ToScaled<T>(unmatchedColumn[j], gridExponent);
                row[m..].Fill(AssignmentNumbers.ToScaled<T>(source[m], gridExponent));
            }
        }
    }
}
