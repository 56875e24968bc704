using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Experiments.L2x;

/// <summary>Re-initialises a module's weights and biases from <c>U(-1/sqrt(fan_in), 1/sqrt(fan_in))</c> (PyTorch's default
/// for linear and convolution layers) with the caller's generator, so a seed fixes them without global random state.</summary>
internal static class SeededInitialization
{
    /// <summary>Initialises <paramref name="weight"/> (fan-in = its size without the first dimension) and <paramref name="bias"/>.</summary>
    public static void Uniform(Tensor weight, Tensor? bias, Generator generator)
    {
        var fanIn = weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        var bound = 1 / Math.Sqrt(fanIn);
        using (no_grad())
        {
            weight.uniform_(-bound, bound, generator);
            bias?.uniform_(-bound, bound, generator);
        }
    }
}
