using System.Globalization;

namespace Combigrad.Methods;

/// <summary>
/// Hyperparameters of a method chosen by name with <see cref="GradientMethods.Create"/>. Every key is optional; an
/// unset key takes the method's default (documented per method on <see cref="GradientMethods"/>), and a key set for a
/// method that does not use it is rejected, so nothing is silently ignored. Keys as written in options files are
/// given in brackets.
/// </summary>
public sealed record GradientMethodOptions
{
    /// <summary>The option-file keys, in the order of the properties.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["lambda", "two_sided", "noise", "temperature", "sog_k", "sog_s", "epsilon", "samples", "perturbation", "hard", "seed"];

    /// <summary>[lambda] Interpolation strength of <c>bb</c> and <c>imle</c>; &gt; 0.</summary>
    public double? Lambda { get; init; }

    /// <summary>[two_sided] <c>imle</c>: central instead of forward difference.</summary>
    public bool? TwoSided { get; init; }

    /// <summary>[noise] <c>imle</c>: <c>gumbel</c> or <c>sog</c> (Sum-of-Gamma, eq. 18).</summary>
    public string? Noise { get; init; }

    /// <summary>[temperature] <c>imle</c>: the noise temperature (Gumbel scale, or SoG tau); <c>gumbel</c>: the softmax temperature tau. &gt; 0.</summary>
    public double? Temperature { get; init; }

    /// <summary>[sog_k] <c>imle</c> with <c>noise = sog</c>: k &gt;= 1 (the k of top-k).</summary>
    public int? SumOfGammaK { get; init; }

    /// <summary>[sog_s] <c>imle</c> with <c>noise = sog</c>: the number of Gamma terms s &gt;= 1.</summary>
    public int? SumOfGammaTerms { get; init; }

    /// <summary>[epsilon] <c>dpo</c>, <c>fy</c>: the perturbation scale; &gt; 0.</summary>
    public double? Epsilon { get; init; }

    /// <summary>[samples] <c>dpo</c>, <c>fy</c>: the number of perturbation samples M &gt;= 1.</summary>
    public int? Samples { get; init; }

    /// <summary>[perturbation] <c>dpo</c>, <c>fy</c>: <c>additive</c> or <c>multiplicative</c>.</summary>
    public string? Perturbation { get; init; }

    /// <summary>[hard] <c>gumbel</c>: straight-through (exact forward sample) when true, soft sample when false.</summary>
    public bool? Hard { get; init; }

    /// <summary>[seed] The seed of the method's own generators (stochastic methods: imle, dpo, fy, gumbel; the others draw nothing).</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Reads hyperparameters from key/value strings as found in an options file (keys: <see cref="Keys"/>,
    /// case-insensitive; numbers in invariant culture; booleans <c>true</c>/<c>false</c>).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown key or a value that does not parse; the message names the key.</exception>
    public static GradientMethodOptions Parse(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var options = new GradientMethodOptions();
        foreach (var (rawKey, value) in values)
        {
            var key = rawKey.Trim().ToLowerInvariant();
            options = key switch
            {
                "lambda" => options with { Lambda = ParseDouble(key, value) },
                "two_sided" => options with { TwoSided = ParseBool(key, value) },
                "noise" => options with { Noise = value.Trim() },
                "temperature" => options with { Temperature = ParseDouble(key, value) },
                "sog_k" => options with { SumOfGammaK = ParseInt(key, value) },
                "sog_s" => options with { SumOfGammaTerms = ParseInt(key, value) },
                "epsilon" => options with { Epsilon = ParseDouble(key, value) },
                "samples" => options with { Samples = ParseInt(key, value) },
                "perturbation" => options with { Perturbation = value.Trim() },
                "hard" => options with { Hard = ParseBool(key, value) },
                "seed" => options with { Seed = ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : throw Invalid(key, value, "a non-negative integer") },
                _ => throw new ArgumentException($"Unknown hyperparameter '{rawKey}'. Valid keys: {string.Join(", ", Keys)}.", nameof(values)),
            };
        }
        return options;
    }

    /// <summary>The keys that are set (not null), with <c>seed</c> excluded.</summary>
    internal IEnumerable<string> SetKeys()
    {
        if (Lambda is not null) yield return "lambda";
        if (TwoSided is not null) yield return "two_sided";
        if (Noise is not null) yield return "noise";
        if (Temperature is not null) yield return "temperature";
        if (SumOfGammaK is not null) yield return "sog_k";
        if (SumOfGammaTerms is not null) yield return "sog_s";
        if (Epsilon is not null) yield return "epsilon";
        if (Samples is not null) yield return "samples";
        if (Perturbation is not null) yield return "perturbation";
        if (Hard is not null) yield return "hard";
    }

    private static double ParseDouble(string key, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) ? result : throw Invalid(key, value, "a number");

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) ? result : throw Invalid(key, value, "an integer");

    private static bool ParseBool(string key, string value) =>
        bool.TryParse(value, out var result) ? result : throw Invalid(key, value, "true or false");

    private static ArgumentException Invalid(string key, string value, string expected) =>
        new($"Hyperparameter '{key}': '{value}' is not {expected}.", key);

    /// <summary>
    /// These options with defaults for I-MLE over a k-subset sampler: lambda, Sum-of-Gamma noise (<c>k</c>, temperature
    /// tau, <c>terms</c> s) wherever the options leave them unset; the noise's k and s only apply when the noise is
    /// (or defaults to) <c>sog</c>.
    /// </summary>
    public GradientMethodOptions WithSumOfGammaDefaults(double lambda, int k, double temperature, int terms)
    {
        var noise = Noise ?? "sog";
        var sumOfGamma = noise.Trim().Equals("sog", StringComparison.OrdinalIgnoreCase);
        return this with
        {
            Lambda = Lambda ?? lambda,
            Noise = noise,
            Temperature = Temperature ?? temperature,
            SumOfGammaK = sumOfGamma ? SumOfGammaK ?? k : SumOfGammaK,
            SumOfGammaTerms = sumOfGamma ? SumOfGammaTerms ?? terms : SumOfGammaTerms,
        };
    }
}
