using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Losses;

/// <summary>
/// Hamming (L1) loss to a target solution: <c>mean |y - y*|</c> over all entries, i.e. the normalised Hamming distance
/// for 0/1 solutions (multiply by the instance size for the count). Its gradient <c>sign(y - y*) / N</c> points from
/// the target to the solution, so Identity and BB receive <c>dL/dy</c> proportional to <c>y - y*</c> (paper Sec. 3.2, eta = 1).
/// </summary>
public sealed class HammingLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the loss.</summary>
    public HammingLoss(string name = nameof(HammingLoss)) : base(name) => RegisterComponents();

    /// <summary>The mean absolute difference between <paramref name="solutions"/> and <paramref name="target"/> (same shape).</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public override Tensor forward(Tensor solutions, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(solutions);
        ArgumentNullException.ThrowIfNull(target);
        LossGuard.ThrowIfShapesDiffer(GetName(), solutions, target, nameof(target));
        return Compute(solutions, target);
    }

    /// <summary>The loss without the module: mean of <c>|solutions - target|</c> (shapes are the caller's responsibility).</summary>
    public static Tensor Compute(Tensor solutions, Tensor target) => (solutions - target.to(solutions.dtype)).abs().mean();
}
