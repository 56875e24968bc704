using System.Globalization;
using Google.OrTools.Sat;

namespace Combigrad.Solvers;

/// <summary>
/// Any integer program written as an OR-Tools CP-SAT model, as a solver: the caller's callback builds the variables and
/// constraints once and returns the <c>n</c> decision variables <c>y</c>; each call minimises <c>&lt;w, y&gt;</c> with
/// the costs turned into integers exactly (or rounded, if <see cref="CpSatSolverOptions.CostResolutionBits"/> asks for it).
/// </summary>
/// <remarks>
/// <para>The callback must not set an objective (it is replaced). The model is built once, at construction, and
/// validated; every call solves a copy of it with the objective set, with one search worker and the seed of the options,
/// so calls are deterministic and may run concurrently.</para>
/// <para>Guarantee: by default the returned solution is exactly optimal for the given float costs (they are multiplied
/// by the inverse of their finest bit, a power of two, which makes them integers without rounding); costs whose range
/// would need more than <see cref="MaxExactObjectiveBits"/> bits of objective (sum of |scaled cost| times the largest
/// |value| of each variable; e.g. a 1e15 big-M next to a cost of 1e-3 at 0/1 variables is fine, a subnormal next to 1
/// is not) are refused with an <see cref="ArgumentException"/> naming the range. With
/// <see cref="CpSatSolverOptions.CostResolutionBits"/> set, costs are rounded instead and the solution is optimal only for
/// the rounded costs. Either way, multiplying all costs by a power of two changes nothing.</para>
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
    private readonly double[] _largestMagnitude;

    /// <summary>The bits an exact objective may use: CP-SAT checks objective sums against <c>2^62</c>; one bit of margin.</summary>
    public const int MaxExactObjectiveBits = 61;

    private static readonly double MaxExactObjective = Math.ScaleB(1.0, MaxExactObjectiveBits);

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
        _largestMagnitude = _variableIndices.Select(v => LargestMagnitude(_model.Variables[v])).ToArray();
        Facts = new SolutionSetFacts(HasConstantSum: HasConstantSumRow(_model, _variableIndices), RequiresNonNegativeCosts: false);
    }

    /// <summary>The largest |value| in a variable's domain (the domain is a sorted list of interval bounds).</summary>
    private static double LargestMagnitude(IntegerVariableProto variable) =>
        variable.Domain.Count == 0 ? 0.0 : Math.Max(Math.Abs((double)variable.Domain[0]), Math.Abs((double)variable.Domain[^1]));

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
    /// <exception cref="ArgumentException">Wrong lengths, a NaN or infinite cost, or (exact mode) costs whose range does
    /// not fit an exact 64-bit objective.</exception>
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        CostValidation.ThrowIfWrongLength(Name, Dimension, costs.Length, solution.Length);
        CostValidation.ThrowIfInvalid(Name, costs, requireNonNegative: false);

        var scale = Options.CostResolutionBits is { } bits ? IntegerCostScaling.Scale(costs, bits) : ExactScale(costs);
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

    /// <summary>
    /// The power of two that makes every cost an integer (the inverse of the finest bit among them), after checking that
    /// the objective stays exact: the sum of |scaled cost| times the largest |value| of its variable must stay within
    /// <see cref="MaxExactObjective"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The costs span too many bits for an exact 64-bit objective.</exception>
    private double ExactScale(ReadOnlySpan<float> costs)
    {
        var granularity = ObjectiveGranularity.Of(costs);
        if (double.IsPositiveInfinity(granularity)) return 1.0;
        var scale = 1.0 / granularity;
        var total = 0.0;
        var largest = 0.0;
        for (var i = 0; i < costs.Length; i++)
        {
            total += Math.Abs(costs[i] * scale) * _largestMagnitude[i];
            largest = Math.Max(largest, Math.Abs(costs[i]));
        }
        if (total > MaxExactObjective)
            throw new ArgumentException(
                $"{Name}: the costs cannot be given to CP-SAT exactly: the largest |cost| {largest:G9} is {largest * scale:G3} times " +
                $"their finest bit 2^{Math.ILogB(granularity)}, and the objective would need {Math.Log2(total):F0} bits (CP-SAT allows " +
                $"{MaxExactObjectiveBits}); round the costs to fewer significant bits, or opt into rounding with " +
                $"{nameof(CpSatSolverOptions)}.{nameof(CpSatSolverOptions.CostResolutionBits)}.", nameof(costs));
        return scale;
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
