using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Combigrad.Experiments.Faults;

/// <summary>
/// A test hook for the process-fault tests: with <c>COMBIGRAD_TEST_FAULT=point:occurrence:action</c> in the environment,
/// the given occurrence (1-based, counted in this process) of a named point in the training loop, checkpoint writer or
/// database makes the process act: <c>kill</c> (SIGKILL itself), <c>sigint</c> / <c>sigterm</c> (send itself the
/// signal and carry on, as Ctrl-C or a scheduler would) or <c>sleepMS</c> (pause that many milliseconds). Without the
/// variable every call is a no-op.
/// </summary>
internal static class FaultInjection
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "COMBIGRAD_TEST_FAULT";

    /// <summary>After a training batch's optimizer step.</summary>
    public const string Batch = "batch";
    /// <summary>Between the validation and the test evaluation of an epoch.</summary>
    public const string Evaluation = "evaluation";
    /// <summary>After a checkpoint's payload is written, before its length and checksum are.</summary>
    public const string CheckpointWrite = "checkpoint-write";
    /// <summary>Between moving the newest checkpoint to the previous one and moving the new one into place.</summary>
    public const string CheckpointRename = "checkpoint-rename";
    /// <summary>Inside an epoch's database transaction, after its rows are written and before the commit.</summary>
    public const string Commit = "commit";

    private const int SignalInterrupt = 2;
    private const int SignalTerminate = 15;

    private static readonly Lazy<(string Point, int Occurrence, string Action)?> Plan = new(() => Parse(Environment.GetEnvironmentVariable(Variable)));
    private static int _hits;

    /// <summary>Marks that the process reached <paramref name="point"/>.</summary>
    public static void At(string point)
    {
        if (Plan.Value is not { } plan || plan.Point != point || Interlocked.Increment(ref _hits) != plan.Occurrence) return;
        switch (plan.Action)
        {
            case "kill":
                Process.GetCurrentProcess().Kill();
                Thread.Sleep(Timeout.Infinite);
                break;
            case "sigint":
                _ = SendSignal(Environment.ProcessId, SignalInterrupt);
                break;
            case "sigterm":
                _ = SendSignal(Environment.ProcessId, SignalTerminate);
                break;
            default:
                Thread.Sleep(int.Parse(plan.Action["sleep".Length..], CultureInfo.InvariantCulture));
                break;
        }
    }

    private static (string, int, string)? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var parts = value.Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var occurrence) || occurrence < 1 ||
            !(parts[2] is "kill" or "sigint" or "sigterm" || (parts[2].StartsWith("sleep", StringComparison.Ordinal) && int.TryParse(parts[2]["sleep".Length..], CultureInfo.InvariantCulture, out _))))
            throw new FaultException(FaultKind.Usage, $"{Variable}='{value}' is not point:occurrence:action (action kill, sigint, sigterm or sleepMS).");
        return (parts[0], occurrence, parts[2]);
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}
