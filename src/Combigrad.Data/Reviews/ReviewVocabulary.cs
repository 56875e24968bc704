namespace Combigrad.Data.Reviews;

/// <summary>
/// Token ids of the training split's words: <see cref="PaddingId"/> = 0, <see cref="UnknownId"/> = 1 (words not seen in
/// training), then the training words by decreasing frequency, ties in ordinal order, so the ids are deterministic.
/// </summary>
public sealed class ReviewVocabulary
{
    /// <summary>The id of padding positions.</summary>
    public const int PaddingId = 0;

    /// <summary>The id of words not in the vocabulary.</summary>
    public const int UnknownId = 1;

    private readonly Dictionary<string, int> _ids;

    private ReviewVocabulary(Dictionary<string, int> ids) => _ids = ids;

    /// <summary>The number of ids, padding and unknown included.</summary>
    public int Count => _ids.Count + 2;

    /// <summary>The id of <paramref name="token"/>.</summary>
    public int IdOf(string token) => _ids.TryGetValue(token, out var id) ? id : UnknownId;

    /// <summary>The vocabulary of <paramref name="training"/>.</summary>
    public static ReviewVocabulary Build(IEnumerable<AspectReview> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in training.SelectMany(r => r.Tokens)) counts[token] = counts.GetValueOrDefault(token) + 1;
        var ordered = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (word, _) in ordered) ids[word] = ids.Count + 2;
        return new ReviewVocabulary(ids);
    }
}
