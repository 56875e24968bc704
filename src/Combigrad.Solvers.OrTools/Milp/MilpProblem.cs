namespace Combigrad.Solvers;

/// <summary>
/// The feasible set of a mixed-integer linear program, <c>Y = { y : A y &lt;= b, A_eq y = b_eq, l &lt;= y &lt;= u,
/// y_i integer for i in I }</c>, to be used by <see cref="MilpSolver"/> as <c>argmin_(y in Y) &lt;w, y&gt;</c>.
/// </summary>
/// <remarks>
/// A definition assembled step by step: variables start binary (integer with bounds <c>[0, 1]</c>); set bounds and
/// integrality per variable and add dense constraint rows. The solver copies the definition when it is created, so
/// later changes do not affect it. All numbers must be finite except bounds, which may be infinite (then the objective
/// may be unbounded for some costs).
/// </remarks>
public sealed class MilpProblem
{
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly bool[] _integer;
    private readonly List<(double[] Coefficients, double Right, bool IsEquality)> _rows = [];

    /// <summary>Creates a problem with <paramref name="variableCount"/> binary variables and no constraints.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="variableCount"/> is below 1.</exception>
    public MilpProblem(int variableCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(variableCount, 1);
        VariableCount = variableCount;
        _lower = new double[variableCount];
        _upper = new double[variableCount];
        _integer = new bool[variableCount];
        Array.Fill(_upper, 1.0);
        Array.Fill(_integer, true);
    }

    /// <summary>The number of variables <c>n</c> (the solver's dimension).</summary>
    public int VariableCount { get; }

    /// <summary>The number of constraint rows (inequalities and equalities).</summary>
    public int ConstraintCount => _rows.Count;

    /// <summary>Sets the bounds of <paramref name="variable"/>; infinities allowed.</summary>
    /// <returns>This problem, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    /// <exception cref="ArgumentException">A bound is NaN, <c>lower</c> is <c>+inf</c>, <c>upper</c> is <c>-inf</c>, or
    /// <c>lower &gt; upper</c>.</exception>
    public MilpProblem SetBounds(int variable, double lower, double upper)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)variable, (uint)VariableCount, nameof(variable));
        if (double.IsNaN(lower) || double.IsNaN(upper) || double.IsPositiveInfinity(lower) || double.IsNegativeInfinity(upper)
            || lower > upper)
            throw new ArgumentException($"MilpProblem: invalid bounds [{lower}, {upper}] for variable {variable}.", nameof(lower));
        _lower[variable] = lower;
        _upper[variable] = upper;
        return this;
    }

    /// <summary>Sets the bounds of every variable.</summary>
    /// <returns>This problem, for chaining.</returns>
    /// <exception cref="ArgumentException">A bound is invalid (see <see cref="SetBounds(int, double, double)"/>).</exception>
    public MilpProblem SetBounds(double lower, double upper)
    {
        for (var i = 0; i < VariableCount; i++) SetBounds(i, lower, upper);
        return this;
    }

    /// <summary>Declares <paramref name="variable"/> integer (the default) or continuous.</summary>
    /// <returns>This problem, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public MilpProblem SetInteger(int variable, bool isInteger)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)variable, (uint)VariableCount, nameof(variable));
        _integer[variable] = isInteger;
        return this;
    }

    /// <summary>Adds the row <c>&lt;a, y&gt; &lt;= b</c>.</summary>
    /// <returns>This problem, for chaining.</returns>
    /// <exception cref="ArgumentException">Wrong length or a non-finite number.</exception>
    public MilpProblem AddLessOrEqual(ReadOnlySpan<double> coefficients, double bound) =>
        AddRow(coefficients, bound, isEquality: false);

    /// <summary>Adds the row <c>&lt;a, y&gt; &gt;= b</c> (stored as <c>&lt;-a, y&gt; &lt;= -b</c>).</summary>
    /// <returns>This problem, for chaining.</returns>
    /// <exception cref="ArgumentException">Wrong length or a non-finite number.</exception>
    public MilpProblem AddGreaterOrEqual(ReadOnlySpan<double> coefficients, double bound)
    {
        var negated = new double[coefficients.Length];
        for (var i = 0; i < negated.Length; i++) negated[i] = -coefficients[i];
        return AddRow(negated, -bound, isEquality: false);
    }

    /// <summary>Adds the row <c>&lt;a, y&gt; = b</c>.</summary>
    /// <returns>This problem, for chaining.</returns>
    /// <exception cref="ArgumentException">Wrong length or a non-finite number.</exception>
    public MilpProblem AddEqual(ReadOnlySpan<double> coefficients, double value) =>
        AddRow(coefficients, value, isEquality: true);

    /// <summary>A validated copy of the definition, for a solver.</summary>
    internal Snapshot TakeSnapshot() => new(
        (double[])_lower.Clone(), (double[])_upper.Clone(), (bool[])_integer.Clone(),
        _rows.Select(r => (Coefficients: (double[])r.Coefficients.Clone(), r.Right, r.IsEquality)).ToArray());

    private MilpProblem AddRow(ReadOnlySpan<double> coefficients, double right, bool isEquality)
    {
        if (coefficients.Length != VariableCount)
            throw new ArgumentException(
                $"MilpProblem: constraint row {_rows.Count} has {coefficients.Length} coefficients, expected {VariableCount}.",
                nameof(coefficients));
        for (var i = 0; i < coefficients.Length; i++)
        {
            if (!double.IsFinite(coefficients[i]))
                throw new ArgumentException(
                    $"MilpProblem: constraint row {_rows.Count} has a non-finite coefficient ({coefficients[i]}) at index {i}.",
                    nameof(coefficients));
        }
        if (!double.IsFinite(right))
            throw new ArgumentException($"MilpProblem: constraint row {_rows.Count} has a non-finite right-hand side ({right}).",
                nameof(right));
        _rows.Add((coefficients.ToArray(), right, isEquality));
        return this;
    }

    /// <summary>An immutable copy of a problem.</summary>
    internal sealed record Snapshot(
        double[] Lower,
        double[] Upper,
        bool[] Integer,
        (double[] Coefficients, double Right, bool IsEquality)[] Rows)
    {
        /// <summary>True when an equality row has all coefficients equal and nonzero: every solution has the same sum.</summary>
        public bool HasConstantSum() => Rows.Any(r => r.IsEquality && r.Coefficients[0] != 0.0
                                                      && r.Coefficients.All(c => c == r.Coefficients[0]));
    }
}
