namespace Combigrad.Data.Reviews;

/// <summary>
/// The rating of one aspect of a synthetic review, a known function of that aspect's tokens alone:
/// <c>rating = 1 / (1 + exp(-s / <see cref="Scale"/>))</c> with <c>s</c> the sum of the lexicon ratings of the tokens
/// (unrated tokens count 0). It lies in (0, 1), is 0.5 when the aspect has no rated word, and depends only on the rated
/// tokens, which are therefore the true rationale of the rating.
/// </summary>
public static class AspectRating
{
    /// <summary>The logistic scale: a summed rating of +-4 (two mildly positive or negative words) gives 0.73 / 0.27.</summary>
    public const double Scale = 4;

    /// <summary>The rating of an aspect whose tokens are <paramref name="tokens"/>.</summary>
    public static double Of(IEnumerable<string> tokens, SentimentLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(lexicon);
        var sum = tokens.Sum(lexicon.RatingOf);
        return 1 / (1 + Math.Exp(-sum / Scale));
    }
}
