using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>
/// L2X's continuous relaxation of k-subset sampling (Chen et al. 2018, <em>Learning to explain</em>, eq. 6): in training
/// mode it draws k independent Concrete (Gumbel-softmax) samples over the n entries,
/// <c>c_j = softmax((theta + G_j) / tau)</c> with standard Gumbel <c>G_j</c> and scores <c>theta = -w</c>, and returns
/// their elementwise maximum <c>max_j c_j</c>, a vector in [0, 1]^n that approximates a k-hot sample. Evaluation mode
/// returns the exact <c>y(w)</c> (the hard top-k). The relaxed output is fed to the downstream model as is.
/// </summary>
/// <remarks>
/// <para>Needs a solver whose solutions have a constant sum k (top-k); k is read from its exact solution. Entries with
/// scores far below the others (for example padding at -1e4) get zero weight.</para>
/// <para>Recommended: tau = 0.1 (Chen et al.'s text experiments and Niepert et al.'s BeerAdvocate code); 0.1 to 1.</para>
/// </remarks>
/// <param name="temperature">tau &gt; 0, finite (otherwise <see cref="ArgumentOutOfRangeException"/>).</param>
/// <param name="seed">Seed of the method's own Gumbel generator.</param>
public sealed class ConcreteSubsetMethod(double temperature, ulong seed = 0)
    : SubsetRelaxationMethod("L2X", temperature, "0.1", seed)
{
    /// <inheritdoc />
    public override string Name => "l2x";

    /// <inheritdoc />
    protected override Tensor Relax(Tensor costs, int k)
    {
        var scores = (-costs).unsqueeze(1).expand(costs.shape[0], k, costs.shape[1]);
        var samples = ((scores + Gumbel(scores)) / Temperature).softmax(-1);
        return samples.amax([1]);
    }
}
