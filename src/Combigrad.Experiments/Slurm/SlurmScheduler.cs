using System.ComponentModel;
using System.Diagnostics;
using Combigrad.Experiments.Faults;

namespace Combigrad.Experiments.Slurm;

/// <summary>
/// Talks to Slurm through its commands (<c>sbatch</c>, <c>squeue</c>, <c>sacct</c>), which find the cluster the usual way
/// (<c>SLURM_CONF</c> or <c>/etc/slurm/slurm.conf</c>).
/// </summary>
public static class SlurmScheduler
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Submits a batch script and returns its job id.</summary>
    /// <exception cref="FaultException">sbatch is missing or refused the script; the message holds its error.</exception>
    public static string Submit(string scriptPath)
    {
        var (exit, output, error) = RunCommand("sbatch", "--parsable", scriptPath);
        if (exit != 0)
            throw new FaultException(FaultKind.Usage,
                $"sbatch {scriptPath} failed: {FirstLine(error, output)} (check --partition, --time, --cpus-per-task and --mem against 'sinfo').");
        // --parsable prints "<job id>" or "<job id>;<cluster>".
        return output.Trim().Split(';')[0];
    }

    /// <summary>The queued and running tasks of the given array jobs (from <c>squeue</c>), by task id; null with a note
    /// when squeue cannot be asked.</summary>
    public static (IReadOnlyDictionary<string, SlurmTaskState>? Tasks, string? Note) Queue(IReadOnlyCollection<string> jobIds)
    {
        if (jobIds.Count == 0) return (new Dictionary<string, SlurmTaskState>(), null);
        // All of this user's jobs, one line per array task; asking for finished job ids by -j would be an error.
        var (exit, output, error) = RunCommand("squeue", "--noheader", "--array", "--me", "--format=%F_%K|%T");
        if (exit != 0) return (null, $"squeue: {FirstLine(error, output)}");
        var tasks = new Dictionary<string, SlurmTaskState>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            if (fields.Length == 2 && jobIds.Contains(fields[0].Split('_')[0])) tasks[fields[0]] = new SlurmTaskState(fields[0], fields[1]);
        }
        return (tasks, null);
    }

    /// <summary>The accounting records (from <c>sacct</c>) of the given array jobs' tasks, by task id; null with a note
    /// when the cluster keeps no accounting or sacct cannot be asked.</summary>
    public static (IReadOnlyDictionary<string, SlurmTaskState>? Tasks, string? Note) Accounting(IReadOnlyCollection<string> jobIds)
    {
        if (jobIds.Count == 0) return (new Dictionary<string, SlurmTaskState>(), null);
        var (exit, output, error) = RunCommand("sacct", "--noheader", "--parsable2", "--allocations", "--jobs", string.Join(',', jobIds),
            "--format=JobID,State,ExitCode");
        if (exit != 0) return (null, $"sacct: {FirstLine(error, output)}");
        var tasks = new Dictionary<string, SlurmTaskState>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            // A state can carry a suffix ("CANCELLED by 0").
            if (fields.Length == 3) tasks[fields[0]] = new SlurmTaskState(fields[0], fields[1].Split(' ')[0], fields[2]);
        }
        return (tasks, null);
    }

    private static string FirstLine(string error, string output)
    {
        var text = string.IsNullOrWhiteSpace(error) ? output : error;
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(no output)";
    }

    private static (int Exit, string Output, string Error) RunCommand(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            return (-1, "", $"{command} is not installed here (no Slurm client on this machine's PATH)");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(CommandTimeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "", $"{command} did not answer within {CommandTimeout.TotalSeconds:0} s");
            }
            return (process.ExitCode, output.Result, error.Result);
        }
    }
}
