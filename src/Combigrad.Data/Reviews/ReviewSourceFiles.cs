namespace Combigrad.Data.Reviews;

/// <summary>The fetched files: one sentence fixture per aspect (JSON array of <c>{"text", "class"}</c>) and the word ratings.</summary>
/// <param name="AspectSentences">The fixture of each aspect, in review order.</param>
/// <param name="Lexicon">The AFINN-165 ratings, a JSON object word -&gt; integer in [-5, 5].</param>
public sealed record ReviewSourceFiles(IReadOnlyList<string> AspectSentences, string Lexicon);
