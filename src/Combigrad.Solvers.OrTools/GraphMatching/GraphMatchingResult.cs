namespace Combigrad.Solvers;

/// <summary>What a graph matching solve achieved: the objective of the returned solution and a proven lower bound on
/// the optimum.</summary>
/// <param name="Objective">The objective <c>&lt;c^v, v&gt; + &lt;c^e, e&gt;</c> of the returned solution, in double (exact
/// solver: the exact optimum rounded to the nearest double; approximate solver: summed in double).</param>
/// <param name="LowerBound">A proven lower bound on the optimal objective of the given costs, rounding included. For the
/// exact solver it is the exact optimum rounded down (so the gap is zero, or one unit in the last place when the optimum
/// is not a double); for the approximate solver it is the Gilmore–Lawler bound less a rounding allowance.</param>
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
