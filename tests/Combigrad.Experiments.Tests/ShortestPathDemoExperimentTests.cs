using Combigrad.Experiments.Demo;
using Combigrad.Experiments.Training;

namespace Combigrad.Experiments.Tests;

public sealed class ShortestPathDemoExperimentTests
{
    private static readonly ShortestPathDemoOptions Small = new()
    {
        TrainCount = 300,
        ValidationCount = 100,
        TestCount = 200,
        DataSeed = 7,
        Training = new() { Epochs = 5, BatchSize = 32, LearningRate = 0.01, Seed = 7 },
    };

    private static TrainingResult Train(ShortestPathDemoOptions options)
    {
        using var problem = new ShortestPathDemoExperiment().Build(options);
        return new Trainer(options.Training).Run(problem);
    }

    [Fact]
    public void Run_Identity_HalvesTestRegretOfUntrainedModel()
    {
        var result = Train(Small);
        var untrained = result.Initial.Test[MetricNames.NormalizedRegret];
        var trained = result.Best.Test[MetricNames.NormalizedRegret];
        Assert.True(trained <= untrained / 2, $"regret went from {untrained:F4} to {trained:F4}");
        Assert.True(result.Best.Test[MetricNames.ExactMatch] > result.Initial.Test[MetricNames.ExactMatch]);
    }

    [Fact]
    public void Run_Blackbox_CallsSolverTwicePerTrainingInstance()
    {
        var identity = Train(Small with { Training = Small.Training with { Epochs = 1 } });
        var blackbox = Train(Small with { Method = "bb", Training = Small.Training with { Epochs = 1 } });
        Assert.Equal(Small.TrainCount, identity.Epochs[1].SolverCalls);
        Assert.Equal(2 * Small.TrainCount, blackbox.Epochs[1].SolverCalls);
    }

    [Fact]
    public void Run_SameSeedTwice_SameHistory()
    {
        var options = Small with { Training = Small.Training with { Epochs = 2 } };
        var a = Train(options);
        var b = Train(options);
        Assert.Equal(a.Epochs.Select(e => e.TrainLoss), b.Epochs.Select(e => e.TrainLoss));
        Assert.Equal(a.Best.Test, b.Best.Test);
    }

    [Fact]
    public void Validate_ZeroEpochs_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => (Small with { Training = Small.Training with { Epochs = 0 } }).Validate());
        Assert.Contains("training.epochs", error.Message);
    }
}
