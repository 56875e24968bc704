using System.ComponentModel;
using System.Diagnostics;

namespace Combigrad.Data.Fetching;

/// <summary>Runs commands as child processes, capturing standard output and error, killing them on timeout.</summary>
public sealed class ProcessCommandRunner : ICommandRunner
{
    /// <summary>The shared instance.</summary>
    public static ProcessCommandRunner Instance { get; } = new();

    /// <inheritdoc />
    public CommandResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{fileName} did not start.");
        }
        catch (Win32Exception)
        {
            return new CommandResult(-1, "", "", ExecutableFound: false);
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new CommandResult(-1, output.Result, error.Result, TimedOut: true);
            }
            process.WaitForExit(); // flushes the redirected streams
            return new CommandResult(process.ExitCode, output.Result, error.Result);
        }
    }
}
