using Combigrad.Experiments.Demo;

namespace Combigrad.Experiments.Tests;

/// <summary>Tiny shortest-path configurations that train in about a second.</summary>
internal static class TestOptions
{
    public static ShortestPathDemoOptions Tiny(string method = "identity", int epochs = 3) => new()
    {
        Method = method,
        TrainCount = 120,
        ValidationCount = 40,
        TestCount = 60,
        Training = new() { Epochs = epochs, BatchSize = 16, LearningRate = 0.02, NoiseMagnitude = 0.1, Seed = 5 },
    };

    public static string TemporaryDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "combigrad-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
