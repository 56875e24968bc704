namespace Combigrad.Layers;

/// <summary>Whether the layer's input is a cost to minimise or a score to maximise.</summary>
/// <remarks>
/// Solvers always minimise <c>&lt;w, y&gt;</c>. For <see cref="Maximize"/> the layer negates its input in the forward
/// graph before noise and projection — the one place the sign is flipped — so autograd carries the sign back.
/// </remarks>
public enum ObjectiveSense
{
    /// <summary>The input is a cost: the solver returns <c>argmin &lt;w, y&gt;</c>.</summary>
    Minimize,
    /// <summary>The input is a score: the solver returns <c>argmax &lt;s, y&gt; = argmin &lt;-s, y&gt;</c>.</summary>
    Maximize,
}
