using System.Text.Json;

namespace Combigrad.Data.Reviews;

/// <summary>
/// Word ratings (AFINN-165): single words rated from -5 (very negative) to +5 (very positive). Multi-word phrases of the
/// list (30 of 3,382, e.g. "does not work") and the two entries rated 0 are dropped when loading, since a rating here
/// belongs to one token and a rated word is one that moves the rating.
/// </summary>
public sealed class SentimentLexicon
{
    private readonly Dictionary<string, int> _ratings;

    /// <summary>Wraps single-word ratings.</summary>
    /// <exception cref="ArgumentException">A key is not one lower-case token, or a rating is outside [-5, 5] or zero.</exception>
    public SentimentLexicon(IReadOnlyDictionary<string, int> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        foreach (var (word, rating) in ratings)
        {
            if (ReviewTokenizer.Tokenize(word) is not [var token] || token != word)
                throw new ArgumentException($"Lexicon entry '{word}' is not a single lower-case token.", nameof(ratings));
            if (rating is < MinRating or > MaxRating or 0)
                throw new ArgumentException($"Lexicon entry '{word}' has rating {rating}; expected a non-zero integer in [{MinRating}, {MaxRating}].", nameof(ratings));
        }
        _ratings = new Dictionary<string, int>(ratings, StringComparer.Ordinal);
    }

    /// <summary>The lowest rating.</summary>
    public const int MinRating = -5;

    /// <summary>The highest rating.</summary>
    public const int MaxRating = 5;

    /// <summary>The number of rated words.</summary>
    public int Count => _ratings.Count;

    /// <summary>The rating of <paramref name="token"/>, 0 when the word is not rated.</summary>
    public int RatingOf(string token) => _ratings.GetValueOrDefault(token);

    /// <summary>Whether <paramref name="token"/> is rated.</summary>
    public bool IsRated(string token) => _ratings.ContainsKey(token);

    /// <summary>Reads the JSON object word -&gt; rating, keeping the single-word entries.</summary>
    /// <exception cref="InvalidDataException">The file is not such an object.</exception>
    public static SentimentLexicon Load(string path)
    {
        Dictionary<string, int>? all;
        try
        {
            all = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a JSON object of word -> integer rating ({e.Message}).", e);
        }
        if (all is null || all.Count == 0) throw new InvalidDataException($"{path}: no word ratings.");
        try
        {
            return new SentimentLexicon(all.Where(p => !p.Key.Contains(' ') && p.Value != 0).ToDictionary(p => p.Key, p => p.Value));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}
