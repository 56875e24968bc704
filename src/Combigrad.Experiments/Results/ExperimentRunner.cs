using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Options;
using Combigrad.Experiments.Training;

namespace Combigrad.Experiments.Results;

/// <summary>
/// Runs one configured experiment: registers it in the results database, trains it with a checkpoint under
/// <c>checkpoints/&lt;run key&gt;.ckpt</c> next to the database, records every epoch, and marks the run completed,
/// failed or interrupted. A completed run is skipped; an interrupted one continues from its checkpoint with
/// <c>resume</c>, otherwise it starts over.
/// </summary>
public sealed class ExperimentRunner(ResultsDatabase database)
{
    /// <summary>The checkpoint file of a run.</summary>
    public string CheckpointPath(string runKey) => CheckpointPath(database.Path, runKey);

    /// <summary>The checkpoint file of run <paramref name="runKey"/> of the database at <paramref name="databasePath"/>.</summary>
    public static string CheckpointPath(string databasePath, string runKey) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "checkpoints", runKey + ".ckpt");

    /// <summary>Runs (or skips, or resumes) the experiment with the given options.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="options">Its bound, validated options.</param>
    /// <param name="resume">Continue an unfinished run from its checkpoint instead of starting over.</param>
    /// <param name="observer">Progress observer (in addition to the database).</param>
    /// <param name="restartCompleted">Train again even when the run is complete in the database.</param>
    /// <param name="cancellationToken">Stops training between batches; the run is then marked interrupted.</param>
    public RunOutcome Run(IExperiment experiment, IExperimentOptions options, bool resume, ITrainingObserver? observer = null,
        bool restartCompleted = false, CancellationToken cancellationToken = default)
    {
        var optionsJson = OptionsBinder.Serialize(experiment, options);
        var key = RunIdentity.Key(experiment.Name, optionsJson);
        var existing = database.FindRun(key);
        if (existing?.Status == RunStatus.Completed && !restartCompleted) return new RunOutcome(key, Skipped: true, Result: null);
        if (existing?.Status == RunStatus.Completed) resume = false;

        var checkpoint = CheckpointPath(key);
        if (!resume && File.Exists(checkpoint)) File.Delete(checkpoint);
        int? keep = resume && existing is not null && File.Exists(checkpoint) ? CheckpointEpoch(key) : null;
        if (resume && keep is null && File.Exists(checkpoint)) File.Delete(checkpoint);
        var runId = database.StartRun(key, experiment.Name, options.Method, optionsJson, options.Training.Seed, RunIdentity.GitCommit(), keep);
        try
        {
            using var problem = experiment.Build(options);
            var recorder = new DatabaseRecorder(database, runId);
            var result = new Trainer(options.Training, checkpoint).Run(problem,
                observer is null ? recorder : new CompositeObserver(recorder, observer), cancellationToken);
            database.CompleteRun(runId, result.BestEpoch);
            return new RunOutcome(key, Skipped: false, result);
        }
        catch (OperationCanceledException)
        {
            database.EndRun(runId, RunStatus.Interrupted, "cancelled");
            throw;
        }
        catch (Exception e)
        {
            database.EndRun(runId, RunStatus.Failed, e.Message);
            throw;
        }
    }

    /// <summary>The last epoch stored in the database for a run whose checkpoint exists: the checkpoint is written
    /// after the epoch's database row, so it is at that epoch or one before; the trainer redoes anything after it.</summary>
    private int? CheckpointEpoch(string key) => database.FindRun(key) is { } run ? database.LastEpoch(run.Id) : null;

    private sealed class DatabaseRecorder(ResultsDatabase database, long runId) : ITrainingObserver
    {
        public void OnEpochStarted(int epoch, int epochs, int batches) { }

        public void OnBatchCompleted(int epoch, int batch, double loss) { }

        public void OnEpochCompleted(EpochRecord record) => database.RecordEpoch(runId, record);
    }
}
