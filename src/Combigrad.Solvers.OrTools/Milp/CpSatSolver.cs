using System.Globalization;
using Google.OrTools.Sat;

namespace Combigrad.Solvers;

/// <summary>
/// Any integer program written as an OR-Tools CP-SAT model, as a solver: the caller's callback builds the variables and
/// constraints once and returns the <c>n</c> decision variables <c>y</c>; each call minimises <c>&lt;w, y&gt;</c> with
/// the costs rounded to integers (<see cref="CpSatSolverOptions.CostResolutionBits"/>).
/// </summary>
/// <remarks>
/// <para>The callback must not set an objective (it is replaced). The model is built once, at construction, and
/// validated; every call solves a copy of it with the objective set, with one search worker and the seed of the options,
/// so calls are deterministic and may run concurrently.</para>
/// <para>Costs: rounded by a power-of-two scale, so multiplying all costs by a power of two changes nothing; see
/// <see cref="CpSatSolverOptions.CostResolutionBits"/> for the resolution and its consequence.</para>
/// <para>Ties: among optima of the rounded costs, whichever CP-SAT returns; deterministic, no simple rule.</para>
/// <para>Errors: an infeasible model throws <see cref="InfeasibleProblemException"/>; no proven optimum within the time
/// limit throws <see cref="SolverTimeLimitException"/>. (CP-SAT variables have finite domains, so nothing is
/// unbounded.)</para>
/// <para>Cost: copies the model and runs CP-SAT per call (allocates).</para>
/// <para>Facts: computed from the model only in the cheap case of a linear equality <c>sum y = b</c> over all decision
/// variables with equal nonzero coefficients; otherwise <c>HasConstantSum = false</c>. Costs of any sign are accepted.</para>
/// </remarks>
public sealed class CpSatSolver : ISolver
{
    private readonly CpModelProto _model;
    private readonly int[] _variableIndices;

    /// <summary>Builds the model with <paramref name="buildModel"/> and creates the solver.</summary>
    /// <param name="dimension">The number <c>n</c> of decision variables the callback returns.</param>
    /// <param name="buildModel">Adds variables and constraints to the given empty model and returns the <c>n</c>
    /// decision variables, in cost order.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="buildModel"/> is null or returns null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is below 1 or an option is out of range.</exception>
    /// <exception cref="ArgumentException">The callback returns a different number of variables, or the model is invalid
    /// (CP-SAT's validation message is included).</exception>
    public CpSatSolver(int dimension, Func<CpModel, IReadOnlyList<IntVar>> buildModel, CpSatSolverOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(buildModel);
        Options = options ?? new CpSatSolverOptions();
        Options.Validate();
        Dimension = dimension;
        InstanceShape = Array.AsReadOnly([dimension]);
        Name = $"CpSat(n={dimension})";

        var model = new CpModel();
        var variables = buildModel(model) ?? throw new ArgumentNullException(nameof(buildModel), "The callback returned null.");
        if (variables.Count != dimension)
            throw new ArgumentException($"{Name}: the callback returned {variables.Count} variables, expected {dimension}.",
                nameof(buildModel));
        var validation = model.Validate();
        if (!string.IsNullOrEmpty(validation))
            throw new ArgumentException($"{Name}: the model is invalid: {validation}", nameof(buildModel));
        _model = model.Model.Clone();
        _model.Objective = null;
        _variableIndices = variables.Select(v => v.Index).ToArray();
        Facts = new SolutionSetFacts(HasConstantSum: HasConstantSumRow(_model, _variableIndices), RequiresNonNegativeCosts: false);
    }

    /// <summary>The settings this solver was created with.</summary>
    public CpSatSolverOptions Options { get; }

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
    /// <remarks>Writes the values of the decision variables in an optimal solution of the rounded costs.</remarks>
    /// <exception cref="SolverTimeLimitException">No proven optimum within the time limit.</exception>
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        CostValidation.ThrowIfWrongLength(Name, Dimension, costs.Length, solution.Length);
        CostValidation.ThrowIfInvalid(Name, costs, requireNonNegative: false);

        var scale = IntegerCostScaling.Scale(costs, Options.CostResolutionBits);
        var model = _model.Clone();
        var objective = new CpObjectiveProto();
        for (var i = 0; i < Dimension; i++)
        {
            var coefficient = IntegerCostScaling.Round(costs[i], scale);
            if (coefficient == 0) continue;
            objective.Vars.Add(_variableIndices[i]);
            objective.Coeffs.Add(coefficient);
        }
        model.Objective = objective;

        var cpModel = new CpModel();
        cpModel.Model.MergeFrom(model);
        var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"num_workers:1,random_seed:{Options.Seed},max_time_in_seconds:{Options.TimeLimit.TotalSeconds}"),
        };
        solver.Solve(cpModel);
        var response = solver.Response
            ?? throw new InvalidOperationException($"{Name}: CP-SAT returned no response.");
        switch (response.Status)
        {
            case CpSolverStatus.Optimal:
                for (var i = 0; i < Dimension; i++) solution[i] = response.Solution[_variableIndices[i]];
                return;
            case CpSolverStatus.Feasible:
                throw new SolverTimeLimitException(Name, Options.TimeLimit, response.ObjectiveValue / scale,
                    response.BestObjectiveBound / scale);
            case CpSolverStatus.Unknown:
                throw new SolverTimeLimitException(Name, Options.TimeLimit, double.NaN, double.NegativeInfinity);
            case CpSolverStatus.Infeasible:
                throw new InfeasibleProblemException($"{Name}: the model admits no solution (CP-SAT status {response.Status}).");
            default:
                throw new InvalidOperationException($"{Name}: CP-SAT returned status {response.Status}.");
        }
    }

    private static bool HasConstantSumRow(CpModelProto model, int[] variableIndices)
    {
        var decision = new HashSet<int>(variableIndices);
        foreach (var constraint in model.Constraints)
        {
            var linear = constraint.Linear;
            if (linear is null || constraint.EnforcementLiteral.Count > 0) continue;
            if (linear.Domain.Count != 2 || linear.Domain[0] != linear.Domain[1]) continue;
            if (linear.Vars.Count != decision.Count || linear.Coeffs.Count == 0 || linear.Coeffs[0] == 0) continue;
            if (!linear.Vars.All(v => decision.Contains(v)) || linear.Vars.Distinct().Count() != decision.Count) continue;
            if (linear.Coeffs.All(c => c == linear.Coeffs[0])) return true;
        }
        return false;
    }
}
