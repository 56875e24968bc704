namespace Combigrad.Data.Reviews;

/// <summary>
/// Reviews as fixed-length arrays: token ids padded with <see cref="ReviewVocabulary.PaddingId"/> to
/// <see cref="Length"/>, the target aspect's rating, and a <see cref="RationaleLabel"/> per position.
/// </summary>
public sealed class EncodedReviews
{
    private EncodedReviews(int count, int length, long[] tokenIds, float[] ratings, byte[] labels)
    {
        Count = count;
        Length = length;
        TokenIds = tokenIds;
        Ratings = ratings;
        Labels = labels;
    }

    /// <summary>The number of reviews.</summary>
    public int Count { get; }

    /// <summary>The padded length.</summary>
    public int Length { get; }

    /// <summary>Token ids, row-major <c>[Count, Length]</c>.</summary>
    public long[] TokenIds { get; }

    /// <summary>The target aspect's rating of each review.</summary>
    public float[] Ratings { get; }

    /// <summary><see cref="RationaleLabel"/> values, row-major <c>[Count, Length]</c>.</summary>
    public byte[] Labels { get; }

    /// <summary>Encodes <paramref name="reviews"/> for <paramref name="targetAspect"/>.</summary>
    /// <exception cref="ArgumentException">A review is longer than <paramref name="length"/>, or the target aspect does not exist.</exception>
    public static EncodedReviews Encode(IReadOnlyList<AspectReview> reviews, ReviewVocabulary vocabulary, SentimentLexicon lexicon, int length, int targetAspect)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(lexicon);
        var ids = new long[reviews.Count * length];
        var labels = new byte[reviews.Count * length];
        var ratings = new float[reviews.Count];
        for (var i = 0; i < reviews.Count; i++)
        {
            var review = reviews[i];
            if (review.Tokens.Length > length)
                throw new ArgumentException($"Review {i} has {review.Tokens.Length} tokens, more than the length {length}.", nameof(reviews));
            if (targetAspect < 0 || targetAspect >= review.Ratings.Length)
                throw new ArgumentException($"Target aspect {targetAspect} does not exist; reviews have {review.Ratings.Length} aspects.", nameof(targetAspect));
            ratings[i] = (float)review.Ratings[targetAspect];
            for (var t = 0; t < review.Tokens.Length; t++)
            {
                ids[i * length + t] = vocabulary.IdOf(review.Tokens[t]);
                labels[i * length + t] = (byte)(review.AspectOfToken[t] != targetAspect ? RationaleLabel.Other
                    : lexicon.IsRated(review.Tokens[t]) ? RationaleLabel.Rationale : RationaleLabel.TargetAspect);
            }
        }
        return new EncodedReviews(reviews.Count, length, ids, ratings, labels);
    }
}
