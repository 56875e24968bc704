using System.Globalization;
using Combigrad.Experiments.Faults;

namespace Combigrad.Experiments.Results;

/// <summary>
/// How long a claim on a run lives without a heartbeat. The owner refreshes it every <see cref="HeartbeatSeconds"/>;
/// another process takes the run over once <see cref="LeaseSeconds"/> have passed since the last heartbeat (or at once
/// when the owner's pid is gone on the same host). Set through <c>COMBIGRAD_LEASE_SECONDS</c> and
/// <c>COMBIGRAD_HEARTBEAT_SECONDS</c>.
/// </summary>
public sealed record RunLeaseOptions
{
    /// <summary>The environment variable of <see cref="LeaseSeconds"/>.</summary>
    public const string LeaseVariable = "COMBIGRAD_LEASE_SECONDS";

    /// <summary>The environment variable of <see cref="HeartbeatSeconds"/>.</summary>
    public const string HeartbeatVariable = "COMBIGRAD_HEARTBEAT_SECONDS";

    /// <summary>Seconds after the last heartbeat at which a claim expires.</summary>
    public double LeaseSeconds { get; init; } = 60;

    /// <summary>Seconds between heartbeats.</summary>
    public double HeartbeatSeconds { get; init; } = 10;

    /// <summary>The defaults with the environment's overrides.</summary>
    /// <exception cref="FaultException">A variable is not a positive number, or the heartbeat is not shorter than the lease.</exception>
    public static RunLeaseOptions FromEnvironment()
    {
        var defaults = new RunLeaseOptions();
        var options = new RunLeaseOptions
        {
            LeaseSeconds = Read(LeaseVariable) ?? defaults.LeaseSeconds,
            HeartbeatSeconds = Read(HeartbeatVariable) ?? defaults.HeartbeatSeconds,
        };
        if (options.HeartbeatSeconds >= options.LeaseSeconds)
            throw new FaultException(FaultKind.Usage, $"{HeartbeatVariable}={options.HeartbeatSeconds} must be shorter than {LeaseVariable}={options.LeaseSeconds}.");
        return options;
    }

    private static double? Read(string variable)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(text)) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || !double.IsFinite(value))
            throw new FaultException(FaultKind.Usage, $"{variable}='{text}' is not a positive number of seconds.");
        return value;
    }
}
