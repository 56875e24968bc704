using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace Combigrad.Tests.Interop;

/// <summary>Proves the native TorchSharp library loads on this system (after the build's compatibility step).</summary>
public sealed class TorchSharpLoadTests
{
    [Fact]
    public void Ones_SumOfThree_IsThree()
    {
        using var t = ones(3);
        Assert.Equal(3f, t.sum().item<float>());
    }

    [Fact]
    public void CustomAutogradFunction_Backward_RunsUserCode()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1f, -2f, 3f }, requires_grad: true);
        var y = TripleGradientFunction.Apply(x);
        y.sum().backward();
        Assert.Equal(new[] { 3f, 3f, 3f }, x.grad!.data<float>().ToArray());
    }

    /// <summary>Forward is the identity, backward triples the gradient: only user code can produce that.</summary>
    private sealed class TripleGradientFunction : SingleTensorFunction<TripleGradientFunction>
    {
        public override string Name => nameof(TripleGradientFunction);

        public static Tensor Apply(Tensor x) => apply(x);

        public override Tensor forward(AutogradContext ctx, params object[] vars) => ((Tensor)vars[0]).clone();

        public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output) => [grad_output * 3];
    }
}
