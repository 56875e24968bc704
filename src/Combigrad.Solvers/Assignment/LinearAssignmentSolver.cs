using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>
/// Linear assignment (minimum-cost bipartite matching) on an <c>n x m</c> cost matrix with <c>n &lt;= m</c>:
/// <c>y(w) = argmin &lt;w, y&gt;</c> over 0/1 matrices with exactly one 1 in every row and at most one in every column.
/// For <c>n == m</c> these are the permutation matrices (perfect matchings).
/// </summary>
/// <remarks>
/// <para>Costs are row-major (<c>w[i, j]</c>: cost of giving column <c>j</c> to row <c>i</c>); the output is the 0/1
/// assignment matrix in the same layout. Costs of any sign are accepted. For more rows than columns, transpose.</para>
/// <para>Algorithm: Jonker &amp; Volgenant 1987 (column reduction, reduction transfer, augmenting row reduction, then
/// shortest augmenting paths on reduced costs; see <see cref="JonkerVolgenantAssignment{T}"/>), <c>O(n^2 m)</c> in the
/// worst case. Rectangular problems start from zero column prices instead of the column reduction.</para>
/// <para>Exactness: for every finite float input the result minimises <c>&lt;w, y&gt;</c> over the exact values of the
/// costs, whatever their magnitudes (big-M entries, mixed signs, subnormals): the algorithm runs in double when all
/// costs are integer multiples of <c>2^(E - 47)</c> with <c>max |w| &lt; 2^E</c> (then every intermediate value is an
/// exactly representable integer multiple of that grid), otherwise on the costs divided by their common power of two
/// in 64-bit, 128-bit or arbitrary-precision integers, whichever is wide enough.</para>
/// <para>Tie-breaking (deterministic): among equal reduced costs the lower column index wins, except that a free row
/// prefers an unassigned column to displacing a row; free rows are processed in increasing order. Because the arithmetic
/// is exact, the assignment is the same in every number type and for the costs scaled by any power of two.</para>
/// <para>Allocation: none per call in steady state, except on the arbitrary-precision path; each thread keeps a
/// grow-only workspace per number type.</para>
/// <para>Facts: every assignment has <c>n</c> ones (constant sum); costs of any sign are accepted.</para>
/// </remarks>
public sealed class LinearAssignmentSolver : ISolver
{
    private static readonly SolutionSetFacts AssignmentFacts = new(HasConstantSum: true, RequiresNonNegativeCosts: false);

    /// <summary>Creates a solver for a square <c>n x n</c> problem (perfect matching).</summary>
    /// <param name="size">Rows and columns, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 1 or too large.</exception>
    public LinearAssignmentSolver(int size) : this(size, size) { }

    /// <summary>Creates a solver assigning each of <paramref name="rows"/> rows to a distinct one of <paramref name="columns"/> columns.</summary>
    /// <param name="rows">Number of rows <c>n</c>, at least 1.</param>
    /// <param name="columns">Number of columns <c>m</c>, at least <paramref name="rows"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, <c>rows &gt; columns</c>, or the matrix is too large.</exception>
    public LinearAssignmentSolver(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (rows > columns)
            throw new ArgumentOutOfRangeException(nameof(rows), rows,
                $"LinearAssignment needs rows <= columns (every row is assigned), got {rows}x{columns}; transpose the costs.");
        if ((long)rows * columns > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(rows), $"A {rows}x{columns} matrix has more than {Array.MaxLength} entries.");

        Rows = rows;
        Columns = columns;
        Dimension = rows * columns;
        InstanceShape = Array.AsReadOnly([rows, columns]);
        Name = $"LinearAssignment({rows}x{columns})";
    }

    /// <summary>Number of rows <c>n</c>, each assigned exactly once.</summary>
    public int Rows { get; }

    /// <summary>Number of columns <c>m &gt;= n</c>, each assigned at most once.</summary>
    public int Columns { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <remarks>Always <c>[n, m]</c>.</remarks>
    public IReadOnlyList<int> InstanceShape { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    /// <remarks><c>HasConstantSum = true</c> (<c>n</c> ones), <c>RequiresNonNegativeCosts = false</c>.</remarks>
    public SolutionSetFacts Facts => AssignmentFacts;

    /// <inheritdoc/>
    /// <remarks>Writes the 0/1 matrix of a minimum-cost assignment (ties as in the class remarks).</remarks>
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
        solution.Clear();
        for (var row = 0; row < Rows; row++)
            solution[row * Columns + columnOfRow[row]] = 1f;
    }

    /// <summary>The costs as they are.</summary>
    private readonly record struct Layout(int Rows, int Columns) : IAssignmentCostLayout
    {
        public int ExtraHeadroomBits => 0;

        public void Fill<T>(ReadOnlySpan<float> costs, int gridExponent, Span<T> matrix) where T : struct, INumber<T> =>
            AssignmentNumbers.Convert(costs, gridExponent, matrix);
    }
}
