using Combigrad.Data.Mnist;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Options;
using Combigrad.Experiments.Reports;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Retrieval;
using Combigrad.Experiments.Sweeps;
using Combigrad.Experiments.Training;
using Combigrad.Layers;

namespace Combigrad.Experiments.Tests.Retrieval;

public sealed class RetrievalExperimentTests
{
    private static readonly string[] RecallMetrics = RecallAtK.TableLevels.Select(MetricNames.RecallAt).ToArray();

    /// <summary>Seeded blobs whose position depends on the class, so that classes are separable.</summary>
    internal static MnistImages Images(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[count * MnistImages.PixelCount];
        var labels = new byte[count];
        for (var n = 0; n < count; n++)
        {
            labels[n] = (byte)(n % 10);
            var (row, column) = (4 + 2 * labels[n] + random.Next(2), 4 + random.Next(20));
            for (var r = -2; r <= 2; r++)
                for (var c = -2; c <= 2; c++)
                    pixels[n * MnistImages.PixelCount + (row + r) * MnistImages.Side + column + c] = (float)random.NextDouble();
        }
        return new MnistImages(pixels, labels);
    }

    internal static RetrievalOptions Tiny(string classSplit) => new()
    {
        ClassSplit = classSplit,
        ClassesPerBatch = 3,
        ExamplesPerClass = 4,
        Training = new TrainerOptions { Epochs = 1, BatchSize = 32, LearningRate = 1e-3, Seed = 2 },
    };

    [Fact]
    public void Build_Disjoint_TrainsAndValidatesOnClasses0To4AndTestsOn5To9()
    {
        using var problem = RetrievalExperiment.Build(Tiny(ClassSplit.Disjoint), Images(100, 1), Images(40, 2), Images(40, 3));

        Assert.True(problem.Train.Targets.lt(5).all().item<bool>());
        Assert.True(problem.Validation.Targets.lt(5).all().item<bool>());
        Assert.True(problem.Test.Targets.ge(5).all().item<bool>());
        Assert.Equal(50, problem.Train.Count);
        Assert.Equal(20, problem.Test.Count);
    }

    [Theory]
    [InlineData(null, 0.05 * 11)]
    [InlineData(2.0, 2.0 * 11)]
    public void Build_Bb_LambdaIsInNormalisedRankUnits_TheLayerPerturbsWithNTimesIt(double? methodLambda, double expected)
    {
        // 3 classes x 4 examples: every query ranks the other 11 batch elements.
        var options = Tiny(ClassSplit.All) with { Method = "bb", BlackboxLambda = 0.05, MethodOptions = new() { Lambda = methodLambda } };
        using var problem = RetrievalExperiment.Build(options, Images(120, 1), Images(40, 2), Images(40, 3));

        var blackbox = Assert.IsType<BlackboxMethod>(problem.Method!.LayerMethod);
        Assert.Equal(expected, blackbox.InterpolationStrength, 12);
    }

    [Fact]
    public void Run_OneEpochOnSyntheticImages_RanksEveryQueryOfEveryBatchAndRecordsOrderedRecalls()
    {
        var options = Tiny(ClassSplit.All);
        using var problem = RetrievalExperiment.Build(options, Images(120, 1), Images(40, 2), Images(40, 3));

        var result = new Trainer(options.Training).Run(problem);

        var epoch = result.Epochs[1];
        var batches = problem.TrainBatches!.Batches(options.Training.Seed, 1).Count;
        Assert.Equal((long)batches * 12, epoch.SolverCalls);
        Assert.True(double.IsFinite(epoch.TrainLoss) && epoch.TrainLoss > 0);
        var recalls = RecallMetrics.Select(m => epoch.Test[m]).ToArray();
        Assert.All(recalls, r => Assert.InRange(r, 0, 1));
        Assert.Equal(recalls.Order(), recalls);
    }

    [Theory]
    [InlineData("method=ste", "'method'")]
    [InlineData("classSplit=half", "'classSplit'")]
    [InlineData("classSplit=disjoint", "'classesPerBatch'")] // the default 5 classes per batch fit; 6 do not
    [InlineData("examplesPerClass=1", "'examplesPerClass'")]
    [InlineData("testCount=10001", "'testCount'")]
    public void Bind_OutOfRange_OneLineErrorNamingTheKey(string assignment, string key)
    {
        string[] overrides = assignment.StartsWith("classSplit=disjoint", StringComparison.Ordinal) ? [assignment, "classesPerBatch=6"] : [assignment];
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.Bind(new RetrievalExperiment(), null, overrides));
        Assert.Contains(key, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>The real experiment code end to end on a small subset of the real MNIST files (fetched on first use,
    /// ~11 MB): the Table 4 preset, two epochs per method on the two rows without noise, recorded and reported with recall@1, 2, 4, 8.</summary>
    [Fact]
    public void Table4Preset_TwoEpochsOnMnistSubset_RecordsRecallsAndReportsRowsBesideThePaper()
    {
        var directory = TestOptions.TemporaryDirectory();
        var preset = Preset.Load(Path.Combine(OptionsBinderTests.RepositoryRoot(), "configs", "retrieval-table4.json"));
        string[] overrides = ["dataset=mnist", "training.epochs=2", "trainCount=200", "validationCount=60", "testCount=100", "examplesPerClass=4"];
        using var database = new ResultsDatabase(Path.Combine(directory, "r.db"));
        var runner = new ExperimentRunner(database);
        var points = SweepPlan.Points(preset, seeds: 1).ToArray();
        // The rows without margin noise (P none and P_sphere o P_plane), for both methods: four runs keep the test short.
        var noiseless = points.Where(p => p.GridValues.Single(v => v.Key == "training.noiseMagnitude").Value == "0").ToArray();
        Assert.Equal(4, noiseless.Length);
        foreach (var point in noiseless)
        {
            var outcome = runner.Run(ExperimentCatalog.Get(preset.Experiment), SweepPlan.Bind(preset, point, overrides), resume: false);
            var epochs = outcome.Result!.Epochs;
            Assert.Equal(3, epochs.Count);
            Assert.All(epochs.Skip(1), e => Assert.True(double.IsFinite(e.TrainLoss), $"{point.Label}: finite training loss"));
            Assert.All(RecallMetrics, m => Assert.InRange(epochs[2].Test[m], 0.0, 1.0));
        }

        var data = ReportData.Collect(preset, database, overrides, seeds: 1);
        var written = ReportWriter.Write(data, Path.Combine(directory, "report"));

        Assert.Equal(8, points.Length);
        Assert.Equal(8, data.Rows.Count);
        Assert.Equal(4, data.Rows.Count(r => r.Values.Count == 1));
        Assert.Equal(4, data.Rows.Count(r => r.Values.Count == 0));
        var markdown = File.ReadAllText(written.Markdown);
        Assert.Contains("64.70 ± 0.27", markdown);
        Assert.Contains("CUB-200-2011", markdown);
    }
}
