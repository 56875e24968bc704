using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Faults;
using Combigrad.Experiments.Options;
using Combigrad.Experiments.Training;

namespace Combigrad.Experiments.Results;

/// <summary>
/// Runs one configured experiment: claims it in the results database (one process per run), trains it with checkpoints
/// under <c>checkpoints/&lt;run key&gt;.ckpt</c> next to the database, records every epoch, and marks the run completed,
/// failed or interrupted. A completed run is skipped. A run with progress (recorded epochs or checkpoints) is never
/// started over silently: it is continued from its newest intact checkpoint with <c>resume</c>, started over with
/// <c>restart</c>, and refused otherwise.
/// </summary>
public sealed class ExperimentRunner(ResultsDatabase database)
{
    /// <summary>The trainer writes its first checkpoint after epoch 1 (epoch 0 is only an evaluation).</summary>
    private const int FirstCheckpointEpoch = 1;

    /// <summary>The checkpoint file of a run.</summary>
    public string CheckpointPath(string runKey) => CheckpointPath(database.Path, runKey);

    /// <summary>The checkpoint file of run <paramref name="runKey"/> of the database at <paramref name="databasePath"/>.</summary>
    public static string CheckpointPath(string databasePath, string runKey) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "checkpoints", runKey + ".ckpt");

    /// <summary>Runs (or skips, resumes or restarts) the experiment with the given options.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="options">Its bound, validated options.</param>
    /// <param name="resume">Continue an unfinished run from its newest intact checkpoint (a new run just starts).</param>
    /// <param name="observer">Progress observer (in addition to the database).</param>
    /// <param name="restartCompleted">Train again (from epoch 0) even when the run is complete in the database.</param>
    /// <param name="cancellationToken">Stops training between batches; the run is then marked interrupted.</param>
    /// <param name="restart">Start the run over whatever its state: its checkpoints and recorded epochs are deleted.</param>
    /// <exception cref="FaultException"><see cref="FaultKind.RunBusy"/>: another live process holds the run, or took it over;
    /// <see cref="FaultKind.RunInterrupted"/>: the run has progress and neither <paramref name="resume"/> nor
    /// <paramref name="restart"/> is set; <see cref="FaultKind.Checkpoint"/>: resuming, but no checkpoint is intact.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> stopped the run (recorded as interrupted).</exception>
    public RunOutcome Run(IExperiment experiment, IExperimentOptions options, bool resume, ITrainingObserver? observer = null,
        bool restartCompleted = false, CancellationToken cancellationToken = default, bool restart = false)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        if (resume && restart) throw new FaultException(FaultKind.Usage, "--resume and --restart exclude each other: continue the run or start it over.");
        var optionsJson = OptionsBinder.Serialize(experiment, options);
        var key = RunIdentity.Key(experiment.Name, optionsJson);
        if (database.FindRun(key)?.Status == RunStatus.Completed && !restartCompleted && !restart) return new RunOutcome(key, Skipped: true, Result: null);

        var claim = database.ClaimRun(key, experiment.Name, options.Method, optionsJson, options.Training.Seed, RunIdentity.GitCommit());
        var checkpoints = new CheckpointFiles(CheckpointPath(key), key);
        IReadOnlyList<string> warnings;
        try
        {
            warnings = Prepare(claim, checkpoints, resume, restart || claim.PreviousStatus == RunStatus.Completed, $"{experiment.Name} {options.Method} seed {options.Training.Seed}");
        }
        catch
        {
            database.ReleaseClaim(claim);
            throw;
        }

        using var heartbeat = new RunHeartbeat(database.Path, database.Lease, claim);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, heartbeat.Lost);
        var recorder = new DatabaseRecorder(database, claim);
        try
        {
            using var problem = experiment.Build(options);
            var result = new Trainer(options.Training, checkpoints).Run(problem,
                observer is null ? recorder : new CompositeObserver(recorder, observer), stop.Token);
            database.CompleteRun(claim, result.BestEpoch);
            return new RunOutcome(key, Skipped: false, result) { Warnings = warnings };
        }
        catch (Exception e) when (heartbeat.Lost.IsCancellationRequested || (e is not FaultException { Kind: FaultKind.RunBusy } && !database.Owns(claim)))
        {
            // Taken over after this process's lease expired (it was frozen, or its heartbeats did not get through): whatever
            // failed here (a cancelled batch, a checkpoint file the new owner moved) is reported as that, and nothing is written.
            database.EnsureOwner(claim);
            throw;
        }
        catch (OperationCanceledException)
        {
            database.EndRun(claim, RunStatus.Interrupted, $"stopped after epoch {database.LastEpoch(claim.Id)}; continue it with --resume");
            throw;
        }
        catch (FaultException e) when (e.Kind == FaultKind.RunBusy)
        {
            throw; // the claim was lost: the run belongs to another process now
        }
        catch (Exception e)
        {
            database.EndRun(claim, RunStatus.Failed, e.Message.ReplaceLineEndings(" "));
            throw;
        }
    }

    /// <summary>Settles the claimed run's checkpoints and recorded epochs before training: deleted when it starts over,
    /// the newest intact checkpoint's history when it resumes. Returns the damaged checkpoints passed over.</summary>
    private List<string> Prepare(RunClaim claim, CheckpointFiles checkpoints, bool resume, bool startOver, string label)
    {
        var progress = checkpoints.Exists || claim.LastEpoch >= 1;
        if (startOver || !progress)
        {
            // Without progress nothing is lost: at most epoch 0, the untrained model, which is evaluated again.
            checkpoints.Delete();
            database.ResetEpochs(claim, []);
            return [];
        }
        var state = claim.PreviousStatus is RunStatus.Failed ? "failed" : "interrupted";
        var reached = claim.LastEpoch >= 0 ? $" after epoch {claim.LastEpoch}" : "";
        if (!resume)
            throw new FaultException(FaultKind.RunInterrupted,
                $"run {claim.RunKey} ({label}) {state}{reached}; add --resume to continue it from its checkpoint, or --restart to start it over.");
        var intact = checkpoints.NewestIntact();
        if (intact is null && checkpoints.Exists)
            throw new FaultException(FaultKind.Checkpoint,
                $"run {claim.RunKey} ({label}) has no intact checkpoint to resume from: {checkpoints.DescribeProblems()}; add --restart instead of --resume to start it over.");
        if (intact is null && claim.LastEpoch > FirstCheckpointEpoch)
            throw new FaultException(FaultKind.Checkpoint,
                $"run {claim.RunKey} ({label}) has epochs up to {claim.LastEpoch} in {database.Path} but no checkpoint at {checkpoints.Path}; add --restart instead of --resume to start it over.");
        // Killed before its first checkpoint was in place: resuming is starting over, and loses nothing that is not redone.
        database.ResetEpochs(claim, intact?.History ?? []);
        return [.. checkpoints.Inspect().Where(c => !c.Intact && c.Path != checkpoints.TemporaryPath)
            .Select(c => $"{c.Path} {c.Problem}; resuming run {claim.RunKey} from epoch {intact?.Epoch ?? 0} instead.")];
    }

    private sealed class DatabaseRecorder(ResultsDatabase database, RunClaim claim) : ITrainingObserver
    {
        public void OnEpochStarted(int epoch, int epochs, int batches) { }

        public void OnBatchCompleted(int epoch, int batch, double loss) { }

        public void OnEpochCompleted(EpochRecord record) => database.RecordEpoch(claim, record);
    }
}
