using Combigrad.Experiments.Dvae;
using Combigrad.Experiments.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Tests.Dvae;

public sealed class DvaeSamplerTests
{
    public static TheoryData<string> Methods => [.. DvaeOptions.SamplerMethods];

    /// <summary>1 on the k largest logits of each block (the noiseless mode), 0 elsewhere.</summary>
    private static Tensor TopKIndicator(Tensor logits, int k)
    {
        var (values, indexes) = logits.topk(k, -1);
        return zeros_like(logits).scatter(-1, indexes, ones_like(values));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Layer_TrainingMode_DrawsKHotSamplesThatAreNotAlwaysTheMode(string method)
    {
        var options = DvaeTestData.Tiny(method);
        using var problem = DvaeTestData.Build(options);
        using var logits = randn([8, options.LatentBlocks, options.Categories], generator: new Generator(11));
        problem.Layer.train();

        using var noGrad = no_grad();
        using var sample = problem.Layer.call(logits);
        problem.Layer.eval();
        using var mode = problem.Layer.call(logits);

        Assert.Equal(logits.shape, sample.shape);
        Assert.True(sample.eq(0).logical_or(sample.eq(1)).all().item<bool>(), "entries are 0 or 1");
        Assert.True(sample.sum(-1).eq(options.K).all().item<bool>(), "exactly k ones per block");
        using var topK = TopKIndicator(logits, options.K);
        Assert.True(mode.eq(topK).all().item<bool>(), "evaluation mode returns the top-k of the logits");
        Assert.False(sample.eq(mode).all().item<bool>(), "training mode samples (perturbed top-k), it does not take the mode");
    }

    /// <summary>Passes its input on and keeps a copy of the first one (the solver layer's first training sample).</summary>
    private sealed class FirstInputRecorder : nn.Module<Tensor, Tensor>
    {
        public FirstInputRecorder() : base(nameof(FirstInputRecorder)) { }

        public Tensor? First { get; private set; }

        public override Tensor forward(Tensor input)
        {
            First ??= input.detach().clone().DetachFromDisposeScope();
            return input.alias();
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Trainer_Sampler_TrainsOnPerturbedKHotSamplesNotOnTheMode(string method)
    {
        // One image, one batch: the first input of the head is the training sample drawn from the initial logits.
        var options = DvaeTestData.Tiny(method, epochs: 1) with { TrainCount = 1, Training = DvaeTestData.Tiny(method).Training with { Epochs = 1, BatchSize = 1 } };
        using var built = DvaeTestData.Build(options);
        var recorder = new FirstInputRecorder();
        using var problem = new TrainingProblem
        {
            Backbone = built.Backbone,
            Head = nn.Sequential(("record", recorder), ("decoder", built.Head!)),
            Layer = built.Layer,
            Solver = built.Solver,
            Method = built.Method,
            Loss = built.Loss,
            CostPenalty = built.CostPenalty,
            IsSampler = built.IsSampler,
            Train = built.Train,
            Validation = built.Validation,
            Test = built.Test,
        };
        Tensor initialLogits;
        using (no_grad()) initialLogits = problem.Backbone.call(problem.Train.Inputs);
        using var mode = TopKIndicator(initialLogits, options.K);

        new Trainer(options.Training).Run(problem);

        var sample = recorder.First!;
        Assert.True(sample.sum(-1).eq(options.K).all().item<bool>(), "exactly k ones per block");
        Assert.False(sample.eq(mode).all().item<bool>(), "the trainer must keep the sampler's noise on");
    }
}
