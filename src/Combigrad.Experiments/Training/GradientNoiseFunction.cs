using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace Combigrad.Experiments.Training;

/// <summary>
/// Identity on the forward pass; on the backward pass adds <c>sigma * N(0, I)</c> to the incoming gradient
/// <c>dL/dy</c> (paper Fig. 4: gradient noise simulates learnable layers after the solver).
/// </summary>
public sealed class GradientNoiseFunction : SingleTensorFunction<GradientNoiseFunction>
{
    private const string GeneratorKey = "generator";
    private const string StdKey = "std";

    /// <inheritdoc />
    public override string Name => "CombigradGradientNoise";

    /// <summary>Passes <paramref name="solutions"/> through; its gradient gets noise of std <paramref name="std"/> drawn from <paramref name="generator"/>.</summary>
    public static Tensor Apply(Tensor solutions, double std, Generator generator) => apply(solutions, std, generator);

    /// <inheritdoc />
    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        ctx.save_data(StdKey, vars[1]);
        ctx.save_data(GeneratorKey, vars[2]);
        return ((Tensor)vars[0]).clone();
    }

    /// <inheritdoc />
    public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
    {
        var std = (double)ctx.get_data(StdKey);
        var generator = (Generator)ctx.get_data(GeneratorKey);
        using var scope = NewDisposeScope();
        // Drawn on the CPU from the seeded CPU generator, then moved: the same noise on every device.
        var noise = randn(grad_output.shape, dtype: grad_output.dtype, device: CPU, generator: generator).to(grad_output.device);
        return [(grad_output + noise * std).MoveToOuterDisposeScope(), null!, null!];
    }
}
