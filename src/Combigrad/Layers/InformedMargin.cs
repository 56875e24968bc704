using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>
/// Informed margin (Rolínek et al. 2020a; paper Sec. 3.5): with the target solution <c>y*</c> in <c>{0, 1}^n</c> known,
/// the costs are shifted before the solver to <c>w' = w + alpha/2 y* - alpha/2 (1 - y*)</c>, making the target
/// more expensive and the rest cheaper, so the network must keep <c>y*</c> optimal with a margin of <c>alpha</c>.
/// Applied in training mode only; the identity in evaluation mode.
/// </summary>
/// <remarks>
/// <para>The formula is in the minimisation convention. With <see cref="ObjectiveSense.Maximize"/> (scores) the shift is
/// applied to the solver costs <c>-theta</c>, i.e. <c>theta' = theta - alpha/2 y* + alpha/2 (1 - y*)</c>; use the same
/// sense as the <see cref="SolverLayer"/> that follows.</para>
/// <para>Recommended alpha: of the order of the cost differences, as for the margin noise (0.1 to 0.5 on normalised
/// costs). Compare with <see cref="SolverLayerOptions.NoiseMagnitude"/>, which needs no <c>y*</c>.</para>
/// </remarks>
public sealed class InformedMargin : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ObjectiveSense _sense;

    /// <summary>Creates the margin.</summary>
    /// <param name="magnitude">alpha &gt;= 0, finite.</param>
    /// <param name="sense">The convention of the input (as for the following <see cref="SolverLayer"/>).</param>
    /// <param name="name">The module name.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="magnitude"/> is negative, NaN or infinite.</exception>
    public InformedMargin(double magnitude, ObjectiveSense sense = ObjectiveSense.Minimize, string name = nameof(InformedMargin)) : base(name)
    {
        if (!(magnitude >= 0) || double.IsInfinity(magnitude))
            throw new ArgumentOutOfRangeException(nameof(magnitude), magnitude, "The informed margin alpha must be >= 0 and finite.");
        Magnitude = magnitude;
        _sense = sense;
        RegisterComponents();
    }

    /// <summary>alpha.</summary>
    public double Magnitude { get; }

    /// <summary>Returns <c>w'</c> for costs (or scores) and a 0/1 target of the same shape.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public override Tensor forward(Tensor costs, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(target);
        if (!costs.shape.SequenceEqual(target.shape))
            throw new ArgumentException($"{GetName()}: costs [{string.Join(", ", costs.shape)}] and target [{string.Join(", ", target.shape)}] must have the same shape.", nameof(target));
        if (!training) return costs.alias();
        using var scope = NewDisposeScope();
        // alpha/2 y* - alpha/2 (1 - y*) = alpha/2 (2 y* - 1), in the solver's (minimisation) convention.
        var shift = (target.detach().to(costs.dtype) * 2 - 1) * (Magnitude / 2);
        return (costs + _sense.ToCosts(shift)).MoveToOuterDisposeScope();
    }
}
