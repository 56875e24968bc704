using Combigrad.Data.Fetching;
using Combigrad.Data.Warcraft;
using Combigrad.Experiments.Training;
using Combigrad.Experiments.Warcraft;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Tests;

/// <summary>The freeciv tiles from the default data cache (fetched with apt-get download on first use).</summary>
public sealed class WarcraftTilesFixture
{
    public WarcraftTilesFixture()
    {
        var cache = new DataCache();
        WarcraftData.FetchTiles(cache);
        Renderer = new WarcraftMapRenderer(WarcraftData.LoadTileset(cache));
    }

    public WarcraftMapRenderer Renderer { get; }
}

public sealed class WarcraftExperimentTests(WarcraftTilesFixture tiles) : IClassFixture<WarcraftTilesFixture>
{
    private const int Size = 8;
    private const int DataSeed = 11;

    [Theory]
    [InlineData(12)]
    [InlineData(18)]
    public void Network_RenderedSizeImages_GiveKByKPositiveCosts(int k)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var network = new WarcraftCostNetwork(k, [0.4f, 0.5f, 0.3f], [0.2f, 0.2f, 0.25f]);
        var images = randint(0, 256, [2, 3, 8 * k, 8 * k], dtype: ScalarType.Byte);
        var costs = network.call(images);
        Assert.Equal([2L, k, k], costs.shape);
        Assert.True(costs.min().item<float>() > 0, "softplus costs are positive");
        Assert.True(costs.isfinite().all().item<bool>());
    }

    [Fact]
    public void Network_Parameters_AreResNet18FirstBlockWithStatisticsAsBuffers()
    {
        using var network = new WarcraftCostNetwork(12, [0.4f, 0.5f, 0.3f], [0.2f, 0.2f, 0.25f]);
        var state = network.state_dict();
        Assert.Equal([64L, 3, 7, 7], state["conv1.weight"].shape);
        Assert.Equal([64L, 64, 3, 3], state["layer1.1.conv2.weight"].shape);
        Assert.Contains("layer1.0.bn1.running_mean", state.Keys);
        Assert.Equal(0.5f, state["pixel_mean"].flatten()[1].item<float>());
        // conv1 7x7x3x64 + bn1 2x64 + two blocks of (2 convs 3x3x64x64 + 2 bns 2x64), no biases.
        Assert.Equal(64 * 3 * 49 + 128 + 2 * (2 * 64 * 64 * 9 + 2 * 128), network.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Network_BadChannelStatistics_ThrowArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new WarcraftCostNetwork(12, [0f, 0f], null));
        Assert.Throws<ArgumentException>(() => new WarcraftCostNetwork(12, null, [1f, 0f, 1f]));
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("bb")]
    public void Run_TwoEpochsOnTwentyMaps_TrainsEvaluatesAndPredictsFromItsCheckpoint(string method)
    {
        var options = new WarcraftOptions
        {
            Method = method,
            K = Size,
            TrainCount = 20,
            ValidationCount = 10,
            TestCount = 10,
            DataSeed = DataSeed,
            Training = new() { Epochs = 2, BatchSize = 10, LearningRate = 5e-3, NoiseMagnitude = 0.2, Seed = 1 },
        };
        var test = WarcraftDataset.Generate(Size, WarcraftSplit.Test, DataSeed, 10);
        using var problem = WarcraftExperiment.Build(options, tiles.Renderer,
            WarcraftDataset.Generate(Size, WarcraftSplit.Train, DataSeed, 20), WarcraftDataset.Generate(Size, WarcraftSplit.Validation, DataSeed, 10), test);
        var checkpoint = Path.Combine(TestOptions.TemporaryDirectory(), "run.ckpt");

        var result = new Trainer(options.Training, checkpoint).Run(problem);

        Assert.Equal(3, result.Epochs.Count);
        Assert.Equal(method == "bb" ? 40 : 20, result.Epochs[1].SolverCalls);
        Assert.All(result.Epochs.Skip(1), e => Assert.True(double.IsFinite(e.TrainLoss)));
        // The labels are optimal under the true costs, so no prediction can beat them.
        Assert.All(result.Epochs, e => Assert.True(e.Test[MetricNames.CostRatio] >= 1 - 1e-6, $"cost ratio {e.Test[MetricNames.CostRatio]}"));
        Assert.InRange(result.Best.Test[MetricNames.ExactMatch], 0, 1);

        var prediction = WarcraftPrediction.Predict(checkpoint, test, 3, tiles.Renderer);
        Assert.Equal(2, prediction.Epoch);
        Assert.True(prediction.Costs.All(c => c > 0));
        Assert.Equal(1f, prediction.Path[0]);
        Assert.Equal(1f, prediction.Path[^1]);
        using (no_grad())
        {
            problem.Backbone.eval();
            var costs = problem.Backbone.call(problem.Test.Inputs.narrow(0, 3, 1)).flatten().data<float>().ToArray();
            Assert.Equal(costs, prediction.Costs);
        }
    }

    [Fact]
    public void Build_SplitSmallerThanAskedFor_ThrowsArgumentException()
    {
        var options = new WarcraftOptions { K = Size, TrainCount = 30, ValidationCount = 5, TestCount = 5 };
        var small = WarcraftDataset.Generate(Size, WarcraftSplit.Train, DataSeed, 5);
        var error = Assert.Throws<ArgumentException>(() => WarcraftExperiment.Build(options, tiles.Renderer, small, small, small));
        Assert.Contains("30", error.Message);
    }

    [Fact]
    public void Options_Defaults_AreThePapers()
    {
        var o = new WarcraftOptions();
        Assert.Equal((50, 70, 5e-3), (o.Training.Epochs, o.Training.BatchSize, o.Training.LearningRate));
        Assert.Equal(5e-3, o.Training.LearningRateAt(30));
        Assert.Equal(5e-4, o.Training.LearningRateAt(31), 12);
        Assert.Equal((20.0, "none", 12), (o.BlackboxLambda, o.Projection, o.K));
        Assert.Equal((10_000, 1_000, 1_000), (o.TrainCount, o.ValidationCount, o.TestCount));
        Assert.Throws<ArgumentException>(() => (o with { K = 1 }).Validate());
    }

    [Fact]
    public void Predict_NotACheckpoint_ThrowsCheckpointFaultNamingTheFile()
    {
        var file = Path.Combine(TestOptions.TemporaryDirectory(), "junk.ckpt");
        File.WriteAllBytes(file, [1, 2, 3]);
        var test = WarcraftDataset.Generate(Size, WarcraftSplit.Test, DataSeed, 1);
        var fault = Assert.Throws<Combigrad.Experiments.Faults.FaultException>(() => WarcraftPrediction.Predict(file, test, 0, tiles.Renderer));
        Assert.Equal(Combigrad.Experiments.Faults.FaultKind.Checkpoint, fault.Kind);
        Assert.Contains(file, fault.Message);
    }
}
