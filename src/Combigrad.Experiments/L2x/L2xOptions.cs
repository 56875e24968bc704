using Combigrad.Data.Reviews;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Methods;

namespace Combigrad.Experiments.L2x;

/// <summary>
/// Options of the learning-to-explain experiment (paper Sec. 4.3, Table 3, Suppl. 6.5; the setup of Niepert et al. 2021)
/// on the substitute benchmark of <see cref="AspectReviewBuilder"/>. Defaults follow Niepert et al.'s BeerAdvocate code
/// where it applies: Adam 1e-3, batch 40, kernel 3, predictor hidden width 250; I-MLE and Identity sample with
/// Sum-of-Gamma noise (s = 10, tau = 10), I-MLE's lambda = 1000; L2X's Concrete temperature 0.1, SoftSub's 0.5.
/// Embeddings are trained from scratch (BeerAdvocate's pretrained vectors do not apply), 100-dimensional.
/// </summary>
public sealed record L2xOptions : IExperimentOptions
{
    /// <summary>The methods of Table 3.</summary>
    public static readonly IReadOnlyList<string> Methods = ["identity", "imle", "l2x", "softsub"];

    /// <summary>Default Concrete temperature of l2x (Chen et al.; Niepert et al.'s code).</summary>
    public const double DefaultL2xTemperature = 0.1;

    /// <summary>Default SoftSub temperature (Niepert et al.'s code).</summary>
    public const double DefaultSoftSubTemperature = 0.5;

    /// <summary>identity (P_sphere o P_plane over the real tokens, Sum-of-Gamma sampling), imle, l2x (Chen et al.'s Concrete
    /// relaxation) or softsub (Xie and Ermon's relaxation). All select the hard top-k in evaluation.</summary>
    public string Method { get; init; } = "identity";

    /// <summary>Hyperparameters of the method: for imle the keys of <see cref="GradientMethodOptions"/> (lambda, noise,
    /// temperature, sog_k, sog_s default to this record's); for l2x and softsub only <c>temperature</c>; none for identity.</summary>
    public GradientMethodOptions MethodOptions { get; init; } = new();

    /// <summary>k, the number of selected tokens (Table 3: 5, 10, 15).</summary>
    public int K { get; init; } = 10;

    /// <summary>lambda of I-MLE (Niepert et al.'s BeerAdvocate code: 1000).</summary>
    public double ImleLambda { get; init; } = 1000;

    /// <summary>tau of the Sum-of-Gamma noise of identity and imle (Niepert et al.: 10).</summary>
    public double NoiseTemperature { get; init; } = 10;

    /// <summary>s, the Gamma terms of the Sum-of-Gamma noise (paper eq. 18: 10).</summary>
    public int NoiseTerms { get; init; } = 10;

    /// <summary>Word embedding size.</summary>
    public int EmbeddingDims { get; init; } = 100;

    /// <summary>Filters of the explainer's convolutions and width of its dense layer (Chen et al.: 100).</summary>
    public int ExplainerFilters { get; init; } = 100;

    /// <summary>Hidden width of the predictor (Niepert et al.: 250).</summary>
    public int PredictorHidden { get; init; } = 250;

    /// <summary>The synthetic benchmark (see <see cref="ReviewBenchmarkSpec"/>); its seed is fixed across training seeds.</summary>
    public ReviewBenchmarkSpec Benchmark { get; init; } = new();

    /// <summary>The data cache folder; null uses the default (~/.cache/combigrad or $COMBIGRAD_DATA_DIR).</summary>
    public string? DataDirectory { get; init; }

    /// <inheritdoc />
    public TrainerOptions Training { get; init; } = new() { Epochs = 10, BatchSize = 40, LearningRate = 1e-3 };

    /// <summary>The relaxation temperature of l2x or softsub.</summary>
    public double RelaxationTemperature =>
        MethodOptions.Temperature ?? (Method == "l2x" ? DefaultL2xTemperature : DefaultSoftSubTemperature);

    /// <inheritdoc />
    public void Validate()
    {
        OptionGuard.Require(Methods.Contains(Method), "method", Method, $"one of {string.Join(", ", Methods)} (the methods of Table 3)");
        OptionGuard.Require(ImleLambda > 0 && double.IsFinite(ImleLambda), "imleLambda", ImleLambda, "> 0");
        if (Method is "identity" or "imle") MethodSelection.Validate(Method, MethodOptions, ImleLambda, "none");
        else
        {
            OptionGuard.Require(MethodOptions == new GradientMethodOptions { Temperature = MethodOptions.Temperature }, "methodOptions",
                Method, "only 'temperature' for l2x and softsub");
            OptionGuard.Require(RelaxationTemperature > 0 && double.IsFinite(RelaxationTemperature), "methodOptions.temperature", RelaxationTemperature, "> 0");
        }
        var minLength = Benchmark.MinLength(ReviewSources.Aspects.Count);
        OptionGuard.Require(K >= 1 && K <= minLength, "k", K, $"in 1..{minLength} (the fewest tokens a review has)");
        OptionGuard.Require(NoiseTemperature > 0 && double.IsFinite(NoiseTemperature), "noiseTemperature", NoiseTemperature, "> 0");
        OptionGuard.Require(NoiseTerms >= 1, "noiseTerms", NoiseTerms, ">= 1");
        OptionGuard.Require(EmbeddingDims >= 1, "embeddingDims", EmbeddingDims, ">= 1");
        OptionGuard.Require(ExplainerFilters >= 1, "explainerFilters", ExplainerFilters, ">= 1");
        OptionGuard.Require(PredictorHidden >= 1, "predictorHidden", PredictorHidden, ">= 1");
        try
        {
            Benchmark.Validate(ReviewSources.Aspects.Count);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"benchmark.{e.Message}", e);
        }
        OptionGuard.Require(Training.NoiseMagnitude == 0, "training.noiseMagnitude", Training.NoiseMagnitude,
            "0 (the sampler's own noise is the perturbation; margin noise does not apply)");
        OptionGuard.Require(Training.LabelFlipRate == 0, "training.labelFlipRate", Training.LabelFlipRate, "0 (the targets are ratings)");
        OptionGuard.Require(Training.GradientNoiseStd == 0, "training.gradientNoiseStd", Training.GradientNoiseStd, "0");
        Training.Validate();
    }
}
