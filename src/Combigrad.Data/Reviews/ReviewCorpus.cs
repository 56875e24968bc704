using System.Text.Json;

namespace Combigrad.Data.Reviews;

/// <summary>The raw material of the synthetic reviews: each aspect's tokenised sentences and the word ratings.</summary>
public sealed class ReviewCorpus
{
    /// <summary>Wraps the sentences (one list per aspect, in review order) and the lexicon.</summary>
    /// <exception cref="ArgumentException">No aspect, or an aspect without sentences.</exception>
    public ReviewCorpus(IReadOnlyList<IReadOnlyList<string[]>> aspectSentences, SentimentLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(aspectSentences);
        ArgumentNullException.ThrowIfNull(lexicon);
        if (aspectSentences.Count == 0) throw new ArgumentException("A review corpus needs at least one aspect.", nameof(aspectSentences));
        for (var a = 0; a < aspectSentences.Count; a++)
            if (aspectSentences[a].Count == 0) throw new ArgumentException($"Aspect {a} has no sentences.", nameof(aspectSentences));
        AspectSentences = aspectSentences;
        Lexicon = lexicon;
    }

    /// <summary>The tokenised sentences of each aspect.</summary>
    public IReadOnlyList<IReadOnlyList<string[]>> AspectSentences { get; }

    /// <summary>The word ratings.</summary>
    public SentimentLexicon Lexicon { get; }

    /// <summary>The number of aspects.</summary>
    public int AspectCount => AspectSentences.Count;

    /// <summary>Reads the fetched fixtures (their <c>text</c> fields, tokenised; the class labels are not used) and the lexicon.</summary>
    /// <exception cref="InvalidDataException">A file is not in the expected format.</exception>
    public static ReviewCorpus Load(ReviewSourceFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sentences = files.AspectSentences.Select(ReadSentences).ToArray();
        return new ReviewCorpus(sentences, SentimentLexicon.Load(files.Lexicon));
    }

    private static IReadOnlyList<string[]> ReadSentences(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{path}: expected a JSON array of {{\"text\": ...}} objects.");
            var sentences = new List<string[]>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                    throw new InvalidDataException($"{path}: entry {sentences.Count} has no string 'text'.");
                sentences.Add(ReviewTokenizer.Tokenize(text.GetString()!));
            }
            if (sentences.Count == 0) throw new InvalidDataException($"{path}: no sentences.");
            return sentences;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}).", e);
        }
    }
}
