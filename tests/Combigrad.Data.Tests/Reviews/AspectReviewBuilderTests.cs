using Combigrad.Data.Reviews;

namespace Combigrad.Data.Tests.Reviews;

public sealed class AspectReviewBuilderTests
{
    private static readonly SentimentLexicon Lexicon = new(new Dictionary<string, int>
    {
        ["good"] = 3,
        ["bad"] = -3,
        ["awful"] = -3,
        ["great"] = 3,
        ["fine"] = 2,
        ["slow"] = -2,
    });

    /// <summary>Three aspects of 40 sentences each, 3 to 7 tokens, some with rated words.</summary>
    private static ReviewCorpus Corpus()
    {
        string[][] topics = [["film", "plot", "actor"], ["phone", "battery", "case"], ["food", "waiter", "menu"]];
        string[] rated = ["good", "bad", "awful", "great", "fine", "slow", "the"];
        var aspects = topics.Select((words, a) => (IReadOnlyList<string[]>)Enumerable.Range(0, 40)
            .Select(i => Enumerable.Range(0, 3 + (i + a) % 5).Select(t => t % 2 == 0 ? words[(i + t) % 3] : rated[(i * 3 + t + a) % rated.Length]).ToArray())
            .ToArray()).ToArray();
        return new ReviewCorpus(aspects, Lexicon);
    }

    private static readonly ReviewBenchmarkSpec Spec = new() { TrainCount = 50, ValidationCount = 10, TestCount = 10, MaxSentenceTokens = 7, Seed = 4 };

    [Fact]
    public void Build_SameSeed_SameReviewsAndEncoding()
    {
        var first = AspectReviewBuilder.Build(Corpus(), Spec);
        var again = AspectReviewBuilder.Build(Corpus(), Spec);
        var other = AspectReviewBuilder.Build(Corpus(), Spec with { Seed = 5 });

        string Text(AspectReviewSplits s) => string.Join("|", s.Train.Concat(s.Validation).Concat(s.Test).Select(r => string.Join(" ", r.Tokens)));
        Assert.Equal(Text(first), Text(again));
        Assert.NotEqual(Text(first), Text(other));
        var vocabulary = ReviewVocabulary.Build(first.Train);
        var encoded = EncodedReviews.Encode(first.Test, vocabulary, Lexicon, Spec.MaxLength(3), 1);
        var encodedAgain = EncodedReviews.Encode(again.Test, ReviewVocabulary.Build(again.Train), Lexicon, Spec.MaxLength(3), 1);
        Assert.Equal(encoded.TokenIds, encodedAgain.TokenIds);
        Assert.Equal(encoded.Ratings, encodedAgain.Ratings);
        Assert.Equal(encoded.Labels, encodedAgain.Labels);
    }

    [Fact]
    public void Build_EveryRatingIsTheLogisticOfItsOwnAspectsLexiconSum()
    {
        var splits = AspectReviewBuilder.Build(Corpus(), Spec);
        foreach (var review in splits.Train.Concat(splits.Test))
        {
            Assert.Equal(3, review.Ratings.Length);
            Assert.InRange(review.Tokens.Length, Spec.MinLength(3), Spec.MaxLength(3));
            for (var a = 0; a < 3; a++)
            {
                var sum = review.Tokens.Where((_, t) => review.AspectOfToken[t] == a).Sum(Lexicon.RatingOf);
                Assert.Equal(1 / (1 + Math.Exp(-sum / AspectRating.Scale)), review.Ratings[a], 12);
            }
            Assert.Equal(review.AspectOfToken.Order(), review.AspectOfToken);   // aspects in review order
        }
    }

    [Fact]
    public void Compose_HandMadeReview_RatingsAndRationaleLabels()
    {
        IReadOnlyList<string[]>[] sentences =
        [
            [["great", "film"]],
            [["bad", "phone"], ["awful", "case", "fine"]],
            [["slow", "waiter"]],
        ];
        var review = AspectReviewBuilder.Compose(sentences, Lexicon);

        Assert.Equal(["great", "film", "bad", "phone", "awful", "case", "fine", "slow", "waiter"], review.Tokens);
        Assert.Equal([0, 0, 1, 1, 1, 1, 1, 2, 2], review.AspectOfToken);
        Assert.Equal(1 / (1 + Math.Exp(-3 / 4.0)), review.Ratings[0], 12);
        Assert.Equal(1 / (1 + Math.Exp(4 / 4.0)), review.Ratings[1], 12);   // -3 - 3 + 2 = -4
        Assert.Equal(1 / (1 + Math.Exp(2 / 4.0)), review.Ratings[2], 12);

        var vocabulary = ReviewVocabulary.Build([review]);
        var encoded = EncodedReviews.Encode([review], vocabulary, Lexicon, 12, targetAspect: 1);
        Assert.Equal(new byte[] { 0, 0, 2, 1, 2, 1, 2, 0, 0, 0, 0, 0 }, encoded.Labels);
        Assert.Equal((float)review.Ratings[1], encoded.Ratings[0]);
        Assert.All(encoded.TokenIds.Take(9), id => Assert.True(id >= 2));
        Assert.All(encoded.TokenIds.Skip(9), id => Assert.Equal(ReviewVocabulary.PaddingId, id));
    }

