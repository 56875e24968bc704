using Combigrad.Experiments.Faults;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Training;
using Microsoft.Data.Sqlite;

namespace Combigrad.Experiments.Tests;

public sealed class RunClaimTests
{
    private static readonly RunLeaseOptions ShortLease = new() { LeaseSeconds = 60, HeartbeatSeconds = 10 };

    private static RunClaim Claim(ResultsDatabase database, string key = "run-a") =>
        database.ClaimRun(key, "shortest-path-demo", "identity", "{}", 0, "test");

    private static EpochRecord Epoch(int epoch) =>
        new(epoch, 0.5, 0.01, false, 1, 0.5, 10, 2, new Dictionary<string, double> { ["regret"] = epoch }, new Dictionary<string, double> { ["regret"] = epoch });

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void ClaimRun_HeldByLiveProcess_ThrowsRunBusyNamingKeyHostAndPid()
    {
        var path = Path.Combine(TestOptions.TemporaryDirectory(), "r.db");
        using var first = new ResultsDatabase(path, ShortLease);
        using var second = new ResultsDatabase(path, ShortLease);
        Claim(first);

        var fault = Assert.Throws<FaultException>(() => Claim(second));

        Assert.Equal(FaultKind.RunBusy, fault.Kind);
        Assert.Contains("run-a", fault.Message);
        Assert.Contains($"pid {Environment.ProcessId}", fault.Message);
        Assert.Contains(Environment.MachineName, fault.Message);
    }

    [Fact]
    public void ClaimRun_DifferentRuns_BothClaimedAndRecorded()
    {
        var path = Path.Combine(TestOptions.TemporaryDirectory(), "r.db");
        using var first = new ResultsDatabase(path, ShortLease);
        using var second = new ResultsDatabase(path, ShortLease);
        var a = Claim(first, "run-a");
        var b = Claim(second, "run-b");

        first.RecordEpoch(a, Epoch(0));
        second.RecordEpoch(b, Epoch(0));

        Assert.Equal(0, first.LastEpoch(a.Id));
        Assert.Equal(0, first.LastEpoch(b.Id));
    }

    [Fact]
    public void ClaimRun_LeaseExpired_TakesOverAndStaleOwnerCannotWriteOrEndTheRun()
    {
        var path = Path.Combine(TestOptions.TemporaryDirectory(), "r.db");
        using var stale = new ResultsDatabase(path, ShortLease);
        var old = Claim(stale);
        stale.RecordEpoch(old, Epoch(0));
        // The owner runs on another host and has not sent a heartbeat for two minutes.
        Execute(path, $"UPDATE runs SET machine = 'other-host', pid = 4242, heartbeat_ms = {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 120_000};");

        using var taker = new ResultsDatabase(path, ShortLease);
        var claim = Claim(taker);

        Assert.Equal(RunStatus.Interrupted, claim.PreviousStatus); // marked so when the database was opened
        Assert.Equal(0, claim.LastEpoch);
        var fault = Assert.Throws<FaultException>(() => stale.RecordEpoch(old, Epoch(1)));
        Assert.Equal(FaultKind.RunBusy, fault.Kind);
        Assert.Contains("taken over", fault.Message);
        stale.EndRun(old, RunStatus.Interrupted, "stale");
        Assert.Equal(RunStatus.Running, taker.FindRun("run-a")!.Status);
        Assert.Equal(0, taker.LastEpoch(claim.Id));
        Assert.False(stale.Heartbeat(old));
        Assert.True(taker.Heartbeat(claim));
    }

    [Fact]
    public void ClaimRun_LiveLeaseOnAnotherHost_Busy()
    {
        var path = Path.Combine(TestOptions.TemporaryDirectory(), "r.db");
        using (var other = new ResultsDatabase(path, ShortLease)) Claim(other);
        Execute(path, $"UPDATE runs SET machine = 'other-host', pid = 4242, heartbeat_ms = {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 5_000};");

        using var database = new ResultsDatabase(path, ShortLease);
        var fault = Assert.Throws<FaultException>(() => Claim(database));

        Assert.Equal(FaultKind.RunBusy, fault.Kind);
        Assert.Contains("pid 4242 on other-host", fault.Message);
    }

    [Fact]
    public void Open_RunningRunWhoseProcessIsGone_MarkedInterrupted()
    {
        var path = Path.Combine(TestOptions.TemporaryDirectory(), "r.db");
        using (var database = new ResultsDatabase(path, ShortLease)) Claim(database);
        Execute(path, "UPDATE runs SET pid = 2147483000;"); // no such process on this host

        using var reopened = new ResultsDatabase(path, ShortLease);

        Assert.Equal(RunStatus.Interrupted, reopened.FindRun("run-a")!.Status);
    }

    [Fact]
    public void Open_DatabaseWithoutClaimColumns_AddsThemAndClaims()
    {
        var path = Path.Combine(TestOptions.TemporaryDirectory(), "old.db");
        Execute(path, """
            CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, run_key TEXT NOT NULL UNIQUE, experiment TEXT NOT NULL,
                method TEXT NOT NULL, options_json TEXT NOT NULL, seed INTEGER NOT NULL, git_commit TEXT NOT NULL, machine TEXT NOT NULL,
                pid INTEGER, started_at TEXT NOT NULL, ended_at TEXT, status TEXT NOT NULL, best_epoch INTEGER, message TEXT);
            INSERT INTO runs (run_key, experiment, method, options_json, seed, git_commit, machine, pid, started_at, status)
            VALUES ('run-a', 'shortest-path-demo', 'identity', '{}', 0, 'old', 'other-host', 1, '2026-01-01', 'interrupted');
            """);

        using var database = new ResultsDatabase(path, ShortLease);
        var claim = Claim(database);
        database.RecordEpoch(claim, Epoch(0));
        database.CompleteRun(claim, 0);

        Assert.Equal(RunStatus.Interrupted, claim.PreviousStatus);
        Assert.Equal(RunStatus.Completed, database.FindRun("run-a")!.Status);
    }

    [Fact]
    public void ReleaseClaim_RestoresThePreviousStatus()
    {
        var path = Path.Combine(TestOptions.TemporaryDirectory(), "r.db");
        using var database = new ResultsDatabase(path, ShortLease);
        var first = Claim(database);
        database.RecordEpoch(first, Epoch(0));
        database.EndRun(first, RunStatus.Interrupted, "stopped after epoch 0");

        database.ReleaseClaim(Claim(database));

        var run = database.FindRun("run-a")!;
        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.Equal(0, database.LastEpoch(run.Id));
    }
}
