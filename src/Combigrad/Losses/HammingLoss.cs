using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Losses;

/// <summary>
/// Hamming (L1) loss to a target solution: <c>sum |y - y*|</c> over the entries of each instance (the Hamming distance
/// for 0/1 solutions), averaged over the batch — the convention of Vlastelica et al. (2020) and the later papers, whose
/// BB lambda values (20 for TSP and Warcraft, 80 for graph matching) assume it: each entry of <c>dL/dy</c> is
/// <c>sign(y - y*) / batch</c>, independent of the instance size. The gradient points from the target to the solution,
/// so Identity and BB receive <c>dL/dy</c> proportional to <c>y - y*</c> (paper Sec. 3.2, eta = 1). The first dimension
/// is the batch; a 1-D input is one instance.
/// </summary>
public sealed class HammingLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the loss.</summary>
    public HammingLoss(string name = nameof(HammingLoss)) : base(name) => RegisterComponents();

    /// <summary>The per-instance Hamming distance between <paramref name="solutions"/> and <paramref name="target"/> (same
    /// shape), averaged over the batch (first) dimension.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public override Tensor forward(Tensor solutions, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(solutions);
        ArgumentNullException.ThrowIfNull(target);
        LossGuard.ThrowIfShapesDiffer(GetName(), solutions, target, nameof(target));
        return Compute(solutions, target);
    }

    /// <summary>The loss without the module: <c>|solutions - target|</c> summed per instance, averaged over the batch (shapes
    /// are the caller's responsibility).</summary>
    public static Tensor Compute(Tensor solutions, Tensor target)
    {
        var mismatch = (solutions - target.to(solutions.dtype)).abs();
        return mismatch.dim() <= 1 ? mismatch.sum() : mismatch.flatten(1).sum(1).mean();
    }
}
