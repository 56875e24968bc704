using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Warcraft;

/// <summary>
/// The basic residual block of ResNet18 (He et al. 2016) with equal input and output channels and stride 1:
/// <c>relu(x + bn2(conv2(relu(bn1(conv1(x))))))</c>, both convolutions 3 x 3 with padding 1 and no bias. Field names
/// follow torchvision, so checkpoint keys read like <c>layer1.0.conv1.weight</c>.
/// </summary>
public sealed class ResNetBasicBlock : nn.Module<Tensor, Tensor>
{
    private const int Kernel = 3;
    private const int Padding = 1;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;

    /// <summary>A block of <paramref name="channels"/> channels, with torchvision's initialisation (Kaiming normal, fan-out, for the convolutions).</summary>
    public ResNetBasicBlock(int channels, string name = nameof(ResNetBasicBlock)) : base(name)
    {
        conv1 = nn.Conv2d(channels, channels, Kernel, padding: Padding, bias: false);
        bn1 = nn.BatchNorm2d(channels);
        conv2 = nn.Conv2d(channels, channels, Kernel, padding: Padding, bias: false);
        bn2 = nn.BatchNorm2d(channels);
        WarcraftCostNetwork.InitializeConvolution(conv1);
        WarcraftCostNetwork.InitializeConvolution(conv2);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var residual = bn2.call(conv2.call(nn.functional.relu(bn1.call(conv1.call(input)))));
        return nn.functional.relu(residual + input).MoveToOuterDisposeScope();
    }
}
