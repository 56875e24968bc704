using System.Diagnostics;
using Combigrad.Experiments.Faults;
using Combigrad.Experiments.Training;
using Microsoft.Data.Sqlite;

namespace Combigrad.Experiments.Results;

/// <summary>
/// The SQLite results store (WAL mode): runs with their options, seed, commit and machine, and per-epoch metrics.
/// Every write is one transaction, so killing the process at any moment loses at most the epoch in progress and
/// never corrupts the file. Runs left "running" by a dead process on this machine are marked interrupted on open.
/// </summary>
public sealed class ResultsDatabase : IDisposable
{
    /// <summary>The default location, relative to the working directory.</summary>
    public const string DefaultPath = "results/combigrad.db";

    /// <summary>Split name of per-epoch training statistics.</summary>
    public const string TrainSplit = "train";
    /// <summary>Split name of validation metrics.</summary>
    public const string ValidationSplit = "validation";
    /// <summary>Split name of test metrics.</summary>
    public const string TestSplit = "test";

    private const int BusyTimeoutMilliseconds = 30_000;
    private readonly SqliteConnection _connection;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>.</summary>
    /// <exception cref="FaultException">The file or its folder cannot be opened or created, or it is not a SQLite
    /// database, or it stays locked; the message names the file.</exception>
    public ResultsDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FaultException(FaultKind.FileAccess,
                $"cannot create the folder of the results database {Path}: permission denied; give this user write access there, or choose another path.", e);
        }
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        try
        {
            Open();
        }
        catch (SqliteException e)
        {
            _connection.Dispose();
            throw SqliteFaults.For(e, Path);
        }
    }

    /// <summary>Opens the connection, sets WAL mode, creates the tables, and marks dead runs interrupted.</summary>
    private void Open()
    {
        _connection.Open();
        Execute($"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};");
        Execute("PRAGMA journal_mode = WAL;");
        Execute("PRAGMA synchronous = NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_key TEXT NOT NULL UNIQUE,
                experiment TEXT NOT NULL,
                method TEXT NOT NULL,
                options_json TEXT NOT NULL,
                seed INTEGER NOT NULL,
                git_commit TEXT NOT NULL,
                machine TEXT NOT NULL,
                pid INTEGER,
                started_at TEXT NOT NULL,
                ended_at TEXT,
                status TEXT NOT NULL,
                best_epoch INTEGER,
                message TEXT);
            CREATE TABLE IF NOT EXISTS epoch_metrics (
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                epoch INTEGER NOT NULL,
                split TEXT NOT NULL,
                name TEXT NOT NULL,
                value REAL,
                PRIMARY KEY (run_id, epoch, split, name));
            """);
        MarkDeadRunsInterrupted();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Finds a run by key.</summary>
    public RunInfo? FindRun(string runKey) => QueryRuns("WHERE run_key = $key", ("$key", runKey)).SingleOrDefault();

    /// <summary>All runs, optionally of one experiment, in id order.</summary>
    public IReadOnlyList<RunInfo> GetRuns(string? experiment = null) =>
        experiment is null ? QueryRuns("") : QueryRuns("WHERE experiment = $experiment", ("$experiment", experiment));

    /// <summary>
    /// Registers a run as running in this process. A new key inserts a row; an existing key is taken over: with
    /// <paramref name="keepEpochsThrough"/> its epochs up to that one are kept (resume), otherwise all are deleted.
    /// </summary>
    public long StartRun(string runKey, string experiment, string method, string optionsJson, int seed, string gitCommit, int? keepEpochsThrough)
    {
        using var transaction = _connection.BeginTransaction();
        var existing = FindRun(runKey);
        long id;
        if (existing is null)
        {
            id = Scalar<long>("""
                INSERT INTO runs (run_key, experiment, method, options_json, seed, git_commit, machine, pid, started_at, status)
                VALUES ($key, $experiment, $method, $options, $seed, $commit, $machine, $pid, $now, $status);
                SELECT last_insert_rowid();
                """,
                ("$key", runKey), ("$experiment", experiment), ("$method", method), ("$options", optionsJson), ("$seed", seed),
                ("$commit", gitCommit), ("$machine", Environment.MachineName), ("$pid", Environment.ProcessId),
                ("$now", Now()), ("$status", RunStatus.Running));
        }
        else
        {
            id = existing.Id;
            Execute("DELETE FROM epoch_metrics WHERE run_id = $id AND epoch > $keep;", ("$id", id), ("$keep", keepEpochsThrough ?? -1));
            Execute("""
                UPDATE runs SET status = $status, pid = $pid, machine = $machine, git_commit = $commit, ended_at = NULL,
                    best_epoch = NULL, message = NULL, started_at = CASE WHEN $resume THEN started_at ELSE $now END
                WHERE id = $id;
                """,
                ("$status", RunStatus.Running), ("$pid", Environment.ProcessId), ("$machine", Environment.MachineName),
                ("$commit", gitCommit), ("$resume", keepEpochsThrough is not null), ("$now", Now()), ("$id", id));
        }
        transaction.Commit();
        return id;
    }

    /// <summary>Stores one epoch's statistics and metrics in a single transaction.</summary>
    /// <exception cref="FaultException">The write failed (disk full, locked, read-only); the message names the file.</exception>
    public void RecordEpoch(long runId, EpochRecord record)
    {
        try
        {
            WriteEpoch(runId, record);
        }
        catch (SqliteException e)
        {
            throw SqliteFaults.For(e, Path);
        }
    }

    private void WriteEpoch(long runId, EpochRecord record)
    {
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO epoch_metrics (run_id, epoch, split, name, value) VALUES ($run, $epoch, $split, $name, $value);";
        var run = command.Parameters.Add("$run", SqliteType.Integer);
        var epoch = command.Parameters.Add("$epoch", SqliteType.Integer);
        var split = command.Parameters.Add("$split", SqliteType.Text);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var value = command.Parameters.Add("$value", SqliteType.Real);
        run.Value = runId;
        epoch.Value = record.Epoch;
        foreach (var (s, n, v) in Flatten(record))
        {
            split.Value = s;
            name.Value = n;
            value.Value = double.IsFinite(v) ? v : DBNull.Value;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Marks a run completed with its early-stopping epoch.</summary>
    public void CompleteRun(long runId, int bestEpoch) =>
        Execute("UPDATE runs SET status = $status, ended_at = $now, best_epoch = $best WHERE id = $id;",
            ("$status", RunStatus.Completed), ("$now", Now()), ("$best", bestEpoch), ("$id", runId));

    /// <summary>Marks a run failed (exception) or interrupted (cancelled) with a message.</summary>
    public void EndRun(long runId, string status, string message) =>
        Execute("UPDATE runs SET status = $status, ended_at = $now, message = $message WHERE id = $id;",
            ("$status", status), ("$now", Now()), ("$message", message), ("$id", runId));

    /// <summary>Every stored metric of a run.</summary>
    public IReadOnlyList<MetricRow> GetMetrics(long runId)
    {
        using var command = Command("SELECT epoch, split, name, value FROM epoch_metrics WHERE run_id = $id ORDER BY epoch, split, name;", ("$id", runId));
        using var reader = command.ExecuteReader();
        var rows = new List<MetricRow>();
        while (reader.Read())
            rows.Add(new MetricRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? double.NaN : reader.GetDouble(3)));
        return rows;
    }

    /// <summary>The highest stored epoch of a run, or -1.</summary>
    public int LastEpoch(long runId) => (int)Scalar<long>("SELECT COALESCE(MAX(epoch), -1) FROM epoch_metrics WHERE run_id = $id;", ("$id", runId));

    /// <summary>
    /// Copies the runs of another results database into this one (for per-run databases of a cluster job array).
    /// A run whose key is already here is skipped unless this copy is not completed and the other one is.
    /// Returns the number of runs copied.
    /// </summary>
    public int MergeFrom(string otherPath)
    {
        if (!File.Exists(otherPath)) throw new FileNotFoundException($"no results database at {otherPath}", otherPath);
        using var other = new ResultsDatabase(otherPath);
        var copied = 0;
        foreach (var run in other.GetRuns())
        {
            var mine = FindRun(run.RunKey);
            if (mine is not null && (mine.Status == RunStatus.Completed || run.Status != RunStatus.Completed)) continue;
            using var transaction = _connection.BeginTransaction();
            if (mine is not null) Execute("DELETE FROM epoch_metrics WHERE run_id = $id; DELETE FROM runs WHERE id = $id;", ("$id", mine.Id));
            var id = Scalar<long>("""
                INSERT INTO runs (run_key, experiment, method, options_json, seed, git_commit, machine, pid, started_at, ended_at, status, best_epoch)
                VALUES ($key, $experiment, $method, $options, $seed, $commit, $machine, NULL, $started, $ended, $status, $best);
                SELECT last_insert_rowid();
                """,
                ("$key", run.RunKey), ("$experiment", run.Experiment), ("$method", run.Method), ("$options", run.OptionsJson),
                ("$seed", run.Seed), ("$commit", run.GitCommit), ("$machine", run.Machine), ("$started", run.StartedAt),
                ("$ended", (object?)run.EndedAt ?? DBNull.Value), ("$status", run.Status), ("$best", (object?)run.BestEpoch ?? DBNull.Value));
            foreach (var row in other.GetMetrics(run.Id))
                Execute("INSERT INTO epoch_metrics (run_id, epoch, split, name, value) VALUES ($run, $epoch, $split, $name, $value);",
                    ("$run", id), ("$epoch", row.Epoch), ("$split", row.Split), ("$name", row.Name),
                    ("$value", double.IsFinite(row.Value) ? row.Value : DBNull.Value));
            transaction.Commit();
            copied++;
        }
        return copied;
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private static IEnumerable<(string Split, string Name, double Value)> Flatten(EpochRecord r)
    {
        yield return (TrainSplit, MetricNames.Loss, r.TrainLoss);
        yield return (TrainSplit, "learning_rate", r.LearningRate);
        yield return (TrainSplit, "noise_on", r.NoiseOn ? 1 : 0);
        yield return (TrainSplit, "wall_seconds", r.WallSeconds);
        yield return (TrainSplit, "solver_seconds", r.SolverSeconds);
        yield return (TrainSplit, "network_seconds", r.NetworkSeconds);
        yield return (TrainSplit, "solver_calls", r.SolverCalls);
        yield return (TrainSplit, MetricNames.CostNorm, r.TrainCostNorm);
        foreach (var (name, value) in r.Validation) yield return (ValidationSplit, name, value);
        foreach (var (name, value) in r.Test) yield return (TestSplit, name, value);
    }

    private void MarkDeadRunsInterrupted()
    {
        foreach (var run in QueryRuns("WHERE status = $status AND machine = $machine", ("$status", RunStatus.Running), ("$machine", Environment.MachineName)))
        {
            var pid = Scalar<long?>("SELECT pid FROM runs WHERE id = $id;", ("$id", run.Id));
            if (pid is { } p && IsAlive((int)p)) continue;
            EndRun(run.Id, RunStatus.Interrupted, "the process that ran it is gone");
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private List<RunInfo> QueryRuns(string where, params (string Name, object? Value)[] parameters)
    {
        using var command = Command($"""
            SELECT id, run_key, experiment, method, options_json, seed, git_commit, machine, started_at, ended_at, status, best_epoch
            FROM runs {where} ORDER BY id;
            """, parameters);
        using var reader = command.ExecuteReader();
        var runs = new List<RunInfo>();
        while (reader.Read())
        {
            runs.Add(new RunInfo(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetInt32(11)));
        }
        return runs;
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private T Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var result = command.ExecuteScalar();
        if (result is null or DBNull) return default!;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(result, target, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Now() => DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
