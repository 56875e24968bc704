using Combigrad.Data.Reviews;
using Combigrad.Experiments.L2x;
using Combigrad.Experiments.Training;

namespace Combigrad.Experiments.Tests.L2x;

/// <summary>A hand-made three-aspect corpus and tiny L2X options that train in about a second.</summary>
internal static class L2xTestData
{
    public static readonly SentimentLexicon Lexicon = new(new Dictionary<string, int>
    {
        ["good"] = 3,
        ["bad"] = -3,
        ["awful"] = -3,
        ["great"] = 3,
        ["fine"] = 2,
        ["slow"] = -2,
    });

    public static ReviewCorpus Corpus()
    {
        string[][] topics = [["film", "plot", "actor"], ["phone", "battery", "case"], ["food", "waiter", "menu"]];
        string[] words = ["good", "bad", "awful", "great", "fine", "slow", "the", "a"];
        var aspects = topics.Select((topic, a) => (IReadOnlyList<string[]>)Enumerable.Range(0, 40)
            .Select(i => Enumerable.Range(0, 3 + (i + a) % 5).Select(t => t % 2 == 0 ? topic[(i + t) % 3] : words[(i * 3 + t + a) % words.Length]).ToArray())
            .ToArray()).ToArray();
        return new ReviewCorpus(aspects, Lexicon);
    }

    public static L2xOptions Tiny(string method, int epochs = 2) => new()
    {
        Method = method,
        K = 3,
        EmbeddingDims = 8,
        ExplainerFilters = 8,
        PredictorHidden = 8,
        Benchmark = new ReviewBenchmarkSpec { TrainCount = 80, ValidationCount = 20, TestCount = 20, MaxSentenceTokens = 7, Seed = 2 },
        Training = new TrainerOptions { Epochs = epochs, BatchSize = 10, LearningRate = 1e-2, Seed = 6 },
    };
}
