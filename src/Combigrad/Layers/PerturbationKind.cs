namespace Combigrad.Layers;

/// <summary>How a perturbed optimizer (Berthet et al. 2020) perturbs the costs with standard normal draws <c>Z</c>.</summary>
public enum PerturbationKind
{
    /// <summary><c>w + eps Z</c>: any solver; costs may turn negative (solvers needing non-negative costs see them clamped to 0).</summary>
    Additive,

    /// <summary><c>w ⊙ exp(eps Z - eps^2/2)</c> (Dalle et al. 2022): keeps the sign of positive costs, for shortest paths; needs <c>w &gt; 0</c>.</summary>
    Multiplicative,
}
