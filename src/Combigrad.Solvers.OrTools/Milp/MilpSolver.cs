using Google.OrTools.LinearSolver;

namespace Combigrad.Solvers;

/// <summary>
/// A generic mixed-integer linear program as a solver: <c>y(w) = argmin &lt;w, y&gt;</c> over the feasible set of a
/// <see cref="MilpProblem"/> (<c>A y &lt;= b</c>, equalities, bounds, integrality). This makes the paper's "Y is any
/// finite set" concrete for sets described by linear constraints, and works with every gradient method.
/// </summary>
/// <remarks>
/// <para>Backend: SCIP through OR-Tools' linear solver (<c>Google.OrTools.LinearSolver</c>), chosen over CP-SAT because it
/// takes real-valued constraint coefficients, continuous variables and float costs as they are (CP-SAT needs integers
/// throughout; for a model built in CP-SAT directly use <see cref="CpSatSolver"/>). One thread, SCIP's fixed default
/// seed, relative MIP gap 0: the result is a proven optimum, and deterministic.</para>
/// <para>Guarantee: optimal within SCIP's tolerances, not exact: costs below about 1e-9 of <c>max(1, max|w|)</c> act as
/// zero (so beside a big-M the ordinary costs may go unseen) and constraints may be violated by up to about 1e-6, SCIP's
/// feasibility tolerance; on 1,000 binary programs with big-M ratios up to 1e15, subnormals and mixed signs, the objective
/// stayed within <c>1e-8 n max(1, max|w|)</c> of the exact optimum (<c>MilpSolverTests</c>). For exact answers use <see cref="CpSatSolver"/>, which is exact or refuses.
/// Integer variables are returned rounded to the nearest integer; continuous ones as computed.</para>
/// <para>Ties: among optimal solutions, whichever SCIP returns; deterministic, no simple rule.</para>
/// <para>Errors: no feasible point throws <see cref="InfeasibleProblemException"/>; costs that make the objective unbounded
/// throw <see cref="UnboundedProblemException"/>; no proven optimum within <see cref="MilpSolverOptions.TimeLimit"/>
/// throws <see cref="SolverTimeLimitException"/>. Each names the solver status.</para>
/// <para>Cost: builds a SCIP model per call (allocates; about a millisecond for small models plus the search).</para>
/// <para>Facts: <c>HasConstantSum</c> when some equality row has all coefficients equal and nonzero (for example
/// <c>sum y = k</c>); otherwise false. Costs of any sign are accepted.</para>
/// </remarks>
public sealed class MilpSolver : ISolver
{
    private const string Backend = "SCIP";
    private const double IntegralityRounding = 0.5;

    private readonly MilpProblem.Snapshot _problem;

    /// <summary>Creates a solver over a copy of <paramref name="problem"/>.</summary>
    /// <param name="problem">The feasible set; copied, so later changes to it have no effect.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">The SCIP backend is not available in this OR-Tools build.</exception>
    public MilpSolver(MilpProblem problem, MilpSolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Options = options ?? new MilpSolverOptions();
        Options.Validate();
        _problem = problem.TakeSnapshot();
        Dimension = problem.VariableCount;
        InstanceShape = Array.AsReadOnly([Dimension]);
        Name = $"Milp(n={Dimension}, rows={_problem.Rows.Length}, integer={_problem.Integer.Count(b => b)})";
        Facts = new SolutionSetFacts(HasConstantSum: _problem.HasConstantSum(), RequiresNonNegativeCosts: false);
        using var probe = Solver.CreateSolver(Backend)
            ?? throw new InvalidOperationException($"{Name}: the OR-Tools {Backend} backend is not available.");
    }

    /// <summary>The settings this solver was created with.</summary>
    public MilpSolverOptions Options { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <remarks>Always <c>[n]</c>.</remarks>
    public IReadOnlyList<int> InstanceShape { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public SolutionSetFacts Facts { get; }

    /// <inheritdoc/>
    /// <remarks>Writes an optimal <c>y</c>, integer variables rounded (see class remarks).</remarks>
    /// <exception cref="UnboundedProblemException">The objective is unbounded below for these costs.</exception>
    /// <exception cref="SolverTimeLimitException">No proven optimum within the time limit.</exception>
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        CostValidation.ThrowIfWrongLength(Name, Dimension, costs.Length, solution.Length);
        CostValidation.ThrowIfInvalid(Name, costs, requireNonNegative: false);

        using var solver = CreateModel(costs, out var variables);
        using var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
        var status = solver.Solve(parameters);
        switch (status)
        {
            case Solver.ResultStatus.OPTIMAL:
                for (var i = 0; i < Dimension; i++)
                {
                    var value = variables[i].SolutionValue();
                    solution[i] = (float)(_problem.Integer[i] ? Math.Floor(value + IntegralityRounding) : value);
                }
                return;
            case Solver.ResultStatus.FEASIBLE:
                throw new SolverTimeLimitException(Name, Options.TimeLimit, solver.Objective().Value(), solver.Objective().BestBound());
            case Solver.ResultStatus.NOT_SOLVED when solver.WallTime() >= Options.TimeLimit.TotalMilliseconds:
                throw new SolverTimeLimitException(Name, Options.TimeLimit, double.NaN, double.NegativeInfinity);
            case Solver.ResultStatus.UNBOUNDED:
                throw Unbounded(status);
            case Solver.ResultStatus.INFEASIBLE:
                // SCIP may report "infeasible or unbounded" as infeasible: tell them apart with a zero objective.
                throw IsFeasible() ? Unbounded(status) : new InfeasibleProblemException(
                    $"{Name}: the constraints admit no solution (SCIP status {status}).");
            default:
                throw new InvalidOperationException($"{Name}: SCIP returned status {status}.");
        }
    }

    private UnboundedProblemException Unbounded(Solver.ResultStatus status) => new(
        $"{Name}: the objective is unbounded below for these costs (SCIP status {status}); bound the variables.");

    private bool IsFeasible()
    {
        using var solver = CreateModel(new float[Dimension], out _);
        var status = solver.Solve();
        return status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE;
    }

    private Solver CreateModel(ReadOnlySpan<float> costs, out Variable[] variables)
    {
        var solver = Solver.CreateSolver(Backend);
        solver.SetNumThreads(1);
        solver.SetTimeLimit((long)Math.Ceiling(Options.TimeLimit.TotalMilliseconds));
        variables = new Variable[Dimension];
        for (var i = 0; i < Dimension; i++)
            variables[i] = solver.MakeVar(_problem.Lower[i], _problem.Upper[i], _problem.Integer[i], $"y{i}");
        for (var r = 0; r < _problem.Rows.Length; r++)
        {
            var (coefficients, right, isEquality) = _problem.Rows[r];
            var row = solver.MakeConstraint(isEquality ? right : double.NegativeInfinity, right, $"r{r}");
            for (var i = 0; i < Dimension; i++)
                if (coefficients[i] != 0.0) row.SetCoefficient(variables[i], coefficients[i]);
        }
        var objective = solver.Objective();
        for (var i = 0; i < Dimension; i++)
            if (costs[i] != 0f) objective.SetCoefficient(variables[i], costs[i]);
        objective.SetMinimization();
        return solver;
    }
}
