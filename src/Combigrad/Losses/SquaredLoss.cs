using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Losses;

/// <summary>
/// Squared loss to a target solution: <c>mean (y - y*)^2</c> over all entries. Its gradient <c>2 (y - y*) / N</c> points
/// exactly from the target to the solution (paper Sec. 3.2, eta = 1/2).
/// </summary>
public sealed class SquaredLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the loss.</summary>
    public SquaredLoss(string name = nameof(SquaredLoss)) : base(name) => RegisterComponents();

    /// <summary>The mean squared difference between <paramref name="solutions"/> and <paramref name="target"/> (same shape).</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public override Tensor forward(Tensor solutions, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(solutions);
        ArgumentNullException.ThrowIfNull(target);
        LossGuard.ThrowIfShapesDiffer(GetName(), solutions, target, nameof(target));
        return (solutions - target.to(solutions.dtype)).square().mean();
    }
}
