using Combigrad.Data.Mnist;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Methods;

namespace Combigrad.Experiments.Dvae;

/// <summary>
/// Options of the discrete VAE experiment (paper Sec. 4.3, Suppl. 6.4; the setup of Niepert et al. 2021). Defaults are
/// the paper's: 20 blocks of 20 categories with 10-hot samples, Sum-of-Gamma noise with s = 10 and tau = 10, 100 epochs,
/// MNIST 50,000 / 10,000 / 10,000; Adam 1e-3, batch 100 and I-MLE lambda = 10 as in Niepert et al.'s DVAE code.
/// </summary>
public sealed record DvaeOptions : IExperimentOptions
{
    /// <summary>The samplers this experiment compares (perturb-and-MAP top-k with each method's backward pass).</summary>
    public static readonly IReadOnlyList<string> SamplerMethods = ["identity", "imle", "ste", "gumbel"];

    /// <summary>The gradient method: identity (P_sphere o P_plane), imle, ste or gumbel (straight-through Gumbel-softmax).</summary>
    public string Method { get; init; } = "identity";

    /// <summary>Extra hyperparameters of the method (see <see cref="GradientMethodOptions"/>), e.g. gumbel's temperature;
    /// imle's lambda, noise, temperature, sog_k and sog_s default to <see cref="ImleLambda"/> and this record's noise.</summary>
    public GradientMethodOptions MethodOptions { get; init; } = new();

    /// <summary>lambda of I-MLE (Niepert et al.'s DVAE code: 10).</summary>
    public double ImleLambda { get; init; } = 10;

    /// <summary>The projection of identity: plane+sphere (paper Sec. 4.3). ste, imle and gumbel use none whatever is set.</summary>
    public string Projection { get; init; } = "plane+sphere";

    /// <summary>The image collection: mnist or fashion-mnist.</summary>
    public string Dataset { get; init; } = MnistData.MnistName;

    /// <summary>Latent blocks (paper: 20).</summary>
    public int LatentBlocks { get; init; } = 20;

    /// <summary>Categories per block (paper: 20).</summary>
    public int Categories { get; init; } = 20;

    /// <summary>k: ones per block in a sample (paper: 10).</summary>
    public int K { get; init; } = 10;

    /// <summary>tau of the Sum-of-Gamma noise (paper eq. 18: 10).</summary>
    public double NoiseTemperature { get; init; } = 10;

    /// <summary>s, the Gamma terms of the Sum-of-Gamma noise (paper eq. 18: 10).</summary>
    public int NoiseTerms { get; init; } = 10;

    /// <summary>Training images: the first ones of the 50,000 training split.</summary>
    public int TrainCount { get; init; } = MnistData.TrainCount;

    /// <summary>Validation images (of 10,000).</summary>
    public int ValidationCount { get; init; } = MnistData.ValidationCount;

    /// <summary>Test images (of 10,000).</summary>
    public int TestCount { get; init; } = MnistData.TestCount;

    /// <summary>The data cache folder; null uses the default (~/.cache/combigrad or $COMBIGRAD_DATA_DIR).</summary>
    public string? DataDirectory { get; init; }

    /// <inheritdoc />
    public TrainerOptions Training { get; init; } = new() { Epochs = 100, BatchSize = 100, LearningRate = 1e-3 };

    /// <inheritdoc />
    public void Validate()
    {
        OptionGuard.Require(SamplerMethods.Contains(Method), "method", Method, $"one of {string.Join(", ", SamplerMethods)} (the samplers compared in Fig. 5)");
        OptionGuard.Require(ImleLambda > 0 && double.IsFinite(ImleLambda), "imleLambda", ImleLambda, "> 0");
        MethodSelection.Validate(Method, MethodOptions, ImleLambda, Projection);
        OptionGuard.Require(MnistData.MnistName == Dataset || MnistData.FashionMnistName == Dataset, "dataset", Dataset,
            $"{MnistData.MnistName} or {MnistData.FashionMnistName}");
        OptionGuard.Require(LatentBlocks >= 1, "latentBlocks", LatentBlocks, ">= 1");
        OptionGuard.Require(Categories >= 2, "categories", Categories, ">= 2");
        OptionGuard.Require(K >= 1 && K < Categories, "k", K, $"in 1..{Categories - 1} (categories - 1)");
        OptionGuard.Require(NoiseTemperature > 0 && double.IsFinite(NoiseTemperature), "noiseTemperature", NoiseTemperature, "> 0");
        OptionGuard.Require(NoiseTerms >= 1, "noiseTerms", NoiseTerms, ">= 1");
        OptionGuard.Require(TrainCount is >= 1 and <= MnistData.TrainCount, "trainCount", TrainCount, $"in 1..{MnistData.TrainCount}");
        OptionGuard.Require(ValidationCount is >= 1 and <= MnistData.ValidationCount, "validationCount", ValidationCount, $"in 1..{MnistData.ValidationCount}");
        OptionGuard.Require(TestCount is >= 1 and <= MnistData.TestCount, "testCount", TestCount, $"in 1..{MnistData.TestCount}");
        OptionGuard.Require(Training.NoiseMagnitude == 0, "training.noiseMagnitude", Training.NoiseMagnitude,
            "0 (the sampler's Sum-of-Gamma noise is the perturbation; margin noise does not apply)");
        OptionGuard.Require(Training.LabelFlipRate == 0, "training.labelFlipRate", Training.LabelFlipRate, "0 (the targets are the images)");
        Training.Validate();
    }
}
