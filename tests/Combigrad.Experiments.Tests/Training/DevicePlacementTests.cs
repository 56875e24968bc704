using Combigrad.Data.Warcraft;
using Combigrad.Experiments.Demo;
using Combigrad.Experiments.GlobeTsp;
using Combigrad.Experiments.GraphMatching;
using Combigrad.Experiments.L2x;
using Combigrad.Experiments.Retrieval;
using Combigrad.Experiments.Tests.Dvae;
using Combigrad.Experiments.Tests.GraphMatching;
using Combigrad.Experiments.Tests.L2x;
using Combigrad.Experiments.Tests.Retrieval;
using Combigrad.Experiments.Training;
using Combigrad.Experiments.Warcraft;
using Combigrad.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Tests.Training;

/// <summary>Tests that change TorchSharp's process-wide default device run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(DefaultDeviceCollection), DisableParallelization = true)]
public sealed class DefaultDeviceCollection;

/// <summary>
/// No tensor of training lands on an implicit device. Only the CPU backend is available here, so the test asks for
/// <c>training.device=cpu</c> and makes TorchSharp's default device the <c>meta</c> device (shapes without data):
/// a tensor created anywhere in a training step, the evaluation, a checkpoint save or resume without naming its device
/// lands on meta, and then either an operation mixing it with the CPU tensors throws, reading its value throws, or
/// the final checks find it (parameters, gradients, buffers, module outputs, data).
/// </summary>
[Collection(nameof(DefaultDeviceCollection))]
public sealed class DevicePlacementTests(WarcraftTilesFixture tiles) : IClassFixture<WarcraftTilesFixture>
{
    private static readonly Device Meta = new(DeviceType.META);

    public static TheoryData<string> DemoMethods => new(GradientMethods.Names);

    public static TheoryData<string> Experiments => ["globe-tsp", "warcraft", "dvae", "l2x", "retrieval", "graph-matching"];

    [Theory]
    [MemberData(nameof(DemoMethods))]
    public void Demo_DefaultDeviceIsMeta_TrainsResumesAndEvaluatesOnTheRequestedDevice(string method)
    {
        // Label corruption and gradient noise on, so that their tensors are made under the meta default too.
        var options = TestOptions.Tiny(method, epochs: 1) with { TrainCount = 48, ValidationCount = 16, TestCount = 16 };
        options = options with { Training = options.Training with { LabelFlipRate = 0.2, GradientNoiseStd = 0.1 } };
        TrainAndResumeOnCpu(options.Training, training => new ShortestPathDemoExperiment().Build(options with { Training = training }));
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Experiment_DefaultDeviceIsMeta_TrainsResumesAndEvaluatesOnTheRequestedDevice(string experiment)
    {
        switch (experiment)
        {
            case "globe-tsp":
                var globe = new GlobeTspOptions
                {
                    K = 5,
                    TrainCount = 10,
                    ValidationCount = 5,
                    TestCount = 5,
                    Training = new() { Epochs = 1, BatchSize = 5, LearningRate = 1e-3, NoiseMagnitude = 0.1 },
                };
                TrainAndResumeOnCpu(globe.Training, t => GlobeTspExperiment.Build(globe with { Training = t }, GlobeTspExperimentTests.SyntheticWorld()));
                break;
            case "warcraft":
                const int size = 8;
                var warcraft = new WarcraftOptions
                {
                    K = size,
                    TrainCount = 10,
                    ValidationCount = 5,
                    TestCount = 5,
                    DataSeed = 11,
                    Training = new() { Epochs = 1, BatchSize = 5, LearningRate = 5e-3, NoiseMagnitude = 0.2, Seed = 1 },
                };
                TrainAndResumeOnCpu(warcraft.Training, t => WarcraftExperiment.Build(warcraft with { Training = t }, tiles.Renderer,
                    WarcraftDataset.Generate(size, WarcraftSplit.Train, 11, 10), WarcraftDataset.Generate(size, WarcraftSplit.Validation, 11, 5),
                    WarcraftDataset.Generate(size, WarcraftSplit.Test, 11, 5)));
                break;
            case "dvae":
                var dvae = DvaeTestData.Tiny("imle", epochs: 1);
                TrainAndResumeOnCpu(dvae.Training, t => DvaeTestData.Build(dvae with { Training = t }));
                break;
            case "l2x":
                var l2x = L2xTestData.Tiny("l2x", epochs: 1);
                TrainAndResumeOnCpu(l2x.Training, t => L2xExperiment.Build(l2x with { Training = t }, L2xTestData.Corpus()));
                break;
            case "retrieval":
                var retrieval = RetrievalExperimentTests.Tiny(ClassSplit.Disjoint);
                TrainAndResumeOnCpu(retrieval.Training, t => RetrievalExperiment.Build(retrieval with { Training = t },
                    RetrievalExperimentTests.Images(60, 1), RetrievalExperimentTests.Images(20, 2), RetrievalExperimentTests.Images(20, 3)));
                break;
            case "graph-matching":
                var matching = TinyKeypointData.Options("bb", train: 4);
                TrainAndResumeOnCpu(matching.Training with { Epochs = 1 },
                    t => GraphMatchingExperiment.Build(matching with { Training = t }, TinyKeypointData.Image, TinyKeypointData.Side));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(experiment), experiment, "no tiny configuration");
        }
    }

