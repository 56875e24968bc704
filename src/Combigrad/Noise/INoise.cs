using static TorchSharp.torch;

namespace Combigrad.Noise;

/// <summary>
/// A seeded noise sampler: draws a tensor of independent entries shaped like its argument. Each implementation owns
/// its generator (seeded explicitly at construction, never global state), so two samplers built with the same seed
/// draw the same sequence.
/// </summary>
/// <remarks>
/// Sign convention of perturb-and-MAP (paper eq. 17): a sample <c>xi</c> perturbs <em>scores</em> upwards,
/// <c>y = argmax &lt;theta + xi, y&gt;</c>, which in the solvers' minimisation convention (<c>w = -theta</c>) is
/// <c>y = argmin &lt;w - xi, y&gt;</c>. Consumers of asymmetric noise (Gumbel, Sum-of-Gamma) therefore subtract it from
/// costs; for symmetric noise (margin, Gaussian) the sign does not change the distribution.
/// <para>Draws are made on the CPU (from a CPU generator or a managed one) and then moved to the device of the argument,
/// so a seed gives the same noise on every device.</para>
/// </remarks>
public interface INoise : IDisposable, IReseedable
{
    /// <summary>The name used in reports (for example <c>gumbel</c>, <c>sog</c>).</summary>
    string Name { get; }

    /// <summary>Draws a noise tensor with the shape, dtype and device of <paramref name="like"/>; <paramref name="like"/> is not read otherwise.</summary>
    Tensor SampleLike(Tensor like);
}
