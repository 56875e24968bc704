namespace Combigrad.Solvers;

/// <summary>
/// The paper's general case made literal: <c>Y</c> is any finite list of solution vectors, and
/// <c>y(w) = argmin_{y in Y} &lt;w, y&gt;</c> is found by enumeration (paper eq. 1). Useful for small custom
/// problems and as a reference in tests. Cost per call: <c>O(|Y| n)</c>.
/// </summary>
/// <remarks>Ties: the solution listed first among the minimisers wins (strict improvement is required to move on).</remarks>
public sealed class ExplicitSetSolver : ISolver
{
    private readonly float[][] _solutions;

    /// <summary>Creates the solver over the given solutions, each of length <c>n</c>.</summary>
    /// <exception cref="ArgumentException">The list is empty, the lengths differ, or an entry is not finite.</exception>
    public ExplicitSetSolver(IEnumerable<float[]> solutions)
    {
        ArgumentNullException.ThrowIfNull(solutions);
        _solutions = solutions.Select(s => (float[])s.Clone()).ToArray();
        if (_solutions.Length == 0)
            throw new ArgumentException("ExplicitSetSolver needs at least one solution.", nameof(solutions));
        Dimension = _solutions[0].Length;
        if (Dimension == 0)
            throw new ArgumentException("ExplicitSetSolver: solutions must have at least one entry.", nameof(solutions));
        for (var i = 0; i < _solutions.Length; i++)
        {
            if (_solutions[i].Length != Dimension)
                throw new ArgumentException($"ExplicitSetSolver: solution {i} has {_solutions[i].Length} entries, expected {Dimension}.", nameof(solutions));
            CostValidation.ThrowIfInvalid($"ExplicitSetSolver (solution {i})", _solutions[i], requireNonNegative: false, nameof(solutions));
        }
        InstanceShape = [Dimension];
        Facts = new SolutionSetFacts(HasConstantSum: AllSumsEqual(_solutions), RequiresNonNegativeCosts: false);
    }

    /// <inheritdoc />
    public string Name => $"ExplicitSet(|Y|={_solutions.Length}, n={Dimension})";

    /// <inheritdoc />
    public IReadOnlyList<int> InstanceShape { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public SolutionSetFacts Facts { get; }

    /// <summary>The number of solutions in <c>Y</c>.</summary>
    public int Count => _solutions.Length;

    /// <summary>A copy of solution <paramref name="index"/>.</summary>
    public float[] GetSolution(int index) => (float[])_solutions[index].Clone();

    /// <inheritdoc />
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        CostValidation.ThrowIfWrongLength(Name, Dimension, costs.Length, solution.Length);
        CostValidation.ThrowIfInvalid(Name, costs, requireNonNegative: false);
        _solutions[IndexOfMinimiser(costs)].CopyTo(solution);
    }

    /// <summary>The index in <c>Y</c> of the minimiser of <c>&lt;w, y&gt;</c> (first one on ties).</summary>
    public int IndexOfMinimiser(ReadOnlySpan<float> costs)
    {
        var best = 0;
        var bestValue = double.PositiveInfinity;
        for (var i = 0; i < _solutions.Length; i++)
        {
            var value = Dot(costs, _solutions[i]);
            if (value < bestValue)
            {
                bestValue = value;
                best = i;
            }
        }
        return best;
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }

    private static bool AllSumsEqual(float[][] solutions)
    {
        const double relativeTolerance = 1e-6;
        var first = solutions[0].Sum(x => (double)x);
        return solutions.All(s => Math.Abs(s.Sum(x => (double)x) - first) <= relativeTolerance * Math.Max(1.0, Math.Abs(first)));
    }
}
