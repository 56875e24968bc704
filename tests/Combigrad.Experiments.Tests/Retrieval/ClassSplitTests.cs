using Combigrad.Data.Mnist;
using Combigrad.Experiments.Retrieval;

namespace Combigrad.Experiments.Tests.Retrieval;

public sealed class ClassSplitTests
{
    [Fact]
    public void Disjoint_TrainingAndTestClasses_DoNotOverlapAndCoverAllTen()
    {
        var training = ClassSplit.TrainingClasses(ClassSplit.Disjoint);
        var test = ClassSplit.TestClasses(ClassSplit.Disjoint);

        Assert.Empty(training.Intersect(test));
        Assert.Equal(Enumerable.Range(0, 10).Select(c => (byte)c), training.Concat(test).Order());
        Assert.Equal(ClassSplit.TrainingClasses(ClassSplit.All), ClassSplit.TestClasses(ClassSplit.All));
    }

    [Fact]
    public void Select_KeepsTheImagesOfTheClassesInOrderWithTheirPixels()
    {
        var labels = new byte[] { 3, 7, 1, 5, 9, 0 };
        var pixels = new float[labels.Length * MnistImages.PixelCount];
        for (var n = 0; n < labels.Length; n++) pixels[n * MnistImages.PixelCount] = n;
        var images = new MnistImages(pixels, labels);

        var selected = ClassSplit.Select(images, ClassSplit.TestClasses(ClassSplit.Disjoint).ToArray());

        Assert.Equal(new byte[] { 7, 5, 9 }, selected.Labels);
        Assert.Equal([1f, 3f, 4f], Enumerable.Range(0, 3).Select(n => selected.Pixels[n * MnistImages.PixelCount]));
    }

    [Fact]
    public void TrainingClasses_UnknownName_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => ClassSplit.TrainingClasses("half"));
}
