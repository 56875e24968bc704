using Combigrad.Data.Reviews;
using Combigrad.Experiments.L2x;
using Combigrad.Experiments.Options;
using Combigrad.Experiments.Sweeps;
using Combigrad.Experiments.Training;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Tests.L2x;

public sealed class L2xExperimentTests
{
    public static TheoryData<string> Methods => new(L2xOptions.Methods);

    private static float[] Solve(ISolver solver, float[] costs)
    {
        var solution = new float[solver.Dimension];
        solver.Solve(costs, solution);
        return solution;
    }

    /// <summary>The explainer's scores of the test reviews and their padding indicator.</summary>
    private static (Tensor Scores, Tensor Padding) TestScores(TrainingProblem problem)
    {
        problem.Backbone.eval();
        var tokens = problem.Test.Inputs;
        return (problem.Backbone.call(tokens).detach(), tokens.eq(ReviewVocabulary.PaddingId).to(ScalarType.Float32));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Layer_Evaluation_HardTopKWithExactlyKOnesNeverOnPadding(string method)
    {
        using var scope = NewDisposeScope();
        var options = L2xTestData.Tiny(method);
        using var problem = L2xExperiment.Build(options, L2xTestData.Corpus());
        var (scores, padding) = TestScores(problem);
        Assert.True(padding.sum().item<float>() > 0, "the tiny reviews are padded");

        problem.Layer.eval();
        var mask = problem.Layer.call(scores);

        Assert.All(mask.sum(1).data<float>().ToArray(), s => Assert.Equal(options.K, s));
        Assert.Equal(0f, (mask * padding).sum().item<float>());
        var topK = new TopKSolver((int)scores.shape[1], options.K);
        var expected = (-scores).data<float>().ToArray().Chunk((int)scores.shape[1]).SelectMany(row => Solve(topK, row));
        Assert.Equal(expected, mask.data<float>().ToArray());
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("imle")]
    public void Layer_TrainingSample_KHotNeverOnPadding(string method)
    {
        using var scope = NewDisposeScope();
        var options = L2xTestData.Tiny(method);
        using var problem = L2xExperiment.Build(options, L2xTestData.Corpus());
        var (scores, padding) = TestScores(problem);

        problem.Layer.train();
        problem.Layer.NoiseEnabled = true;
        problem.Layer.Reseed(11);
        var mask = problem.Layer.call(scores);

        Assert.All(mask.sum(1).data<float>().ToArray(), s => Assert.Equal(options.K, s));
        Assert.All(mask.data<float>().ToArray(), v => Assert.True(v is 0f or 1f));
        Assert.Equal(0f, (mask * padding).sum().item<float>());
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Train_TwoEpochsOnTinyCorpus_FiniteMseAndPrecisionsInUnitInterval(string method)
    {
        var options = L2xTestData.Tiny(method);
        using var problem = L2xExperiment.Build(options, L2xTestData.Corpus());

        var result = new Trainer(options.Training).Run(problem);

        Assert.Equal(3, result.Epochs.Count);
        foreach (var epoch in result.Epochs)
        {
            Assert.True(double.IsFinite(epoch.Test[MetricNames.Loss]) && epoch.Test[MetricNames.Loss] < 1, $"{method}: test MSE {epoch.Test[MetricNames.Loss]}");
            Assert.InRange(epoch.Test[RatingTargets.Precision], 0, 1);
            Assert.InRange(epoch.Test[RatingTargets.AspectPrecision], epoch.Test[RatingTargets.Precision], 1);
        }
        Assert.True(result.Epochs[^1].TrainLoss < result.Epochs[1].TrainLoss * 1.5, $"{method}: training loss does not blow up");
    }

    [Fact]
    public void Train_SameSeed_SameResult()
    {
        double[] Run()
        {
            var options = L2xTestData.Tiny("identity");
            using var problem = L2xExperiment.Build(options, L2xTestData.Corpus());
            return new Trainer(options.Training).Run(problem).Epochs.Select(e => e.Test[MetricNames.Loss]).ToArray();
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Metrics_HandMadeMasks_PrecisionsCountRationaleAndAspectTokens()
    {
        using var scope = NewDisposeScope();
        // One review of length 5: labels Other, Rationale, TargetAspect, Rationale, Other (rating 0.7 first).
        var targets = tensor(new float[] { 0.7f, 0, 2, 1, 2, 0 }, [1, 6]);
        var mask = tensor(new float[] { 1, 1, 1, 0, 0 }, [1, 5]);

        var metrics = RatingTargets.Metrics(mask, targets);

        Assert.Equal(1 / 3.0, metrics[RatingTargets.Precision], 12);
        Assert.Equal(2 / 3.0, metrics[RatingTargets.AspectPrecision], 12);
        Assert.Equal(0.04, RatingTargets.Loss(tensor(new[] { 0.5f }), targets).item<float>(), 6);
    }

    [Fact]
    public void PaddingAwareProjection_RealEntriesCentredOnUnitSphere_PaddingAboveAll_TopKUnchanged()
    {
        using var scope = NewDisposeScope();
        var random = new Random(3);
        const int n = 10;
        var values = Enumerable.Range(0, 4 * n).Select(i => i % n >= 7 ? 1e4f + (float)random.NextDouble() : (float)(random.NextDouble() * 6 - 3)).ToArray();
        var costs = tensor(values, [4, n]);

        var projected = new PaddingAwareProjection().Apply(costs);

        var real = projected.narrow(1, 0, 7);
        Assert.All(real.sum(1).data<float>().ToArray(), s => Assert.Equal(0, s, 5));
        Assert.All(real.square().sum(1).data<float>().ToArray(), s => Assert.Equal(1, s, 5));
        Assert.All(projected.narrow(1, 7, 3).data<float>().ToArray(), v => Assert.Equal(PaddingAwareProjection.PaddingCost, v));
        var topK = new TopKSolver(n, 5);
        foreach (var (row, projectedRow) in values.Chunk(n).Zip(projected.data<float>().ToArray().Chunk(n)))
            Assert.Equal(Solve(topK, row), Solve(topK, projectedRow));
    }

    [Theory]
    [InlineData("method=bb", "'method'")]
    [InlineData("k=19", "'k'")]
    [InlineData("methodOptions.lambda=5", "'methodOptions'")]
    [InlineData("training.noiseMagnitude=0.2", "'training.noiseMagnitude'")]
    public void Bind_OutOfRange_OneLineErrorNamingTheKey(string assignment, string key)
    {
        string[] assignments = key == "'methodOptions'" ? ["method=l2x", assignment] : [assignment];
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.Bind(new L2xExperiment(), null, assignments));
        Assert.Contains(key, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Table3Preset_FourMethodsTimesThreeK_WithThePapersValuesAndTheSubstitutionNote()
    {
        var preset = Preset.Load(Path.Combine(OptionsBinderTests.RepositoryRoot(), "configs", "l2x-table3.json"));

        var points = SweepPlan.Points(preset, seeds: 1).ToList();
        Assert.Equal(12, points.Count);
        foreach (var point in points) Assert.IsType<L2xOptions>(SweepPlan.Bind(preset, point, []));
        Assert.Equal(12, preset.Report.Paper.Count);
        Assert.Equal("2.62 ± 0.21", preset.Report.Paper.Single(p => p.Match["method"] == "identity" && p.Match["k"] == "10").Value);
        Assert.Equal("6.68 ± 1.08", preset.Report.Paper.Single(p => p.Match["method"] == "l2x" && p.Match["k"] == "10").Value);
        Assert.Equal(100, preset.Report.Scale);
        Assert.Contains("substitute", preset.Report.Note);
        Assert.Contains("NOT comparable", preset.Report.Note);
    }

    [Fact]
    public void PrecisionPreset_SameRunsAsTable3_ReportsPrecision()
    {
        var root = Path.Combine(OptionsBinderTests.RepositoryRoot(), "configs");
        var table = Preset.Load(Path.Combine(root, "l2x-table3.json"));
        var precision = Preset.Load(Path.Combine(root, "l2x-table3-precision.json"));

        static string Options(Preset p) => string.Join("\n", SweepPlan.Points(p).Select(point => System.Text.Json.JsonSerializer.Serialize(SweepPlan.Bind(p, point), typeof(L2xOptions))));
        Assert.Equal(Options(table), Options(precision));
        Assert.Equal(RatingTargets.Precision, precision.Report.Metric);
    }
}
