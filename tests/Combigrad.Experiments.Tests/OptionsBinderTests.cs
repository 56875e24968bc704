using System.Text.Json;
using System.Text.Json.Nodes;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Demo;
using Combigrad.Experiments.Options;

namespace Combigrad.Experiments.Tests;

public sealed class OptionsBinderTests
{
    private static readonly IExperiment Experiment = ExperimentCatalog.Get("shortest-path-demo");

    [Fact]
    public void Serialize_ThenBind_RoundTripsEveryOption()
    {
        var options = TestOptions.Tiny("bb") with { GridSize = 7, Training = TestOptions.Tiny().Training with { LearningRateMilestones = [3, 5], NoiseEpochs = 2 } };
        var json = OptionsBinder.Serialize(Experiment, options);
        var bound = (ShortestPathDemoOptions)OptionsBinder.Bind(Experiment, JsonNode.Parse(json)!.AsObject(), []);
        Assert.Equal(json, OptionsBinder.Serialize(Experiment, bound));
        Assert.Equal(7, bound.GridSize);
        Assert.Equal([3, 5], bound.Training.LearningRateMilestones);
    }

    [Fact]
    public void Bind_SetOverrides_AreApplied()
    {
        var bound = (ShortestPathDemoOptions)OptionsBinder.Bind(Experiment, null, ["method=bb", "training.epochs=4", "training.noiseEpochs=2", "projection=sphere"]);
        Assert.Equal("bb", bound.Method);
        Assert.Equal(4, bound.Training.Epochs);
        Assert.Equal(2, bound.Training.NoiseEpochs);
        Assert.Equal("sphere", bound.Projection);
    }

    [Theory]
    [InlineData("training.epoch=3", "training.epoch")]
    [InlineData("nosuch=1", "nosuch")]
    [InlineData("training.epochs.x=1", "training.epochs.x")]
    public void Bind_UnknownKey_OneLineErrorNamingTheKey(string assignment, string key)
    {
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.Bind(Experiment, null, [assignment]));
        Assert.Contains($"'{key}'", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("training.epochs=many", "training.epochs")]
    [InlineData("training.epochs=0", "training.epochs")]
    [InlineData("gridSize=-3", "gridSize")]
    [InlineData("method=magic", "method")]
    [InlineData("training.learningRate=\"fast\"", "training.learningRate")]
    public void Bind_BadValue_OneLineErrorNamingTheKey(string assignment, string key)
    {
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.Bind(Experiment, null, [assignment]));
        Assert.Contains($"'{key}'", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Bind_NoEqualsSign_ExplainsTheSyntax()
    {
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.Bind(Experiment, null, ["training.epochs"]));
        Assert.Contains("key=value", error.Message);
    }

    [Fact]
    public void Bind_UnknownKeyInPreset_IsRejected()
    {
        var preset = new JsonObject { ["training"] = new JsonObject { ["epochz"] = 3 } };
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.Bind(Experiment, preset, []));
        Assert.Contains("'training.epochz'", error.Message);
    }

    [Fact]
    public void EveryPresetInConfigs_BindsAndPlans()
    {
        var configs = Path.Combine(RepositoryRoot(), "configs");
        var files = Directory.GetFiles(configs, "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var preset = Sweeps.Preset.Load(file);
            foreach (var point in Sweeps.SweepPlan.Points(preset)) Sweeps.SweepPlan.Bind(preset, point);
        }
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Combigrad.slnx"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void Json_Options_AreCamelCase()
    {
        var json = OptionsBinder.Serialize(Experiment, new ShortestPathDemoOptions());
        using var document = JsonDocument.Parse(json);
        Assert.True(document.RootElement.TryGetProperty("training", out var training));
        Assert.True(training.TryGetProperty("learningRate", out _));
    }
}
