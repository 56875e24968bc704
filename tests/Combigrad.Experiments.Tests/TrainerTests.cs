using Combigrad.Experiments.Demo;
using Combigrad.Experiments.Training;

namespace Combigrad.Experiments.Tests;

public sealed class TrainerTests
{
    private static TrainingResult Train(ShortestPathDemoOptions options, string? checkpoint = null)
    {
        using var problem = new ShortestPathDemoExperiment().Build(options);
        return new Trainer(options.Training, checkpoint).Run(problem);
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("bb")]
    [InlineData("imle")]
    [InlineData("dpo")]
    [InlineData("fy")]
    [InlineData("spo+")]
    [InlineData("gumbel")]
    public void Run_ResumedFromCheckpoint_ReproducesUninterruptedRunBitForBit(string method)
    {
        var directory = TestOptions.TemporaryDirectory();
        var full = TestOptions.Tiny(method, epochs: 4) with { Training = TestOptions.Tiny().Training with { Epochs = 4, GradientNoiseStd = 0.05, LabelFlipRate = 0.5 } };
        var uninterrupted = Train(full);

        var checkpoint = Path.Combine(directory, "run.ckpt");
        Train(full with { Training = full.Training with { Epochs = 2 } }, checkpoint);
        var resumed = Train(full, checkpoint);

        Assert.Equal(uninterrupted.Epochs.Count, resumed.Epochs.Count);
        for (var i = 0; i < uninterrupted.Epochs.Count; i++)
        {
            Assert.Equal(uninterrupted.Epochs[i].TrainLoss, resumed.Epochs[i].TrainLoss);
            Assert.Equal(uninterrupted.Epochs[i].Test, resumed.Epochs[i].Test);
            Assert.Equal(uninterrupted.Epochs[i].Validation, resumed.Epochs[i].Validation);
        }
        Assert.Equal(uninterrupted.BestEpoch, resumed.BestEpoch);
    }

    [Fact]
    public void Run_NoiseSchedule_NoiseOnlyInFirstEpochs()
    {
        var options = TestOptions.Tiny(epochs: 3) with { Training = TestOptions.Tiny().Training with { Epochs = 3, NoiseEpochs = 1 } };
        var result = Train(options);
        Assert.Equal([false, true, false, false], result.Epochs.Select(e => e.NoiseOn));
    }

    [Fact]
    public void Run_LearningRateMilestones_DropTheRate()
    {
        var options = TestOptions.Tiny(epochs: 3) with
        {
            Training = TestOptions.Tiny().Training with { Epochs = 3, LearningRate = 0.02, LearningRateMilestones = [3], LearningRateDecay = 0.1 },
        };
        var rates = Train(options).Epochs.Skip(1).Select(e => e.LearningRate).ToArray();
        Assert.Equal(0.02, rates[0], 12);
        Assert.Equal(0.02, rates[1], 12);
        Assert.Equal(0.002, rates[2], 12);
    }

    [Fact]
    public void Run_Patience_StopsEarlyAndReportsBestValidationEpoch()
    {
        var options = TestOptions.Tiny(epochs: 30) with { Training = TestOptions.Tiny().Training with { Epochs = 30, EarlyStoppingPatience = 2 } };
        var result = Train(options);
        Assert.True(result.StoppedEarly);
        Assert.Equal(result.BestEpoch + 2, result.Epochs[^1].Epoch);
        var best = result.Best.Validation[MetricNames.NormalizedRegret];
        Assert.All(result.Epochs.Skip(1), e => Assert.True(e.Validation[MetricNames.NormalizedRegret] >= best));
    }

    [Fact]
    public void Run_RecordsSolverTimeCallsAndCostNorm()
    {
        var result = Train(TestOptions.Tiny(epochs: 1));
        var epoch = result.Epochs[1];
        Assert.Equal(120, epoch.SolverCalls);
        Assert.True(epoch.SolverSeconds > 0 && epoch.SolverSeconds <= epoch.WallSeconds);
        Assert.True(epoch.TrainCostNorm > 0);
    }

    [Fact]
    public void Corrupt_SameSeed_SameFlipsAtExpectedRate()
    {
        using var targets = TorchSharp.torch.zeros(200, 10, 10);
        using var a = LabelCorruption.Corrupt(targets, rho: 1.0, k: 10, seed: 3);
        using var b = LabelCorruption.Corrupt(targets, rho: 1.0, k: 10, seed: 3);
        Assert.True(a.eq(b).all().item<bool>());
        var rate = a.mean().item<float>();
        Assert.InRange(rate, 0.09, 0.11);
    }
}
