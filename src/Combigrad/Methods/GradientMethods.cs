using Combigrad.Layers;
using Combigrad.Losses;
using Combigrad.Noise;

namespace Combigrad.Methods;

/// <summary>
/// Chooses a gradient method by name, as written in options files and presets. Every name yields a
/// <see cref="TrainingMethod"/> that can train any solver end to end; see there for how layer methods and loss
/// methods differ. Minimisation convention throughout; <see cref="ObjectiveSense.Maximize"/> is set on the layer.
/// </summary>
/// <remarks>
/// <para>The names, their role, hyperparameters (defaults; recommended range) and what they need:</para>
/// <list type="table">
/// <item><term>identity</term><description>layer; Identity with projection (Sahoo et al. 2023, eq. 3, 11). No hyperparameter.</description></item>
/// <item><term>bb</term><description>layer; Blackbox backpropagation (Vlastelica et al. 2020, eq. 4). lambda (20; 0.05 to 100, relative to
/// the scale of <c>dL/dy</c>; the paper uses 20 for TSP and Warcraft, 0.05 to 0.5 for ranking).</description></item>
/// <item><term>imle</term><description>layer; I-MLE (Niepert et al. 2021) with perturb-and-MAP target. lambda (20; 1 to 100),
/// two_sided (false), noise (gumbel | sog), temperature (0.1; relative to the cost scale: 0.05 to 0.5 for costs of order 1 such as the
/// shortest-path demo's, 1 for standard-Gumbel sampling of a categorical distribution, 1 to 10 for SoG on logits), sog_k (1; the k of top-k), sog_s (10). No projection, no margin noise.</description></item>
/// <item><term>dpo</term><description>layer; perturbed optimizer (Berthet et al. 2020). epsilon (0.5; 0.1 to 2), samples (8; 5 to 100),
/// perturbation (additive | multiplicative; multiplicative keeps positive costs positive, for shortest paths). No projection, no margin noise.</description></item>
/// <item><term>fy</term><description>loss; Fenchel–Young loss of the perturbed optimizer, <see cref="FenchelYoungLoss"/>. Same keys as dpo;
/// needs <see cref="TrainingContext.TargetSolution"/>. The layer predicts with dpo in training, exactly in evaluation.</description></item>
/// <item><term>spo+</term><description>loss; SPO+ (Elmachtoub and Grigas 2022), <see cref="SpoPlusLoss"/>. No hyperparameter; needs
/// <see cref="TrainingContext.TrueCosts"/> (and uses <c>TargetSolution</c> = y*(c) when given).</description></item>
/// <item><term>ste</term><description>layer; straight-through estimator (Bengio et al. 2013), identity backward without projection. No hyperparameter.</description></item>
/// <item><term>gumbel</term><description>layer; straight-through Gumbel-softmax (Jang et al. 2017). temperature (0.5; 0.1 to 1),
/// hard (true). No projection, no margin noise.</description></item>
/// </list>
/// <para><c>seed</c> seeds the stochastic methods (imle, dpo, fy, gumbel). Setting a key that the chosen method does not
/// use is an error, so that no hyperparameter is silently ignored.</para>
/// </remarks>
public static class GradientMethods
{
    /// <summary>The valid names, in the order of the paper's comparisons.</summary>
    public static IReadOnlyList<string> Names { get; } = ["identity", "bb", "imle", "dpo", "fy", "spo+", "ste", "gumbel"];

    /// <summary>Default lambda of bb and imle (paper: 20 for TSP and Warcraft).</summary>
    public const double DefaultLambda = 20;

    /// <summary>Default perturbation scale of dpo and fy.</summary>
    public const double DefaultEpsilon = 0.5;

    /// <summary>Default number of perturbation samples of dpo and fy.</summary>
    public const int DefaultSamples = 8;

    /// <summary>Default noise temperature of imle: a tenth of the standard Gumbel, so that perturbations stay below costs of order one
    /// (with temperature 1 the Gumbel mean shift of 0.58 turns many shortest-path costs negative and training stalls).</summary>
    public const double DefaultImleTemperature = 0.1;

    /// <summary>Default Gumbel-softmax temperature.</summary>
    public const double DefaultGumbelTemperature = 0.5;

    /// <summary>Default number of Sum-of-Gamma terms s (paper Suppl. 6.4).</summary>
    public const int DefaultSumOfGammaTerms = 10;

    private static readonly Dictionary<string, string[]> KeysByMethod = new()
    {
        ["identity"] = [],
        ["bb"] = ["lambda"],
        ["imle"] = ["lambda", "two_sided", "noise", "temperature", "sog_k", "sog_s"],
        ["dpo"] = ["epsilon", "samples", "perturbation"],
        ["fy"] = ["epsilon", "samples", "perturbation"],
        ["spo+"] = [],
        ["ste"] = [],
        ["gumbel"] = ["temperature", "hard"],
    };

