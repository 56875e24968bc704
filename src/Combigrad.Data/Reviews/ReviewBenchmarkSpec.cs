namespace Combigrad.Data.Reviews;

/// <summary>
/// How the synthetic multi-aspect reviews are built (see <see cref="AspectReviewBuilder"/>). The defaults give reviews of
/// 3 aspects x 2 sentences of 3 to 20 tokens (at most 120 tokens, at least 18) and 8,000 / 1,000 / 1,000 reviews.
/// </summary>
public sealed record ReviewBenchmarkSpec
{
    /// <summary>Sentences drawn for each aspect of a review.</summary>
    public int SentencesPerAspect { get; init; } = 2;

    /// <summary>Sentences with fewer tokens are not used (so every review has at least aspects x sentences x this many tokens).</summary>
    public int MinSentenceTokens { get; init; } = 3;

    /// <summary>Sentences with more tokens are not used (so no review needs truncating).</summary>
    public int MaxSentenceTokens { get; init; } = 20;

    /// <summary>The aspect whose rating is predicted and explained (0-based, in review order; default 1, the middle
    /// aspect, as aroma is the second aspect of a BeerAdvocate review).</summary>
    public int TargetAspect { get; init; } = 1;

    /// <summary>Training reviews.</summary>
    public int TrainCount { get; init; } = 8_000;

    /// <summary>Validation reviews.</summary>
    public int ValidationCount { get; init; } = 1_000;

    /// <summary>Test reviews.</summary>
    public int TestCount { get; init; } = 1_000;

    /// <summary>Share of each aspect's sentences reserved for validation reviews, and again for test reviews, so that
    /// held-out reviews consist of sentences never seen in training. 0 (the default) draws every split from all sentences:
    /// held-out reviews are then new combinations of known sentences. With about a thousand sentences per aspect, held-out
    /// sentences carry many words the training vocabulary lacks, and every method was measured to stay near the untrained
    /// model (README, "Learning to explain").</summary>
    public double HeldOutSentenceShare { get; init; }

    /// <summary>Seed of the sentence split and the draws.</summary>
    public int Seed { get; init; }

    /// <summary>The fixed review length: every review is padded to this many tokens.</summary>
    public int MaxLength(int aspects) => aspects * SentencesPerAspect * MaxSentenceTokens;

    /// <summary>The fewest real (non-padding) tokens any review has.</summary>
    public int MinLength(int aspects) => aspects * SentencesPerAspect * MinSentenceTokens;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate(int aspects)
    {
        Require(SentencesPerAspect >= 1, nameof(SentencesPerAspect), SentencesPerAspect, ">= 1");
        Require(MinSentenceTokens >= 1, nameof(MinSentenceTokens), MinSentenceTokens, ">= 1");
        Require(MaxSentenceTokens >= MinSentenceTokens, nameof(MaxSentenceTokens), MaxSentenceTokens, $">= minSentenceTokens ({MinSentenceTokens})");
        Require(TargetAspect >= 0 && TargetAspect < aspects, nameof(TargetAspect), TargetAspect, $"in 0..{aspects - 1}");
        Require(TrainCount >= 1, nameof(TrainCount), TrainCount, ">= 1");
        Require(ValidationCount >= 1, nameof(ValidationCount), ValidationCount, ">= 1");
        Require(TestCount >= 1, nameof(TestCount), TestCount, ">= 1");
        Require(HeldOutSentenceShare >= 0 && HeldOutSentenceShare < 0.5, nameof(HeldOutSentenceShare), HeldOutSentenceShare, "in [0, 0.5)");
    }

    private static void Require(bool condition, string name, object value, string rule)
    {
        if (!condition)
            throw new ArgumentException($"{char.ToLowerInvariant(name[0])}{name[1..]} = {value} is out of range; expected {rule}.");
    }
}
