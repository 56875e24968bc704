namespace Combigrad.Data.Mnist;

/// <summary>The four IDX files of an MNIST-style collection (plain or gzipped).</summary>
/// <param name="TrainImages">60,000 training images, <c>[60000, 28, 28]</c>.</param>
/// <param name="TrainLabels">Their labels, <c>[60000]</c>.</param>
/// <param name="TestImages">10,000 test images, <c>[10000, 28, 28]</c>.</param>
/// <param name="TestLabels">Their labels, <c>[10000]</c>.</param>
public sealed record MnistFiles(string TrainImages, string TrainLabels, string TestImages, string TestLabels)
{
    /// <summary>The four paths in a fixed order.</summary>
    public IReadOnlyList<string> All => [TrainImages, TrainLabels, TestImages, TestLabels];
}
