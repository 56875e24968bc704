using static TorchSharp.torch;

namespace Combigrad.Experiments.Training;

/// <summary>
/// One split of a supervised dataset for a solver layer: network inputs <c>[N, ...]</c>, target solutions
/// <c>[N, *InstanceShape]</c> and, where the problem has them, the true costs <c>[N, *InstanceShape]</c> for
/// regret and cost ratio. Owns its tensors.
/// </summary>
public sealed class LabeledSplit : IDisposable
{
    /// <summary>Wraps the tensors; they must agree in their first dimension.</summary>
    /// <exception cref="ArgumentException">The sizes disagree.</exception>
    public LabeledSplit(Tensor inputs, Tensor targets, Tensor? trueCosts = null)
    {
        if (inputs.shape[0] != targets.shape[0] || (trueCosts is not null && trueCosts.shape[0] != targets.shape[0]))
            throw new ArgumentException($"Split tensors disagree in size: inputs {inputs.shape[0]}, targets {targets.shape[0]}, true costs {trueCosts?.shape[0]}.");
        Inputs = inputs;
        Targets = targets;
        TrueCosts = trueCosts;
    }

    /// <summary>Network inputs.</summary>
    public Tensor Inputs { get; }

    /// <summary>Target solutions.</summary>
    public Tensor Targets { get; }

    /// <summary>True costs, when known.</summary>
    public Tensor? TrueCosts { get; }

    /// <summary>The number of examples.</summary>
    public long Count => Inputs.shape[0];

    /// <inheritdoc />
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
        TrueCosts?.Dispose();
    }
}
