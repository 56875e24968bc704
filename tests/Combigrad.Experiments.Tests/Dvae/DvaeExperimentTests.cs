using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Dvae;
using Combigrad.Experiments.Options;
using Combigrad.Experiments.Reports;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Sweeps;
using Combigrad.Experiments.Training;

namespace Combigrad.Experiments.Tests.Dvae;

public sealed class DvaeExperimentTests
{
    [Theory]
    [MemberData(nameof(DvaeSamplerTests.Methods), MemberType = typeof(DvaeSamplerTests))]
    public void Run_ResumedFromCheckpoint_ReproducesUninterruptedRunBitForBit(string method)
    {
        var checkpoint = Path.Combine(TestOptions.TemporaryDirectory(), "dvae.ckpt");
        var full = DvaeTestData.Tiny(method, epochs: 2);
        TrainingResult Train(DvaeOptions options, string? path = null)
        {
            using var problem = DvaeTestData.Build(options);
            return new Trainer(options.Training, path).Run(problem);
        }

        var uninterrupted = Train(full);
        Train(full with { Training = full.Training with { Epochs = 1 } }, checkpoint);
        var resumed = Train(full, checkpoint);

        Assert.Equal(uninterrupted.Epochs.Select(e => e.TrainLoss), resumed.Epochs.Select(e => e.TrainLoss));
        Assert.Equal(uninterrupted.Epochs.Select(e => e.Test[MetricNames.Loss]), resumed.Epochs.Select(e => e.Test[MetricNames.Loss]));
    }

    [Fact]
    public void Evaluate_SameSeed_SameSampledNegativeElbo()
    {
        using var problem = DvaeTestData.Build(DvaeTestData.Tiny("identity"));

        var first = SplitEvaluator.Evaluate(problem, problem.Test, 7, samplingSeed: 42)[MetricNames.Loss];
        var again = SplitEvaluator.Evaluate(problem, problem.Test, 7, samplingSeed: 42)[MetricNames.Loss];
        var other = SplitEvaluator.Evaluate(problem, problem.Test, 7, samplingSeed: 43)[MetricNames.Loss];

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData("method=bb", "'method'")]
    [InlineData("k=20", "'k'")]
    [InlineData("trainCount=50001", "'trainCount'")]
    [InlineData("training.noiseMagnitude=0.2", "'training.noiseMagnitude'")]
    [InlineData("dataset=cifar", "'dataset'")]
    public void Bind_OutOfRange_OneLineErrorNamingTheKey(string assignment, string key)
    {
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.Bind(new DvaeExperiment(), null, [assignment]));
        Assert.Contains(key, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>The real experiment code end to end on a small subset of the real MNIST files (fetched on first use,
    /// ~11 MB): the Fig. 5 preset, two epochs per method, recorded and reported.</summary>
    [Fact]
    public void Fig5Preset_TwoEpochsOnMnistSubset_RecordsAndReportsTestNegativeElboCurvePerMethod()
    {
        var directory = TestOptions.TemporaryDirectory();
        var preset = Preset.Load(Path.Combine(OptionsBinderTests.RepositoryRoot(), "configs", "dvae-fig5.json"));
        string[] overrides = ["training.epochs=2", "trainCount=300", "validationCount=100", "testCount=100"];
        using var database = new ResultsDatabase(Path.Combine(directory, "r.db"));
        var runner = new ExperimentRunner(database);
        foreach (var point in SweepPlan.Points(preset, seeds: 1))
        {
            var outcome = runner.Run(ExperimentCatalog.Get(preset.Experiment), SweepPlan.Bind(preset, point, overrides), resume: false);
            var epochs = outcome.Result!.Epochs;
            Assert.True(epochs[2].Test[MetricNames.Loss] < epochs[0].Test[MetricNames.Loss], $"{point.Label}: test N-ELBO went down");
        }

        var data = ReportData.Collect(preset, database, overrides, seeds: 1);
        var written = ReportWriter.Write(data, Path.Combine(directory, "report"));

        var (title, label, curves) = data.Figures[0];
        Assert.Equal("test N-ELBO", label);
        Assert.Equal(["method=identity", "method=imle", "method=ste", "method=gumbel"], curves.Select(c => c.Label));
        Assert.All(curves, c => Assert.Equal([0.0, 1, 2], c.Epochs));
        Assert.All(data.Rows, r => Assert.Single(r.Values));
        Assert.True(File.Exists(written.Figures[0]));
        Assert.Contains("prints no numbers", File.ReadAllText(written.Markdown));
    }
}
