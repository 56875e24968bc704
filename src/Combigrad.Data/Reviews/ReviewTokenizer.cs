namespace Combigrad.Data.Reviews;

/// <summary>
/// Splits review text into lower-case word tokens: maximal runs of letters, digits, apostrophes and hyphens, without
/// leading or trailing apostrophes and hyphens; every other character separates tokens (so "A slow-moving, 'aimless'
/// movie - sadly." gives "a", "slow-moving", "aimless", "movie", "sadly", as AFINN rates hyphenated words).
/// </summary>
public static class ReviewTokenizer
{
    /// <summary>The tokens of <paramref name="text"/>, in order.</summary>
    public static string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '\'' or '-');
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                var token = text[start..i].Trim('\'', '-');
                if (token.Length > 0) tokens.Add(token.ToLowerInvariant());
                start = -1;
            }
        }
        return tokens.ToArray();
    }
}
