namespace Combigrad.Experiments.Results;

/// <summary>This process's claim on a run in the results database (see <see cref="ResultsDatabase.ClaimRun"/>).</summary>
/// <param name="Id">The run's database id.</param>
/// <param name="RunKey">The run's key.</param>
/// <param name="Token">Identifies this claim; every write of the run checks it is still the owner.</param>
/// <param name="PreviousStatus">The status before this claim (null for a new run).</param>
/// <param name="PreviousMessage">The message before this claim (why it failed or was interrupted), if any.</param>
/// <param name="LastEpoch">The highest epoch stored before this claim, or -1.</param>
public sealed record RunClaim(long Id, string RunKey, string Token, string? PreviousStatus, string? PreviousMessage, int LastEpoch);
