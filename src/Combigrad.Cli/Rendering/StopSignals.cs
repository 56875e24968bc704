using System.Runtime.InteropServices;
using Combigrad.Experiments.Faults;

namespace Combigrad.Cli.Rendering;

/// <summary>
/// Turns the first SIGINT (Ctrl-C) or SIGTERM (a scheduler's stop, e.g. Slurm before a time limit) into a cooperative
/// stop: <see cref="Token"/> is cancelled, the trainer abandons the current epoch at the next batch and the run is
/// recorded as interrupted. A second Ctrl-C ends the process at once (the run is then marked interrupted by the next
/// process that opens the database, since its pid is gone); a repeated SIGTERM changes nothing.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _received;

    public StopSignals(CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The fault of the first signal received, or null.</summary>
    public FaultKind? Received => Volatile.Read(ref _received) switch
    {
        0 => null,
        1 => FaultKind.StoppedByInterrupt,
        _ => FaultKind.StoppedByTerminate,
    };

    /// <summary>The name of the first signal received.</summary>
    public string SignalName => Received == FaultKind.StoppedByInterrupt ? "SIGINT" : "SIGTERM";

    /// <summary>Stops <paramref name="child"/> (a <c>combigrad run</c> of a sweep) the same cooperative way, with SIGTERM: a
    /// child that already got the terminal's Ctrl-C takes it as the same stop, not as a second Ctrl-C.</summary>
    public void Forward(System.Diagnostics.Process child)
    {
        if (Received is null) return;
        try
        {
            if (!child.HasExited) _ = SendSignal(child.Id, SignalTerminate);
        }
        catch (InvalidOperationException)
        {
            // not started or already gone
        }
    }

    private const int SignalTerminate = 15;

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    private void Handle(PosixSignalContext context)
    {
        var code = context.Signal == PosixSignal.SIGINT ? 1 : 2;
        if (Interlocked.CompareExchange(ref _received, code, 0) != 0)
        {
            // A second Ctrl-C quits at once (default action). A later SIGTERM is the stop already under way, sent again
            // (a scheduler signals every process of the job, and a sweep passes its signal on to its runs).
            context.Cancel = code == 2;
            return;
        }
        context.Cancel = true;
        if (!Console.IsErrorRedirected)
            Console.Error.WriteLine($"{(code == 1 ? "Ctrl-C" : "SIGTERM")}: stopping at the end of the current batch; press Ctrl-C again to quit at once.");
        _stop.Cancel();
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }
}
