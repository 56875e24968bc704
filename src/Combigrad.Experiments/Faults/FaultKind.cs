namespace Combigrad.Experiments.Faults;

/// <summary>
/// The classes of expected faults the command line reports as one line, each with its own process exit code.
/// An unexpected exception (a bug) exits with <see cref="Bug"/> and prints its stack trace.
/// </summary>
public enum FaultKind
{
    /// <summary>An unexpected exception: a bug in Combigrad.</summary>
    Bug = 1,

    /// <summary>Bad command line or options: unknown flag, bad or conflicting value, missing preset.</summary>
    Usage = 2,

    /// <summary>A file or folder cannot be read or written: permissions, missing folder, disk full.</summary>
    FileAccess = 3,

    /// <summary>The results database is not a SQLite database, is corrupt, or stays locked.</summary>
    ResultsDatabase = 4,

    /// <summary>No intact checkpoint to resume from (truncated, corrupt, or belonging to another run).</summary>
    Checkpoint = 5,

    /// <summary>A data set is missing, cannot be fetched, or fails its checksum.</summary>
    Data = 6,

    /// <summary>A solver hit its time limit or the problem has no feasible solution.</summary>
    Solver = 7,

    /// <summary>Another live process holds the run (one writer per run).</summary>
    RunBusy = 8,

    /// <summary>The run was interrupted before; it must be resumed (--resume) or started over (--restart) explicitly.</summary>
    RunInterrupted = 9,

    /// <summary>Stopped by SIGINT (Ctrl-C); the run is recorded as interrupted and resumable.</summary>
    StoppedByInterrupt = 130,

    /// <summary>Stopped by SIGTERM (a scheduler's stop); the run is recorded as interrupted and resumable.</summary>
    StoppedByTerminate = 143,
}
