namespace Combigrad.Experiments.Results;

/// <summary>The states of a run in the results database.</summary>
public static class RunStatus
{
    /// <summary>A process is training it now.</summary>
    public const string Running = "running";
    /// <summary>Every epoch finished.</summary>
    public const string Completed = "completed";
    /// <summary>The process died or was killed; <c>--resume</c> continues it from its last checkpoint.</summary>
    public const string Interrupted = "interrupted";
    /// <summary>Training threw an exception.</summary>
    public const string Failed = "failed";
}
