namespace Combigrad.Data.Reviews;

/// <summary>One synthetic review: its tokens, the aspect each token belongs to, and every aspect's rating.</summary>
/// <param name="Tokens">The tokens, aspect after aspect in review order.</param>
/// <param name="AspectOfToken">For each token, the index of the aspect whose sentence it comes from.</param>
/// <param name="Ratings">Each aspect's rating, <see cref="AspectRating.Of"/> of that aspect's tokens.</param>
public sealed record AspectReview(string[] Tokens, int[] AspectOfToken, double[] Ratings);
