using Combigrad.Data.GlobeTsp;
using Combigrad.Experiments.GlobeTsp;
using Combigrad.Experiments.Training;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Tests;

public sealed class GlobeTspExperimentTests
{
    internal static GlobeTspWorld SyntheticWorld(int countries = 12, int height = 12, int width = 16)
    {
        var random = new Random(8);
        var capitals = Enumerable.Range(0, countries)
            .Select(i => new City(i, $"c{i}", $"{(char)('A' + i)}X", "", City.CapitalFeatureCode, "", 1, random.NextDouble() * 360 - 180, random.NextDouble() * 160 - 80))
            .ToList();
        var flags = Enumerable.Range(0, countries * 3 * height * width).Select(_ => (float)random.NextDouble()).ToArray();
        return new GlobeTspWorld(capitals, flags, height, width);
    }

    [Fact]
    public void Network_IndicesOfKCountries_GiveSymmetricKByKDistances()
    {
        var world = SyntheticWorld();
        using var scope = NewDisposeScope();
        using var network = new FlagCoordinateNetwork(tensor(world.Flags, [12, 3, 12, 16]));
        var distances = network.call(tensor(new long[] { 0, 3, 5, 7, 1, 2, 4, 6 }, [2, 4]));
        Assert.Equal([2L, 4, 4], distances.shape);
        Assert.True(distances.sub(distances.transpose(1, 2)).abs().max().item<float>() < 1e-5);
        Assert.True(distances.max().item<float>() <= 2.0001f, "chords of the unit sphere are at most 2");
    }

    [Fact]
    public void Network_EmbedsEachCountryTheSameWhateverElseIsInTheBatch()
    {
        var world = SyntheticWorld();
        using var scope = NewDisposeScope();
        using var network = new FlagCoordinateNetwork(tensor(world.Flags, [12, 3, 12, 16]));
        var batch = tensor(new long[] { 9, 3, 5, 7, 3, 2, 11, 9, 0, 8, 1, 4 }, [3, 4]);
        var together = network.call(batch);
        for (var row = 0; row < 3; row++)
        {
            var alone = network.call(batch[row].unsqueeze(0));
            Assert.True(together[row].sub(alone[0]).abs().max().item<float>() < 1e-5, $"example {row} changed with its batch");
        }
        var reversed = network.call(tensor(new long[] { 4, 1, 8, 0 }, [1, 4]));
        Assert.True(together[2].flip(0, 1).sub(reversed[0]).abs().max().item<float>() < 1e-5, "order of countries within an example");
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("bb")]
    public void Run_TwoEpochsOnTwentyExamples_TrainsAndEvaluates(string method)
    {
        var options = new GlobeTspOptions
        {
            Method = method,
            K = 5,
            TrainCount = 20,
            ValidationCount = 10,
            TestCount = 10,
            Training = new() { Epochs = 2, BatchSize = 5, LearningRate = 1e-3, NoiseMagnitude = 0.1, NoiseEpochs = 1 },
        };
        using var problem = GlobeTspExperiment.Build(options, SyntheticWorld());
        var result = new Trainer(options.Training).Run(problem);
        Assert.Equal(3, result.Epochs.Count);
        Assert.Equal(method == "bb" ? 40 : 20, result.Epochs[1].SolverCalls);
        Assert.All(result.Epochs.Skip(1), e => Assert.True(double.IsFinite(e.TrainLoss)));
        Assert.InRange(result.Best.Test[MetricNames.EntryAccuracy], 0, 1);
        Assert.Equal([false, true, false], result.Epochs.Select(e => e.NoiseOn));
    }
}
