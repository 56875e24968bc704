using Combigrad.Data.Fetching;
using Combigrad.Data.Reviews;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Layers;
using Combigrad.Methods;
using Combigrad.Noise;
using Combigrad.Projections;
using Combigrad.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Experiments.L2x;

/// <summary>
/// Learning to explain (paper Sec. 4.3, Table 3; Suppl. 6.5; Chen et al. 2018, Niepert et al. 2021) on a substitute for
/// BeerAdvocate: an explainer scores the tokens of a review, a k-hot mask keeps k of them, and a predictor estimates the
/// target aspect's rating from the kept tokens' embeddings alone (MSE loss). The methods differ only in how the mask is
/// sampled and differentiated in training: identity samples <c>topk(scores + SoG)</c> and backpropagates with Identity
/// after <c>P_sphere o P_plane</c> over the real tokens; imle samples the same way with the BB difference; l2x and
/// softsub feed a relaxed mask (<see cref="ConcreteSubsetMethod"/>, <see cref="SoftSubsetMethod"/>). In evaluation every
/// method selects the hard top-k of the scores. Test loss is the MSE; precision is the share of selected tokens that
/// are rated words of the target aspect. Data: npm sentiment 5.0.2, fetched on first use.
/// </summary>
public sealed class L2xExperiment : IExperiment
{
    /// <inheritdoc />
    public string Name => "l2x";

    /// <inheritdoc />
    public Type OptionsType => typeof(L2xOptions);

    /// <inheritdoc />
    public IExperimentOptions DefaultOptions => new L2xOptions();

    /// <inheritdoc />
    public string HeadlineMetric => MetricNames.Loss;

    /// <inheritdoc />
    public TrainingProblem Build(IExperimentOptions options)
    {
        var o = (L2xOptions)options;
        o.Validate();
        var corpus = ReviewCorpus.Load(ReviewSources.Fetch(new DataCache(o.DataDirectory)));
        return Build(o, corpus);
    }

    /// <summary>Builds the problem over an already loaded corpus (tests use a small hand-made one).</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static TrainingProblem Build(L2xOptions o, ReviewCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(corpus);
        o.Validate();
        var splits = AspectReviewBuilder.Build(corpus, o.Benchmark);
        var vocabulary = ReviewVocabulary.Build(splits.Train);
        var length = o.Benchmark.MaxLength(corpus.AspectCount);
        var device = o.Training.TorchDevice();
        LabeledSplit Encode(IReadOnlyList<AspectReview> reviews)
        {
            var encoded = EncodedReviews.Encode(reviews, vocabulary, corpus.Lexicon, length, o.Benchmark.TargetAspect);
            return new LabeledSplit(tensor(encoded.TokenIds, [encoded.Count, encoded.Length], device: device), RatingTargets.Of(encoded, device));
        }

        var solver = new CountingSolver(new TopKSolver(length, o.K));
        var (method, layer) = CreateSampler(o, solver);
        var shared = new SharedEmbeddings();
        using var initialization = new Generator((ulong)o.Training.Seed);
        return new TrainingProblem
        {
            Backbone = new ExplainerNetwork(vocabulary.Count, o.EmbeddingDims, o.ExplainerFilters, shared, initialization).to(device),
            Head = new PredictorNetwork(o.EmbeddingDims, o.PredictorHidden, o.K, shared, initialization).to(device),
            Solver = solver,
            Method = method,
            Layer = layer,
            Loss = RatingTargets.Loss,
            IsSampler = true,
            SamplesOnlyInTraining = true,
            Train = Encode(splits.Train),
            Validation = Encode(splits.Validation),
            Test = Encode(splits.Test),
            ExtraMetrics = RatingTargets.Metrics,
            EarlyStoppingMetric = MetricNames.Loss,
        };
    }

    /// <summary>The training method (null for the relaxations, which are plain layer methods) and the sampling layer.</summary>
    private static (TrainingMethod? Method, SolverLayer Layer) CreateSampler(L2xOptions o, CountingSolver solver)
    {
        var seed = (ulong)o.Training.Seed;
        switch (o.Method)
        {
            case "identity":
                {
                    var method = MethodSelection.Create("identity", o.MethodOptions, o.ImleLambda, o.Training.Seed);
                    // SumOfGammaNoise holds no native resources, so the layer may drop or outlive it without disposal.
                    var noise = new SumOfGammaNoise(o.K, o.NoiseTemperature, o.NoiseTerms, seed);
                    return (method, method.CreateLayer(solver, new SolverLayerOptions
                    {
                        Projection = new PaddingAwareProjection(),
                        Sense = ObjectiveSense.Maximize,
                        PerturbationNoise = noise,
                    }));
                }
            case "imle":
                {
                    var method = MethodSelection.Create("imle", ImleOptions(o), o.ImleLambda, o.Training.Seed);
                    return (method, method.CreateLayer(solver, new SolverLayerOptions { Sense = ObjectiveSense.Maximize }));
                }
            default:
                {
                    IGradientMethod relaxation = o.Method == "l2x"
                        ? new ConcreteSubsetMethod(o.RelaxationTemperature, seed)
                        : new SoftSubsetMethod(o.RelaxationTemperature, seed);
                    return (null, new SolverLayer(solver, relaxation,
                        new SolverLayerOptions { Sense = ObjectiveSense.Maximize, Projection = CostProjection.None }));
                }
        }
    }

    /// <summary>imle samples with Sum-of-Gamma noise (k, tau, s of the options) unless methodOptions says otherwise.</summary>
    private static GradientMethodOptions ImleOptions(L2xOptions o) =>
        o.MethodOptions.WithSumOfGammaDefaults(o.ImleLambda, o.K, o.NoiseTemperature, o.NoiseTerms);
}
