using Combigrad.Cli.Commands;
using Combigrad.Data.Fetching;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Faults;
using Combigrad.Experiments.Options;
using Combigrad.Experiments.Slurm;
using Combigrad.Experiments.Sweeps;
using Combigrad.Solvers;
using Microsoft.Data.Sqlite;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Faults;

/// <summary>
/// The command line's one exception boundary: every exception that leaves a command ends here. An expected fault
/// becomes one line on standard error (<c>error: ...</c>, naming the file, key or run and what to do) and the exit
/// code of its <see cref="FaultKind"/>; anything else is a bug and prints its stack trace with a request to report it.
/// </summary>
/// <remarks>
/// Code that knows the file (the results database, the data cache, the checkpoint folder) throws
/// <see cref="FaultException"/> itself; the other rules map the foreign exceptions that still reach this point by type
/// and by the assembly that threw them.
/// </remarks>
internal static class FaultBoundary
{
    /// <summary>Appended to the stack trace of an unexpected exception.</summary>
    public const string BugNotice = "this is a bug in Combigrad; please report it with the command line and the trace above.";

    /// <summary>Writes the report of <paramref name="exception"/> to <paramref name="error"/> and returns the exit code.</summary>
    public static int Report(Exception exception, TextWriter error)
    {
        if (Classify(exception) is { } fault)
        {
            error.WriteLine($"error: {OneLine(fault.Message)}");
            return (int)fault.Kind;
        }
        error.WriteLine($"error: {exception}");
        error.WriteLine(BugNotice);
        return (int)FaultKind.Bug;
    }

    /// <summary>The class and one-line message of an expected fault, or null for a bug.</summary>
    public static (FaultKind Kind, string Message)? Classify(Exception exception)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) return Classify(aggregate.InnerExceptions[0]);
        return exception switch
        {
            FaultException fault => (fault.Kind, fault.Message),
            CommandAppException => (FaultKind.Usage, exception.Message),
            // Cancellation that no command turned into its own fault (see FaultKind.StoppedByTerminate for SIGTERM).
            OperationCanceledException => (FaultKind.StoppedByInterrupt,
                "stopped; an unfinished run is recorded as interrupted: run the same command with --resume to continue it."),
            DataUnavailableException => (FaultKind.Data, exception.Message),
            SolverTimeLimitException or InfeasibleProblemException => (FaultKind.Solver, SolverMessage(exception)),
            SqliteException sqlite => Classify(SqliteFaults.For(sqlite, path: null)),
            ArgumentException or FileNotFoundException when ArisesFrom(exception, UserInputReaders) => (FaultKind.Usage, exception.Message),
            UnauthorizedAccessException => (FaultKind.FileAccess, $"{exception.Message} Give this user write access there, or choose another path."),
            FileNotFoundException or InvalidDataException when ThrownBy(exception, "Combigrad.Data") => (FaultKind.Data, exception.Message),
            InvalidDataException when ThrownBy(exception, "Combigrad.Experiments") => (FaultKind.Checkpoint, exception.Message),
            FileNotFoundException or DirectoryNotFoundException or PathTooLongException => (FaultKind.FileAccess, exception.Message),
            IOException io when IsDiskFull(io) => (FaultKind.FileAccess, $"{exception.Message} Free some space (or choose another path) and run again; completed epochs are kept."),
            _ => null,
        };
    }

    /// <summary>The exit code of each class with what it means, in code order (for <c>--help</c> and the README).</summary>
    public static IReadOnlyList<(int Code, string Meaning)> ExitCodes { get; } =
    [
        (0, "success"),
        ((int)FaultKind.Bug, "a bug in Combigrad (the stack trace is printed; please report it)"),
        ((int)FaultKind.Usage, "bad command line or options: unknown flag or argument, bad --set key or value, missing preset, a report that matches no run"),
        ((int)FaultKind.FileAccess, "a file or folder cannot be read or written: permissions, missing folder, disk full"),
        ((int)FaultKind.ResultsDatabase, "the results database is not a SQLite database, is corrupt, or stays locked"),
        ((int)FaultKind.Checkpoint, "no intact checkpoint to resume from (truncated, corrupt, or of another run)"),
        ((int)FaultKind.Data, "a data set is missing, cannot be fetched, or fails its checksum"),
        ((int)FaultKind.Solver, "a solver hit its time limit or the problem has no feasible solution"),
        ((int)FaultKind.RunBusy, "another live process is training the same run"),
        ((int)FaultKind.RunInterrupted, "the run was interrupted before: resume it (--resume) or start over (--restart)"),
        ((int)FaultKind.StoppedByInterrupt, "stopped by Ctrl-C (SIGINT); the run is recorded as interrupted and resumable"),
        ((int)FaultKind.StoppedByTerminate, "stopped by SIGTERM (a scheduler's stop); the run is recorded as interrupted and resumable"),
    ];

    private static string SolverMessage(Exception exception) =>
        exception.Data[BatchSolver.InstanceIndexDataKey] is int index ? $"instance {index} of the batch: {exception.Message}" : exception.Message;

    /// <summary>ENOSPC (28) on Unix, ERROR_HANDLE_DISK_FULL (0x27) or ERROR_DISK_FULL (0x70) on Windows, as .NET reports
    /// them in <see cref="Exception.HResult"/>.</summary>
    private static bool IsDiskFull(IOException exception)
    {
        const int NoSpaceOnUnix = 28;
        const int HandleDiskFullOnWindows = 0x27;
        const int DiskFullOnWindows = 0x70;
        var code = exception.HResult & 0xFFFF;
        return OperatingSystem.IsWindows() ? code is HandleDiskFullOnWindows or DiskFullOnWindows : code == NoSpaceOnUnix;
    }

    /// <summary>The methods that read what the user typed or chose (options, --set, presets, experiment names, the Slurm
    /// flags and sweep folder): an <see cref="ArgumentException"/> or missing file from inside them is a usage error,
    /// anywhere else a bug.</summary>
    private static readonly Type[] UserInputReaders =
        [typeof(OptionsBinder), typeof(Preset), typeof(ExperimentCatalog), typeof(SlurmSweep), typeof(SlurmSweepStatus)];

    private static bool ArisesFrom(Exception exception, Type[] types) =>
        new System.Diagnostics.StackTrace(exception).GetFrames().Any(f => IsOrIsNestedIn(f.GetMethod()?.DeclaringType, types));

    /// <summary>Lambdas and local functions live in compiler-generated nested types.</summary>
    private static bool IsOrIsNestedIn(Type? type, Type[] types)
    {
        for (; type is not null; type = type.DeclaringType)
            if (types.Contains(type)) return true;
        return false;
    }

    private static bool ThrownBy(Exception exception, string assembly) =>
        exception.TargetSite?.DeclaringType?.Assembly.GetName().Name == assembly;

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
