using Combigrad.Data.Mnist;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Methods;

namespace Combigrad.Experiments.Retrieval;

/// <summary>
/// Options of the ranking-based retrieval experiment (paper Sec. 4.4, Suppl. 6.6, Table 4; the setup of Rolínek et al.
/// 2020a on an obtainable data set). Defaults: Fashion-MNIST, a small CNN with 64-dimensional unit embeddings, class-balanced
/// batches of 5 classes x 16 images, BB lambda 0.05 (the paper's value for CUB-200-2011, its small data set), Adam 1e-3 with
/// weight decay 4e-4 (the paper's), sizes chosen so that one run takes a few minutes on two CPU cores (see README).
/// </summary>
public sealed record RetrievalOptions : IExperimentOptions
{
    /// <summary>The methods Table 4 compares.</summary>
    public static readonly IReadOnlyList<string> RankingMethods = ["identity", "bb"];

    /// <summary>The gradient method of the ranking layer: identity or bb.</summary>
    public string Method { get; init; } = "identity";

    /// <summary>Extra hyperparameters of the method (see <see cref="GradientMethodOptions"/>); bb's lambda defaults to <see cref="BlackboxLambda"/>.</summary>
    public GradientMethodOptions MethodOptions { get; init; } = new();

    /// <summary>lambda of BB (Suppl. 6.6: 0.05 for CUB-200-2011, 0.4 In-shop, 0.5 Online Products), in the units of Rolinek
    /// et al.'s code, whose ranks are divided by the number n of ranked items: the layer perturbs with <c>n lambda</c>
    /// because its ranks are whole numbers. The same holds for <c>methodOptions.lambda</c>.</summary>
    public double BlackboxLambda { get; init; } = 0.05;

    /// <summary>The projection before the ranking solver: none or plane+sphere (Table 4's rows); also sphere, plane, auto.</summary>
    public string Projection { get; init; } = "none";

    /// <summary>The image collection: mnist or fashion-mnist.</summary>
    public string Dataset { get; init; } = MnistData.FashionMnistName;

    /// <summary>Which classes are trained and tested: <c>all</c>, or <c>disjoint</c> (train 0-4, test 5-9; <see cref="Retrieval.ClassSplit"/>).</summary>
    public string ClassSplit { get; init; } = Retrieval.ClassSplit.All;

    /// <summary>Entries of an embedding (d).</summary>
    public int EmbeddingDimension { get; init; } = 64;

    /// <summary>Different classes in every training batch.</summary>
    public int ClassesPerBatch { get; init; } = 5;

    /// <summary>Images of each class in every training batch; each query then has <c>ExamplesPerClass - 1</c> relevant items.</summary>
    public int ExamplesPerClass { get; init; } = 16;

    /// <summary>Training images: the first ones of the 50,000 training split, of which those of the training classes are kept.</summary>
    public int TrainCount { get; init; } = 10_000;

    /// <summary>Validation images (of 10,000; training classes kept), for the early-stopping epoch.</summary>
    public int ValidationCount { get; init; } = 2_000;

    /// <summary>Test images (of 10,000; test classes kept): queries and gallery of the reported recall@K.</summary>
    public int TestCount { get; init; } = MnistData.TestCount;

    /// <summary>The data cache folder; null uses the default (~/.cache/combigrad or $COMBIGRAD_DATA_DIR).</summary>
    public string? DataDirectory { get; init; }

    /// <inheritdoc />
    /// <remarks>The batch size is set by the class-balanced sampler (<see cref="ClassesPerBatch"/> x <see cref="ExamplesPerClass"/>);
    /// <c>training.batchSize</c> is only the chunk size of evaluation.</remarks>
    public TrainerOptions Training { get; init; } = new() { Epochs = 4, BatchSize = 500, LearningRate = 1e-3, WeightDecay = 4e-4 };

    /// <inheritdoc />
    public void Validate()
    {
        OptionGuard.Require(RankingMethods.Contains(Method), "method", Method, $"one of {string.Join(", ", RankingMethods)} (the methods of Table 4)");
        MethodSelection.Validate(Method, MethodOptions, BlackboxLambda, Projection);
        OptionGuard.Require(MnistData.MnistName == Dataset || MnistData.FashionMnistName == Dataset, "dataset", Dataset,
            $"{MnistData.MnistName} or {MnistData.FashionMnistName}");
        OptionGuard.Require(Retrieval.ClassSplit.Names.Contains(ClassSplit), "classSplit", ClassSplit, string.Join(" or ", Retrieval.ClassSplit.Names));
        OptionGuard.Require(EmbeddingDimension >= 2, "embeddingDimension", EmbeddingDimension, ">= 2");
        var trainingClasses = Retrieval.ClassSplit.TrainingClasses(ClassSplit).Count;
        OptionGuard.Require(ClassesPerBatch >= 1 && ClassesPerBatch <= trainingClasses, "classesPerBatch", ClassesPerBatch,
            $"in 1..{trainingClasses} (the training classes of classSplit {ClassSplit})");
        OptionGuard.Require(ExamplesPerClass >= 2, "examplesPerClass", ExamplesPerClass, ">= 2 (a query needs a relevant item in its batch)");
        OptionGuard.Require(TrainCount is >= 1 and <= MnistData.TrainCount, "trainCount", TrainCount, $"in 1..{MnistData.TrainCount}");
        OptionGuard.Require(ValidationCount is >= 2 and <= MnistData.ValidationCount, "validationCount", ValidationCount, $"in 2..{MnistData.ValidationCount}");
        OptionGuard.Require(TestCount is >= 2 and <= MnistData.TestCount, "testCount", TestCount, $"in 2..{MnistData.TestCount}");
        OptionGuard.Require(Training.LabelFlipRate == 0, "training.labelFlipRate", Training.LabelFlipRate, "0 (the targets are class labels)");
        Training.Validate();
    }
}
