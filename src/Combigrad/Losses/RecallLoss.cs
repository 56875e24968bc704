using Combigrad.Layers;
using Combigrad.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Losses;

/// <summary>
/// The recall loss of Rolínek et al. (2020a, RaMBO), paper eq. 21, for scores <c>omega</c> and 0/1 relevance labels <c>y*</c>:
/// <code>
/// L(omega, y*) = 1/|rel(y*)| sum_{i in rel(y*)} log(1 + rk(omega)_i - rk(omega+)_i)
/// </code>
/// where <c>rk(omega)</c> ranks all items (1 = highest score) and <c>rk(omega+)_i</c> is the rank of <c>i</c> among the relevant items
/// only. <c>rk(omega)_i - rk(omega+)_i</c> is the number of irrelevant items ranked above the relevant item <c>i</c>, so
/// <c>L = 0</c> exactly when every relevant item is ranked above every irrelevant one.
/// </summary>
/// <remarks>
/// <para><c>rk(omega)</c> comes from the given ranking <see cref="SolverLayer"/> (a <see cref="RankingSolver"/>, eq. 19, with
/// <see cref="ObjectiveSense.Minimize"/>: the solver already gives the largest input rank 1), so its gradient is whatever that
/// layer's method returns (BB with lambda 0.05 to 0.5 in the paper, or Identity with <c>P_sphere o P_plane</c>).
/// <c>rk(omega+)</c> is read off the same ranks without a gradient (<see cref="FromRanks"/>): the order of the relevant items
/// among themselves in <c>rk(omega)</c>. It does not change when relevant items move relative to irrelevant ones, which is
/// what the loss rewards; differentiating it too would cancel the Identity gradient exactly. Reading it off the layer's
/// ranks (rather than ranking the clean scores again) keeps both terms consistent when the layer adds margin noise.</para>
/// <para>The loss is averaged over the rows that have at least one relevant item; rows without any contribute nothing.</para>
/// </remarks>
public sealed class RecallLoss : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly SolverLayer _ranking;

    /// <summary>Creates the loss around a ranking layer (not owned).</summary>
    /// <exception cref="ArgumentException">The layer maximises (its ranks would be reversed).</exception>
    public RecallLoss(SolverLayer rankingLayer, string name = nameof(RecallLoss)) : base(name)
    {
        ArgumentNullException.ThrowIfNull(rankingLayer);
        if (rankingLayer.Sense != ObjectiveSense.Minimize)
            throw new ArgumentException(
                $"{name}: the ranking layer must use ObjectiveSense.Minimize: RankingSolver already gives the largest score rank 1 (eq. 19).", nameof(rankingLayer));
        _ranking = rankingLayer;
        RegisterComponents();
    }

    /// <summary>The loss for scores and relevance labels of shape <c>[..., n]</c>.</summary>
    /// <exception cref="ArgumentException">The shapes differ or do not match the ranking solver.</exception>
    public override Tensor forward(Tensor scores, Tensor relevance)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(relevance);
        LossGuard.ThrowIfShapesDiffer(GetName(), scores, relevance, nameof(relevance));
        using var scope = NewDisposeScope();
        var n = _ranking.Solver.Dimension;
        return FromRanks(_ranking.call(scores.reshape(-1, n)), relevance.reshape(-1, n)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Eq. 21 for ranks <c>rk(omega)</c> (1 = first, a permutation of <c>1..n</c> per row, as a ranking layer returns them, with
    /// their gradient) and relevance labels, both of shape <c>[..., n]</c>. <c>rk(omega+)</c> is the position of each relevant
    /// item among the relevant ones in the order of <paramref name="ranks"/>, without a gradient.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static Tensor FromRanks(Tensor ranks, Tensor relevance)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        ArgumentNullException.ThrowIfNull(relevance);
        LossGuard.ThrowIfShapesDiffer(nameof(RecallLoss), ranks, relevance, nameof(relevance));
        using var scope = NewDisposeScope();
        var n = ranks.shape[^1];
        var flatRanks = ranks.reshape(-1, n);
        var relevant = relevance.reshape(-1, n).detach().gt(0.5);
        // Irrelevant items are moved behind every relevant one (their ranks shifted by n); sorting then puts the relevant items
        // first, in their order in rk(omega), so the position of a relevant item is its rank among the relevant ones.
        var detached = flatRanks.detach();
        var key = where(relevant, detached, detached + n);
        var relevantRanks = (key.argsort(-1).argsort(-1) + 1).to(flatRanks.dtype);
        // Irrelevant entries get log(1) = 0 (their rank difference may be <= 0, whose log is NaN even when masked by a product).
        var terms = where(relevant, 1 + flatRanks - relevantRanks, ones_like(flatRanks)).log();
        var counts = relevant.sum(-1).to(flatRanks.dtype);
        var hasRelevant = counts.gt(0);
        var perRow = terms.sum(-1) / counts.clamp_min(1);
        var rows = hasRelevant.sum().to(flatRanks.dtype).clamp_min(1);
        return ((perRow * hasRelevant.to(flatRanks.dtype)).sum() / rows).MoveToOuterDisposeScope();
    }
}
