namespace Combigrad.Solvers;

/// <summary>What a graph matching solve achieved: the objective of the returned solution and a proven lower bound on
/// the optimum.</summary>
/// <param name="Objective">The objective <c>&lt;c^v, v&gt; + &lt;c^e, e&gt;</c> of the returned solution, in double.</param>
/// <param name="LowerBound">A proven lower bound on the optimal objective. For the exact solver it equals
/// <see cref="Objective"/> (the solution is optimal for the integer-rounded costs); for the approximate solver it is the
/// Gilmore–Lawler bound.</param>
public readonly record struct GraphMatchingResult(double Objective, double LowerBound)
{
    /// <summary><c>Objective - LowerBound</c>, never negative: how far from optimal the solution can be at most.</summary>
    public double Gap => Math.Max(0.0, Objective - LowerBound);

    /// <summary><see cref="Gap"/> relative to <c>max(|Objective|, |LowerBound|)</c> (0 when both are 0).</summary>
    public double RelativeGap
    {
        get
        {
            var scale = Math.Max(Math.Abs(Objective), Math.Abs(LowerBound));
            return scale == 0.0 ? 0.0 : Gap / scale;
        }
    }
}