    [Fact]
    public void Encode_WordNotSeenInTraining_IsUnknown_AndTooLongReviewThrows()
    {
        var training = AspectReviewBuilder.Compose([[["good", "film"]]], Lexicon);
        var test = AspectReviewBuilder.Compose([[["good", "popcorn"]]], Lexicon);
        var vocabulary = ReviewVocabulary.Build([training]);

        var encoded = EncodedReviews.Encode([test], vocabulary, Lexicon, 3, 0);
        Assert.Equal([vocabulary.IdOf("good"), ReviewVocabulary.UnknownId, ReviewVocabulary.PaddingId], encoded.TokenIds);
        Assert.Throws<ArgumentException>(() => EncodedReviews.Encode([test], vocabulary, Lexicon, 1, 0));
    }

    [Fact]
    public void Build_PositiveHeldOutShare_HeldOutReviewsUseNoTrainingSentence()
    {
        var splits = AspectReviewBuilder.Build(Corpus(), Spec with { HeldOutSentenceShare = 0.1 });
        static IEnumerable<string> Sentences(IEnumerable<AspectReview> reviews) => reviews.SelectMany(r =>
            r.Tokens.Select((token, t) => (token, aspect: r.AspectOfToken[t])).GroupBy(p => p.aspect).Select(g => $"{g.Key}:{string.Join(" ", g.Select(p => p.token))}"));
        // Compare the token sets of whole aspects: every training aspect text is made of training sentences only, so a
        // held-out aspect text equal to a training one would need shared sentences.
        var training = Sentences(splits.Train).ToHashSet();
        Assert.DoesNotContain(Sentences(splits.Test), training.Contains);
    }

    [Fact]
    public void Build_ZeroHeldOutShare_SplitsAreNewCombinationsOfTheSameSentences()
    {
        var splits = AspectReviewBuilder.Build(Corpus(), Spec with { TrainCount = 400, TestCount = 200 });
        static HashSet<string> AspectTexts(IEnumerable<AspectReview> reviews, int aspect) => reviews.Select(r =>
            string.Join(" ", r.Tokens.Where((_, t) => r.AspectOfToken[t] == aspect))).ToHashSet();
        static HashSet<string> Reviews(IEnumerable<AspectReview> reviews) => reviews.Select(r => string.Join(" ", r.Tokens)).ToHashSet();
        // The target aspect's texts of the test split recur in training, whole reviews mostly do not.
        Assert.True(AspectTexts(splits.Test, Spec.TargetAspect).Overlaps(AspectTexts(splits.Train, Spec.TargetAspect)));
        Assert.True(Reviews(splits.Test).Count(Reviews(splits.Train).Contains) < splits.Test.Count / 2);
    }

    [Theory]
    [InlineData("targetAspect", 3)]
    [InlineData("sentencesPerAspect", 0)]
    [InlineData("trainCount", 0)]
    public void Build_SpecOutOfRange_ThrowsNamingIt(string key, int value)
    {
        var spec = key switch
        {
            "targetAspect" => Spec with { TargetAspect = value },
            "sentencesPerAspect" => Spec with { SentencesPerAspect = value },
            _ => Spec with { TrainCount = value },
        };
        var error = Assert.Throws<ArgumentException>(() => AspectReviewBuilder.Build(Corpus(), spec));
        Assert.StartsWith(key, error.Message);
    }

    [Fact]
    public void Tokenize_LowerCasesAndKeepsInnerHyphensAndApostrophes()
    {
        Assert.Equal(["a", "slow-moving", "aimless", "movie", "don't", "buy"],
            ReviewTokenizer.Tokenize("A slow-moving, 'aimless' movie -- DON'T buy!"));
    }
}
