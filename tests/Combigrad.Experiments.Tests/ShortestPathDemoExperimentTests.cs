using Combigrad.Experiments.Demo;
using Combigrad.Layers;

namespace Combigrad.Experiments.Tests;

public sealed class ShortestPathDemoExperimentTests
{
    private static readonly ShortestPathDemoOptions Small = new()
    {
        TrainCount = 300,
        TestCount = 200,
        Epochs = 5,
        Seed = 7,
    };

    [Fact]
    public void Run_Identity_HalvesTestRegretOfUntrainedModel()
    {
        using var experiment = new ShortestPathDemoExperiment(Small);
        var result = experiment.Run(new IdentityMethod());
        Assert.True(result.Trained.NormalizedRegret <= result.Untrained.NormalizedRegret / 2,
            $"regret went from {result.Untrained.NormalizedRegret:F4} to {result.Trained.NormalizedRegret:F4}");
        Assert.True(result.Trained.PathAccuracy > result.Untrained.PathAccuracy);
    }

    [Fact]
    public void Run_Blackbox_CallsSolverTwicePerTrainingInstance()
    {
        using var experiment = new ShortestPathDemoExperiment(Small with { Epochs = 1 });
        var identity = experiment.Run(new IdentityMethod());
        var blackbox = experiment.Run(new BlackboxMethod(20));
        Assert.Equal(Small.TrainCount, identity.SolverCalls);
        Assert.Equal(2 * Small.TrainCount, blackbox.SolverCalls);
    }

    [Fact]
    public void Run_SameSeedTwice_SameResult()
    {
        using var first = new ShortestPathDemoExperiment(Small with { Epochs = 2 });
        using var second = new ShortestPathDemoExperiment(Small with { Epochs = 2 });
        var a = first.Run(new IdentityMethod());
        var b = second.Run(new IdentityMethod());
        Assert.Equal(a.Trained, b.Trained);
        Assert.Equal(a.FinalTrainLoss, b.FinalTrainLoss);
    }

    [Fact]
    public void Constructor_ZeroEpochs_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ShortestPathDemoExperiment(Small with { Epochs = 0 }));
        Assert.Contains("Epochs", error.Message);
    }
}