    [Fact]
    public void Trainer_ProblemOnAnotherDevice_ThrowsNamingTheDeviceOption()
    {
        var options = TestOptions.Tiny(epochs: 1);
        using var problem = new ShortestPathDemoExperiment().Build(options);
        using (var data = problem.Train.Inputs.to(Meta))
        using (var onMeta = new LabeledSplit(data, problem.Train.Targets.alias()))
        {
            var moved = new TrainingProblem
            {
                Backbone = problem.Backbone,
                Layer = problem.Layer,
                Solver = problem.Solver,
                Loss = problem.Loss,
                Train = onMeta,
                Validation = problem.Validation,
                Test = problem.Test,
            };
            var error = Assert.Throws<ArgumentException>(() => new Trainer(options.Training).Run(moved));
            Assert.Contains("'training.device' is 'cpu'", error.Message);
            Assert.Contains("train inputs is on meta", error.Message);
        }
    }

    [Fact]
    public void LoadModel_ModuleOnAnotherDevice_LoadsOntoThatDevice()
    {
        var options = TestOptions.Tiny(epochs: 1);
        var checkpoint = Path.Combine(TestOptions.TemporaryDirectory(), "run.ckpt");
        using (var trained = new ShortestPathDemoExperiment().Build(options))
            new Trainer(options.Training, checkpoint).Run(trained);
        using var problem = new ShortestPathDemoExperiment().Build(options);
        var onMeta = problem.Backbone.to(Meta);

        var history = Trainer.LoadModel(checkpoint, onMeta);

        Assert.Equal(1, history[^1].Epoch);
        Assert.All(onMeta.parameters(), p => Assert.Equal(DeviceType.META, p.device_type));
    }

    /// <summary>Builds the problem for <c>training.device=cpu</c> (the build itself runs with the CPU default, as modules
    /// are initialised there before the experiment moves them), then under the meta default: trains one epoch with a
    /// checkpoint, resumes from it for a second epoch in a new trainer, and checks every tensor it can reach.</summary>
    private static void TrainAndResumeOnCpu(TrainerOptions training, Func<TrainerOptions, TrainingProblem> build)
    {
        var options = training with { Device = "cpu", Epochs = 1 };
        using var problem = build(options);
        var checkpoint = Path.Combine(TestOptions.TemporaryDirectory(), "run.ckpt");
        var outputs = new HashSet<string>();
        var hooks = Modules(problem).OfType<nn.Module<Tensor, Tensor>>()
            .Select(m => m.register_forward_hook((_, _, output) =>
            {
                lock (outputs) outputs.Add(output.device.ToString());
                return output;
            }))
            .ToList();
        TrainingResult resumed;
        using (new DefaultDevice(Meta))
        {
            Assert.Equal(DeviceType.META, empty(1).device_type); // the trick is in force
            new Trainer(options, checkpoint).Run(problem);
            resumed = new Trainer(options with { Epochs = 2 }, checkpoint).Run(problem);
        }
        foreach (var hook in hooks) hook.remove();

        Assert.Equal([0, 1, 2], resumed.Epochs.Select(e => e.Epoch));
        Assert.All(resumed.Epochs.Skip(1), e => Assert.True(double.IsFinite(e.TrainLoss), $"epoch {e.Epoch} loss {e.TrainLoss}"));
        Assert.Equal(["cpu"], outputs);
        foreach (var module in Modules(problem))
        {
            foreach (var (name, parameter) in module.named_parameters(recurse: false))
            {
                Assert.True(parameter.device_type == DeviceType.CPU, $"parameter {name} is on {parameter.device}");
                if (parameter.grad is { } grad) Assert.True(grad.device_type == DeviceType.CPU, $"gradient of {name} is on {grad.device}");
            }
            foreach (var (name, buffer) in module.named_buffers(recurse: false))
                Assert.True(buffer.device_type == DeviceType.CPU, $"buffer {name} is on {buffer.device}");
        }
        foreach (var split in new[] { problem.Train, problem.Validation, problem.Test })
            Assert.All(new[] { split.Inputs, split.Targets, split.TrueCosts }.OfType<Tensor>(), t => Assert.Equal(DeviceType.CPU, t.device_type));
    }

    private static IEnumerable<nn.Module> Modules(TrainingProblem problem) =>
        problem.Head is null ? problem.Backbone.modules() : problem.Backbone.modules().Concat(problem.Head.modules());

    /// <summary>Sets TorchSharp's process-wide default device for its lifetime (hence the non-parallel collection).</summary>
    private sealed class DefaultDevice : IDisposable
    {
        private readonly Device _previous = get_default_device();

        public DefaultDevice(Device device) => set_default_device(device);

        public void Dispose() => set_default_device(_previous);
    }
}