    /// <summary>Creates the method called <paramref name="name"/> (case-insensitive) with validated hyperparameters.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="hyperparameters">Keys for this method (see the remarks); null for all defaults.</param>
    /// <exception cref="ArgumentException">An unknown name (the message lists the valid names), a key the method does not
    /// use, or a value out of range (the message names the key and the range).</exception>
    public static TrainingMethod Create(string name, GradientMethodOptions? hyperparameters = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToLowerInvariant();
        if (!KeysByMethod.TryGetValue(key, out var allowed))
            throw new ArgumentException($"Unknown gradient method '{name}'. Valid names: {string.Join(", ", Names)}.", nameof(name));
        var h = hyperparameters ?? new GradientMethodOptions();
        var unused = h.SetKeys().Where(k => !allowed.Contains(k)).ToArray();
        if (unused.Length > 0)
            throw new ArgumentException(
                $"Hyperparameter '{unused[0]}' does not apply to method '{key}' (it takes: {(allowed.Length == 0 ? "none" : string.Join(", ", allowed))}).",
                nameof(hyperparameters));
        return key switch
        {
            "identity" => new TrainingMethod(key, new IdentityMethod(), ownPerturbation: false, noProjection: false),
            "bb" => new TrainingMethod(key, new BlackboxMethod(Positive("lambda", h.Lambda ?? DefaultLambda)), false, false),
            "imle" => CreateImle(h),
            "dpo" => new TrainingMethod(key, CreatePerturbed(h), ownPerturbation: true, noProjection: true),
            "fy" => CreateFenchelYoung(h),
            "spo+" => new TrainingMethod(key, new IdentityMethod(), false, false,
                (solver, sense) => new SpoPlusLoss(solver, sense), requiresTrueCosts: true),
            "ste" => new TrainingMethod(key, new StraightThroughMethod(), ownPerturbation: false, noProjection: true),
            _ => new TrainingMethod(key, new GumbelSoftmaxMethod(Positive("temperature", h.Temperature ?? DefaultGumbelTemperature), h.Hard ?? true, h.Seed),
                ownPerturbation: true, noProjection: true),
        };
    }

    private static TrainingMethod CreateImle(GradientMethodOptions h)
    {
        var lambda = Positive("lambda", h.Lambda ?? DefaultLambda);
        var temperature = Positive("temperature", h.Temperature ?? DefaultImleTemperature);
        var noiseName = (h.Noise ?? "gumbel").Trim().ToLowerInvariant();
        if (noiseName != "sog" && (h.SumOfGammaK is not null || h.SumOfGammaTerms is not null))
            throw new ArgumentException($"Hyperparameter '{(h.SumOfGammaK is not null ? "sog_k" : "sog_s")}' applies only with noise = sog.", "hyperparameters");
        INoise noise = noiseName switch
        {
            "gumbel" => new GumbelNoise(temperature, h.Seed),
            "sog" => new SumOfGammaNoise(
                AtLeastOne("sog_k", h.SumOfGammaK ?? 1), temperature, AtLeastOne("sog_s", h.SumOfGammaTerms ?? DefaultSumOfGammaTerms), h.Seed),
            _ => throw new ArgumentException($"Hyperparameter 'noise': '{h.Noise}' is not one of gumbel, sog.", "hyperparameters"),
        };
        return new TrainingMethod("imle", new ImleMethod(lambda, noise, h.TwoSided ?? false), ownPerturbation: true, noProjection: true);
    }

    private static TrainingMethod CreateFenchelYoung(GradientMethodOptions h)
    {
        var scale = Positive("epsilon", h.Epsilon ?? DefaultEpsilon);
        var samples = AtLeastOne("samples", h.Samples ?? DefaultSamples);
        var kind = ParsePerturbation(h.Perturbation);
        // The loss draws from its own generator (seed + 1), independent of the predicting layer's.
        return new TrainingMethod("fy", new PerturbedMethod(scale, samples, kind, h.Seed), ownPerturbation: true, noProjection: true,
            (solver, sense) => new FenchelYoungLoss(solver, scale, samples, kind, unchecked(h.Seed + 1), sense), requiresTargetSolution: true);
    }

    private static PerturbedMethod CreatePerturbed(GradientMethodOptions h) =>
        new(Positive("epsilon", h.Epsilon ?? DefaultEpsilon), AtLeastOne("samples", h.Samples ?? DefaultSamples), ParsePerturbation(h.Perturbation), h.Seed);

    private static PerturbationKind ParsePerturbation(string? value) => (value ?? "additive").Trim().ToLowerInvariant() switch
    {
        "additive" => PerturbationKind.Additive,
        "multiplicative" => PerturbationKind.Multiplicative,
        _ => throw new ArgumentException($"Hyperparameter 'perturbation': '{value}' is not one of additive, multiplicative.", "hyperparameters"),
    };

    private static double Positive(string key, double value) =>
        value > 0 && !double.IsInfinity(value)
            ? value
            : throw new ArgumentOutOfRangeException("hyperparameters", value, $"Hyperparameter '{key}' must be positive and finite.");

    private static int AtLeastOne(string key, int value) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException("hyperparameters", value, $"Hyperparameter '{key}' must be >= 1.");
}
