using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Combigrad.Experiments.Results;

/// <summary>Run keys and the provenance recorded with every run.</summary>
public static class RunIdentity
{
    private const int KeyHexLength = 16;

    /// <summary>A stable key for (experiment, canonical options JSON): the same configuration and seed give the same key.</summary>
    public static string Key(string experiment, string optionsJson)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(experiment + "\n" + optionsJson));
        return Convert.ToHexStringLower(hash)[..KeyHexLength];
    }

    /// <summary>The git commit of the working directory (with "+dirty" when there are uncommitted changes), or "unknown".</summary>
    public static string GitCommit()
    {
        var commit = RunGit("rev-parse --short=12 HEAD");
        if (commit is null) return "unknown";
        var status = RunGit("status --porcelain --untracked-files=no");
        return string.IsNullOrWhiteSpace(status) ? commit : commit + "+dirty";
    }

    private static string? RunGit(string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
