namespace Combigrad.Data.Reviews;

/// <summary>The three splits of the synthetic benchmark.</summary>
public sealed record AspectReviewSplits(IReadOnlyList<AspectReview> Train, IReadOnlyList<AspectReview> Validation, IReadOnlyList<AspectReview> Test);
