using Combigrad.Data.Reviews;
using static TorchSharp.torch;

namespace Combigrad.Experiments.L2x;

/// <summary>
/// The targets of the L2X problem, one row <c>[1 + length]</c> per review: column 0 the target aspect's rating, then the
/// <see cref="RationaleLabel"/> of every token. The loss is the squared error of the rating; the labels score the
/// selected tokens (<see cref="Metrics"/>).
/// </summary>
public static class RatingTargets
{
    /// <summary>Share of the k selected tokens that are rated words of the target aspect (the true rationale).</summary>
    public const string Precision = "precision";

    /// <summary>Share of the k selected tokens that lie in the target aspect's sentences (BeerAdvocate's annotation).</summary>
    public const string AspectPrecision = "aspect_precision";

    /// <summary>The targets of <paramref name="reviews"/>, <c>[count, 1 + length]</c>, on <paramref name="device"/>.</summary>
    public static Tensor Of(EncodedReviews reviews, Device device)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        var rows = new float[reviews.Count * (1 + reviews.Length)];
        for (var i = 0; i < reviews.Count; i++)
        {
            rows[i * (1 + reviews.Length)] = reviews.Ratings[i];
            for (var t = 0; t < reviews.Length; t++) rows[i * (1 + reviews.Length) + 1 + t] = reviews.Labels[i * reviews.Length + t];
        }
        return tensor(rows, [reviews.Count, 1 + reviews.Length], device: device);
    }

    /// <summary>Mean squared error between predicted ratings <c>[batch]</c> and the targets' ratings.</summary>
    public static Tensor Loss(Tensor predicted, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(targets);
        using var scope = NewDisposeScope();
        return nn.functional.mse_loss(predicted, targets.select(1, 0)).MoveToOuterDisposeScope();
    }

    /// <summary>Selection precisions of the masks <c>[N, length]</c> (k ones each) against the targets' labels.</summary>
    public static IReadOnlyDictionary<string, double> Metrics(Tensor masks, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(targets);
        using var scope = NewDisposeScope();
        var labels = targets.narrow(1, 1, targets.shape[1] - 1);
        var selected = masks.to(ScalarType.Float64);
        var count = selected.sum();
        double Share(Tensor hits) => (selected * hits.to(ScalarType.Float64)).sum().div(count).item<double>();
        return new Dictionary<string, double>
        {
            [Precision] = Share(labels.eq((float)RationaleLabel.Rationale)),
            [AspectPrecision] = Share(labels.ge((float)RationaleLabel.TargetAspect)),
        };
    }
}
