namespace Combigrad.Experiments.Results;

/// <summary>One row of the runs table.</summary>
/// <param name="Id">Database id.</param>
/// <param name="RunKey">Hash of experiment and canonical options (method and seed included).</param>
/// <param name="Experiment">Experiment name.</param>
/// <param name="Method">Gradient method.</param>
/// <param name="OptionsJson">Canonical options JSON.</param>
/// <param name="Seed">Training seed.</param>
/// <param name="GitCommit">Commit the run was made with.</param>
/// <param name="Machine">Host name.</param>
/// <param name="StartedAt">UTC start time (ISO 8601).</param>
/// <param name="EndedAt">UTC end time, when ended.</param>
/// <param name="Status">See <see cref="RunStatus"/>.</param>
/// <param name="BestEpoch">The early-stopping epoch, when completed.</param>
public sealed record RunInfo(
    long Id, string RunKey, string Experiment, string Method, string OptionsJson, int Seed, string GitCommit, string Machine,
    string StartedAt, string? EndedAt, string Status, int? BestEpoch);
