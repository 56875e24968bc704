namespace Combigrad.Testing;

/// <summary>Reference ranking and top-k via LINQ's stable sort, independent of the solvers.</summary>
public static class ReferenceOrderings
{
    /// <summary>Ranks 1..n: the largest cost gets 1; equal costs keep index order (lower index, smaller rank).</summary>
    public static float[] Ranks(IReadOnlyList<float> costs)
    {
        var order = Enumerable.Range(0, costs.Count).OrderByDescending(i => costs[i]).ToArray();
        var ranks = new float[costs.Count];
        for (var position = 0; position < order.Length; position++) ranks[order[position]] = position + 1;
        return ranks;
    }

    /// <summary>Indicator of the k smallest costs; equal costs are taken in index order.</summary>
    public static float[] SmallestK(IReadOnlyList<float> costs, int k)
    {
        var indicator = new float[costs.Count];
        foreach (var i in Enumerable.Range(0, costs.Count).OrderBy(i => costs[i]).Take(k)) indicator[i] = 1f;
        return indicator;
    }
}
