using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>
/// SoftSub, the relaxed top-k of Xie and Ermon (2019, <em>Reparameterizable subset sampling via continuous
/// relaxations</em>): in training mode it perturbs the scores <c>theta = -w</c> with standard Gumbel noise,
/// <c>r = theta + G</c>, and takes k successive softmaxes, each discounting what the previous ones selected:
/// <c>a_1 = softmax(r / tau)</c>, <c>r &lt;- r + log(1 - a_j)</c>, <c>a_{j+1} = softmax(r / tau)</c>; it returns
/// <c>sum_j a_j</c>, a non-negative vector summing to k (an entry can exceed 1 when few entries share the mass)
/// that tends to the k-hot top-k of <c>r</c> as tau -&gt; 0.
/// Evaluation mode returns the exact <c>y(w)</c> (the hard top-k).
/// </summary>
/// <remarks>
/// <para>Needs a solver whose solutions have a constant sum k (top-k); k is read from its exact solution. Entries with
/// scores far below the others (for example padding at -1e4) get zero weight.</para>
/// <para>Recommended: tau = 0.5 (Niepert et al.'s BeerAdvocate code); 0.1 to 1.</para>
/// </remarks>
/// <param name="temperature">tau &gt; 0, finite (otherwise <see cref="ArgumentOutOfRangeException"/>).</param>
/// <param name="seed">Seed of the method's own Gumbel generator.</param>
public sealed class SoftSubsetMethod(double temperature, ulong seed = 0)
    : SubsetRelaxationMethod("SoftSub", temperature, "0.5", seed)
{
    /// <summary>The floor of <c>1 - a_j</c> inside the logarithm, so a fully selected entry gets a large finite discount.</summary>
    public const double DiscountFloor = 1e-20;

    /// <inheritdoc />
    public override string Name => "softsub";

    /// <inheritdoc />
    protected override Tensor Relax(Tensor costs, int k)
    {
        var perturbed = -costs + Gumbel(costs);
        var selected = zeros_like(costs);
        for (var j = 0; j < k; j++)
        {
            var step = (perturbed / Temperature).softmax(-1);
            selected = selected + step;
            perturbed = perturbed + (1 - step).clamp_min(DiscountFloor).log();
        }
        return selected;
    }
}
