using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>The one implementation of the min/max sign flip, shared by <see cref="SolverLayer"/> and the losses.</summary>
internal static class ObjectiveSenseExtensions
{
    /// <summary>Maps an input in <paramref name="sense"/>'s convention to solver costs: itself for minimisation, its negation for maximisation.</summary>
    public static Tensor ToCosts(this ObjectiveSense sense, Tensor input) => sense == ObjectiveSense.Maximize ? input.neg() : input;
}
