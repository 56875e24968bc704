using Combigrad.Experiments.Dvae;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Tests.Dvae;

public sealed class NegativeElboTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void Reconstruction_TwoImagesOfTwoPixels_IsBernoulliCrossEntropySummedOverPixelsAveragedOverImages()
    {
        using var logits = tensor(new float[] { 0, (float)Math.Log(3), 0, 0 }, [2, 2]);
        using var pixels = tensor(new float[] { 1, 0.5f, 0, 0 }, [2, 2]);

        using var loss = NegativeElbo.Reconstruction(logits, pixels);

        // Image 1: sigmoid(0) = 1/2 against 1; sigmoid(ln 3) = 3/4 against 1/2. Image 2: 1/2 against 0, twice.
        var first = -Math.Log(0.5) - (0.5 * Math.Log(0.75) + 0.5 * Math.Log(0.25));
        var second = 2 * -Math.Log(0.5);
        Assert.Equal((first + second) / 2, loss.item<float>(), Tolerance);
    }

    [Fact]
    public void KlToUniform_OneImageTwoBlocks_SumsTheBlocksKlOfSoftmaxToUniform()
    {
        using var logits = tensor(new float[] { 0, (float)Math.Log(3), 5, 5 }, [1, 2, 2]);

        using var kl = NegativeElbo.KlToUniform(logits);

        // Block 1: q = (1/4, 3/4) against (1/2, 1/2). Block 2: uniform already, KL 0.
        var expected = 0.25 * Math.Log(0.25 / 0.5) + 0.75 * Math.Log(0.75 / 0.5);
        Assert.Equal(expected, kl.item<float>(), Tolerance);
    }

    [Fact]
    public void Reconstruction_ShapesDiffer_ThrowsArgumentException()
    {
        using var logits = zeros(2, 3);
        using var pixels = zeros(2, 4);
        Assert.Throws<ArgumentException>(() => NegativeElbo.Reconstruction(logits, pixels));
    }
}
