namespace Combigrad.Experiments.Results;

/// <summary>
/// Keeps a claim on a run alive: every <see cref="RunLeaseOptions.HeartbeatSeconds"/> it refreshes the claim's heartbeat
/// through its own connection to the database (the trainer's thread keeps the other). When the claim turns out to be
/// lost (another process took the run over after this one's lease expired) it cancels <see cref="Lost"/>, which stops
/// training at the next batch.
/// </summary>
internal sealed class RunHeartbeat : IDisposable
{
    private readonly ResultsDatabase _database;
    private readonly RunClaim _claim;
    private readonly CancellationTokenSource _lost = new();
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private bool _disposed;

    public RunHeartbeat(string databasePath, RunLeaseOptions lease, RunClaim claim)
    {
        _database = new ResultsDatabase(databasePath, lease);
        _claim = claim;
        var period = TimeSpan.FromSeconds(lease.HeartbeatSeconds);
        _timer = new Timer(_ => Beat(), null, period, period);
    }

    /// <summary>Cancelled once the claim is found lost.</summary>
    public CancellationToken Lost => _lost.Token;

    private void Beat()
    {
        lock (_gate)
        {
            if (_disposed) return;
            try
            {
                if (!_database.Heartbeat(_claim)) _lost.Cancel();
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // Busy beyond the busy timeout: skip this beat; the lease is several beats long, and every epoch commit beats too.
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _timer.Dispose();
        _database.Dispose();
        _lost.Dispose();
    }
}
