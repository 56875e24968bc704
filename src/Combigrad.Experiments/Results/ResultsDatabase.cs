using System.Diagnostics;
using Combigrad.Experiments.Faults;
using Combigrad.Experiments.Training;
using Microsoft.Data.Sqlite;

namespace Combigrad.Experiments.Results;

/// <summary>
/// The SQLite results store (WAL mode): runs with their options, seed, commit and machine, and per-epoch metrics.
/// Every write is one transaction, so killing the process at any moment loses at most the epoch in progress and
/// never corrupts the file. One process at a time owns a run (<see cref="ClaimRun"/>: host, pid and a heartbeat lease);
/// every write of a run checks the claim in its transaction, so an owner whose lease expired cannot write after another
/// process took the run over. Runs left "running" by a process that is gone (dead pid on this host, or lease expired)
/// are marked interrupted on open.
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
    private readonly RunLeaseOptions _lease;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>, with the lease times of the environment.</summary>
    public ResultsDatabase(string path)
        : this(path, RunLeaseOptions.FromEnvironment())
    {
    }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="lease">How long a run's claim lives without a heartbeat.</param>
    public ResultsDatabase(string path, RunLeaseOptions lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        _lease = lease;
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
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
        AddLeaseColumns();
        MarkDeadRunsInterrupted();
    }

    /// <summary>How long a run's claim lives without a heartbeat.</summary>
    public RunLeaseOptions Lease => _lease;

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Finds a run by key.</summary>
    public RunInfo? FindRun(string runKey) => QueryRuns("WHERE run_key = $key", ("$key", runKey)).SingleOrDefault();

    /// <summary>All runs, optionally of one experiment, in id order.</summary>
    public IReadOnlyList<RunInfo> GetRuns(string? experiment = null) =>
        experiment is null ? QueryRuns("") : QueryRuns("WHERE experiment = $experiment", ("$experiment", experiment));

    /// <summary>
    /// Claims run <paramref name="runKey"/> for this process (inserting it when new) and marks it running, in one write
    /// transaction. The run's epochs are left as they are; the caller settles them with <see cref="ResetEpochs"/>.
    /// </summary>
    /// <exception cref="FaultException">(<see cref="FaultKind.RunBusy"/>) another live process holds the run: its lease has
    /// not expired and, on this host, its pid is alive.</exception>
    public RunClaim ClaimRun(string runKey, string experiment, string method, string optionsJson, int seed, string gitCommit)
    {
        using var transaction = _connection.BeginTransaction();
        var token = Guid.NewGuid().ToString("N");
        var existing = FindRun(runKey);
        RunClaim claim;
        if (existing is null)
        {
            var id = Scalar<long>("""
                INSERT INTO runs (run_key, experiment, method, options_json, seed, git_commit, machine, pid, started_at, status, owner_token, heartbeat_ms)
                VALUES ($key, $experiment, $method, $options, $seed, $commit, $machine, $pid, $now, $status, $token, $heartbeat);
                SELECT last_insert_rowid();
                """,
                ("$key", runKey), ("$experiment", experiment), ("$method", method), ("$options", optionsJson), ("$seed", seed),
                ("$commit", gitCommit), ("$machine", Environment.MachineName), ("$pid", Environment.ProcessId),
                ("$now", Now()), ("$status", RunStatus.Running), ("$token", token), ("$heartbeat", NowMilliseconds()));
            claim = new RunClaim(id, runKey, token, null, null, -1);
        }
        else
        {
            if (LiveOwner(existing.Id) is { } owner)
                throw new FaultException(FaultKind.RunBusy,
                    $"run {runKey} is being trained by pid {owner.Pid} on {owner.Machine} (last heartbeat {owner.SecondsAgo:F0} s ago); wait for it to finish, or stop it and run again (its claim expires {_lease.LeaseSeconds:F0} s after its last heartbeat).");
            var message = Scalar<string?>("SELECT message FROM runs WHERE id = $id;", ("$id", existing.Id));
            claim = new RunClaim(existing.Id, runKey, token, existing.Status, message, LastEpoch(existing.Id));
            Execute("""
                UPDATE runs SET status = $status, pid = $pid, machine = $machine, git_commit = $commit, ended_at = NULL,
                    best_epoch = NULL, message = NULL, owner_token = $token, heartbeat_ms = $heartbeat
                WHERE id = $id;
                """,
                ("$status", RunStatus.Running), ("$pid", Environment.ProcessId), ("$machine", Environment.MachineName),
                ("$commit", gitCommit), ("$token", token), ("$heartbeat", NowMilliseconds()), ("$id", existing.Id));
        }
        transaction.Commit();
        return claim;
    }

    /// <summary>Gives a claimed run back without training it: restores the status and message it had before the claim.</summary>
    public void ReleaseClaim(RunClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        using var transaction = _connection.BeginTransaction();
        if (!Owns(claim)) return;
        if (claim.PreviousStatus is null)
            Execute("DELETE FROM epoch_metrics WHERE run_id = $id; DELETE FROM runs WHERE id = $id;", ("$id", claim.Id));
        else
            Execute("UPDATE runs SET status = $status, message = $message, ended_at = $now, owner_token = NULL WHERE id = $id;",
                ("$status", claim.PreviousStatus), ("$message", (object?)claim.PreviousMessage ?? DBNull.Value), ("$now", Now()), ("$id", claim.Id));
        transaction.Commit();
    }

    /// <summary>
    /// Replaces every stored epoch of a claimed run with <paramref name="history"/>: the history of the checkpoint it resumes
    /// from (so rows of epochs after the checkpoint are dropped and redone), or nothing when it starts over.
    /// </summary>
    /// <exception cref="FaultException">(<see cref="FaultKind.RunBusy"/>) the claim was lost to another process.</exception>
    public void ResetEpochs(RunClaim claim, IReadOnlyList<EpochRecord> history)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(history);
        using var transaction = _connection.BeginTransaction();
        RequireOwner(claim);
        Execute("DELETE FROM epoch_metrics WHERE run_id = $id;", ("$id", claim.Id));
        if (history.Count == 0) Execute("UPDATE runs SET started_at = $now WHERE id = $id;", ("$now", Now()), ("$id", claim.Id));
        foreach (var record in history) InsertEpoch(claim.Id, record);
        transaction.Commit();
    }

    /// <summary>Stores one epoch's statistics and metrics of a claimed run in a single transaction, which also checks the
    /// claim and refreshes its heartbeat.</summary>
    /// <exception cref="FaultException">(<see cref="FaultKind.RunBusy"/>) the claim was lost to another process.</exception>
    public void RecordEpoch(RunClaim claim, EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(record);
        using var transaction = _connection.BeginTransaction();
        RequireOwner(claim);
        InsertEpoch(claim.Id, record);
        Execute("UPDATE runs SET heartbeat_ms = $heartbeat WHERE id = $id;", ("$heartbeat", NowMilliseconds()), ("$id", claim.Id));
        FaultInjection.At(FaultInjection.Commit);
        transaction.Commit();
    }

    /// <summary>Refreshes a claim's heartbeat; false when the claim was lost to another process.</summary>
    public bool Heartbeat(RunClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        using var command = Command("UPDATE runs SET heartbeat_ms = $heartbeat WHERE id = $id AND owner_token = $token;",
            ("$heartbeat", NowMilliseconds()), ("$id", claim.Id), ("$token", claim.Token));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Marks a claimed run completed with its early-stopping epoch.</summary>
    /// <exception cref="FaultException">(<see cref="FaultKind.RunBusy"/>) the claim was lost to another process.</exception>
    public void CompleteRun(RunClaim claim, int bestEpoch)
    {
        ArgumentNullException.ThrowIfNull(claim);
        using var transaction = _connection.BeginTransaction();
        RequireOwner(claim);
        Execute("UPDATE runs SET status = $status, ended_at = $now, best_epoch = $best, owner_token = NULL WHERE id = $id;",
            ("$status", RunStatus.Completed), ("$now", Now()), ("$best", bestEpoch), ("$id", claim.Id));
        transaction.Commit();
    }

    /// <summary>Marks a claimed run failed (exception) or interrupted (cancelled) with a message; does nothing when the
    /// claim was lost to another process (the run is theirs now).</summary>
    public void EndRun(RunClaim claim, string status, string message)
    {
        ArgumentNullException.ThrowIfNull(claim);
        using var command = Command("""
            UPDATE runs SET status = $status, ended_at = $now, message = $message, owner_token = NULL
            WHERE id = $id AND owner_token = $token;
            """,
            ("$status", status), ("$now", Now()), ("$message", message), ("$id", claim.Id), ("$token", claim.Token));
        command.ExecuteNonQuery();
    }

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

    private void InsertEpoch(long runId, EpochRecord record)
    {
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
    }

    /// <summary>Whether this process still holds the claim.</summary>
    public bool Owns(RunClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return Scalar<string?>("SELECT owner_token FROM runs WHERE id = $id;", ("$id", claim.Id)) == claim.Token;
    }

    /// <summary>Throws when the claim was lost to another process.</summary>
    /// <exception cref="FaultException">(<see cref="FaultKind.RunBusy"/>) another process took the run over.</exception>
    public void EnsureOwner(RunClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        RequireOwner(claim);
    }

    private void RequireOwner(RunClaim claim)
    {
        if (Owns(claim)) return;
        var (machine, pid) = Owner(claim.Id);
        throw new FaultException(FaultKind.RunBusy,
            $"run {claim.RunKey} was taken over by pid {pid} on {machine} after this process's claim expired; this process stopped without writing to {Path}.");
    }

    private (string Machine, long? Pid) Owner(long runId)
    {
        using var command = Command("SELECT machine, pid FROM runs WHERE id = $id;", ("$id", runId));
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    /// <summary>The process holding a running run, when it is alive: its lease has not expired and, on this host, its pid
    /// exists. A run without a heartbeat (written by an older version) is live only while its pid is, on this host.</summary>
    private (string Machine, long Pid, double SecondsAgo)? LiveOwner(long runId)
    {
        using var command = Command("SELECT status, machine, pid, heartbeat_ms FROM runs WHERE id = $id;", ("$id", runId));
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.GetString(0) != RunStatus.Running || reader.IsDBNull(2)) return null;
        var machine = reader.GetString(1);
        var pid = reader.GetInt64(2);
        var sameHost = machine == Environment.MachineName;
        if (sameHost && !IsAlive((int)pid)) return null;
        if (reader.IsDBNull(3)) return sameHost ? (machine, pid, double.NaN) : null;
        var secondsAgo = (NowMilliseconds() - reader.GetInt64(3)) / 1000.0;
        return secondsAgo < _lease.LeaseSeconds ? (machine, pid, secondsAgo) : null;
    }

    /// <summary>Adds the claim columns to a database made by an older version.</summary>
    private void AddLeaseColumns()
    {
        string[] missing = ["owner_token TEXT", "heartbeat_ms INTEGER"];
        if (MissingColumns(missing).Count == 0) return; // nothing to write (a read-only database still opens)
        using var transaction = _connection.BeginTransaction();
        foreach (var column in MissingColumns(missing)) Execute($"ALTER TABLE runs ADD COLUMN {column};");
        transaction.Commit();
    }

    private List<string> MissingColumns(string[] columns)
    {
        var present = new HashSet<string>();
        using (var command = Command("PRAGMA table_info(runs);"))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) present.Add(reader.GetString(1));
        return [.. columns.Where(c => !present.Contains(c.Split(' ')[0]))];
    }

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
        if (DeadRuns().Count == 0) return; // nothing to write (a read-only database still opens)
        using var transaction = _connection.BeginTransaction();
        foreach (var id in DeadRuns()) // again inside the write transaction: another process may have claimed one meanwhile
            Execute("UPDATE runs SET status = $status, ended_at = $now, message = $message, owner_token = NULL WHERE id = $id;",
                ("$status", RunStatus.Interrupted), ("$now", Now()), ("$message", "the process that ran it is gone"), ("$id", id));
        transaction.Commit();
    }

    /// <summary>Running runs whose owner is gone: a dead pid on this host, or an expired lease (a run of another host
    /// without a heartbeat, from an older version, is left alone).</summary>
    private List<long> DeadRuns() =>
        [.. QueryRuns("WHERE status = $status", ("$status", RunStatus.Running))
            .Where(run => LiveOwner(run.Id) is null &&
                (run.Machine == Environment.MachineName || Scalar<long?>("SELECT heartbeat_ms FROM runs WHERE id = $id;", ("$id", run.Id)) is not null))
            .Select(run => run.Id)];

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

    private static long NowMilliseconds() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
