namespace Combigrad.Data.Reviews;

/// <summary>
/// Builds the synthetic multi-aspect reviews of the substitute learning-to-explain benchmark (paper Sec. 4.3, Table 3;
/// BeerAdvocate is not obtainable). A review is the concatenation, aspect after aspect in a fixed order, of
/// <see cref="ReviewBenchmarkSpec.SentencesPerAspect"/> real sentences drawn uniformly (with replacement) from that
/// aspect's collection. Each aspect's rating is <see cref="AspectRating.Of"/> its own tokens, so the rated words of the
/// target aspect's sentences are the true rationale of the target rating, and the other aspects' rated words are
/// distractors.
/// </summary>
/// <remarks>
/// Deterministic: the same corpus, spec and seed give the same reviews. Each aspect's usable sentences (between
/// <see cref="ReviewBenchmarkSpec.MinSentenceTokens"/> and <see cref="ReviewBenchmarkSpec.MaxSentenceTokens"/> tokens)
/// are shuffled once with the seed; with a positive <see cref="ReviewBenchmarkSpec.HeldOutSentenceShare"/> they are cut
/// into disjoint test, validation and training pools, so held-out reviews combine sentences never seen in training;
/// with 0 every split draws from all of them.
/// </remarks>
public static class AspectReviewBuilder
{
    private const int TrainStream = 0;
    private const int ValidationStream = 1;
    private const int TestStream = 2;
    private const int SentenceSplitStream = 3;

    /// <summary>Builds the three splits.</summary>
    /// <exception cref="ArgumentException">The spec is out of range, or an aspect has too few usable sentences for three pools.</exception>
    public static AspectReviewSplits Build(ReviewCorpus corpus, ReviewBenchmarkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate(corpus.AspectCount);
        var pools = Enumerable.Range(0, corpus.AspectCount).Select(a => SplitSentences(corpus, spec, a)).ToArray();
        return new AspectReviewSplits(
            Draw(corpus, spec, pools.Select(p => p.Train).ToArray(), spec.TrainCount, TrainStream),
            Draw(corpus, spec, pools.Select(p => p.Validation).ToArray(), spec.ValidationCount, ValidationStream),
            Draw(corpus, spec, pools.Select(p => p.Test).ToArray(), spec.TestCount, TestStream));
    }

    /// <summary>Composes one review from the given sentences of each aspect (in review order) and rates every aspect.</summary>
    public static AspectReview Compose(IReadOnlyList<IReadOnlyList<string[]>> sentencesPerAspect, SentimentLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(sentencesPerAspect);
        ArgumentNullException.ThrowIfNull(lexicon);
        var tokens = new List<string>();
        var aspects = new List<int>();
        var ratings = new double[sentencesPerAspect.Count];
        for (var a = 0; a < sentencesPerAspect.Count; a++)
        {
            var aspectTokens = sentencesPerAspect[a].SelectMany(s => s).ToArray();
            tokens.AddRange(aspectTokens);
            aspects.AddRange(Enumerable.Repeat(a, aspectTokens.Length));
            ratings[a] = AspectRating.Of(aspectTokens, lexicon);
        }
        return new AspectReview(tokens.ToArray(), aspects.ToArray(), ratings);
    }

    private static (string[][] Train, string[][] Validation, string[][] Test) SplitSentences(ReviewCorpus corpus, ReviewBenchmarkSpec spec, int aspect)
    {
        var usable = corpus.AspectSentences[aspect]
            .Where(s => s.Length >= spec.MinSentenceTokens && s.Length <= spec.MaxSentenceTokens).ToArray();
        if (spec.HeldOutSentenceShare == 0)
        {
            if (usable.Length == 0)
                throw new ArgumentException($"Aspect {aspect} has no sentence of {spec.MinSentenceTokens} to {spec.MaxSentenceTokens} tokens.");
            return (usable, usable, usable);
        }
        var heldOut = Math.Max(1, (int)(usable.Length * spec.HeldOutSentenceShare));
        if (usable.Length < 2 * heldOut + 1)
            throw new ArgumentException(
                $"Aspect {aspect} has {usable.Length} sentences of {spec.MinSentenceTokens} to {spec.MaxSentenceTokens} tokens; at least 3 are needed (one per split).");
        new Random(StreamSeed(spec.Seed, SentenceSplitStream * 1000 + aspect)).Shuffle(usable);
        return (usable[(2 * heldOut)..], usable[heldOut..(2 * heldOut)], usable[..heldOut]);
    }

    private static AspectReview[] Draw(ReviewCorpus corpus, ReviewBenchmarkSpec spec, string[][][] pools, int count, int stream)
    {
        var random = new Random(StreamSeed(spec.Seed, stream));
        var reviews = new AspectReview[count];
        for (var i = 0; i < count; i++)
        {
            var chosen = pools.Select(pool => (IReadOnlyList<string[]>)Enumerable.Range(0, spec.SentencesPerAspect)
                .Select(_ => pool[random.Next(pool.Length)]).ToArray()).ToArray();
            reviews[i] = Compose(chosen, corpus.Lexicon);
        }
        return reviews;
    }

    /// <summary>A stream's seed; <see cref="Random"/> with an explicit seed is reproducible across runs and platforms.</summary>
    private static int StreamSeed(int seed, int stream) => unchecked(seed * 1_000_003 + stream * 7_919 + 17);
}
