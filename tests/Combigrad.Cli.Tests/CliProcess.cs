using System.Diagnostics;

namespace Combigrad.Cli.Tests;

/// <summary>Starts the combigrad CLI (built next to the tests) as a child process.</summary>
internal static class CliProcess
{
    public static string CliAssembly => Path.Combine(AppContext.BaseDirectory, "Combigrad.Cli.dll");

    public static Process Start(string workingDirectory, params string[] args) => Start(workingDirectory, unprivileged: false, args);

    /// <summary>Starts the CLI; with <paramref name="unprivileged"/> as the user <c>nobody</c> when this process is root (see
    /// <see cref="Unprivileged"/>), so that permission bits really deny writes.</summary>
    public static Process Start(string workingDirectory, bool unprivileged, params string[] args)
    {
        var asNobody = unprivileged && Environment.IsPrivilegedProcess;
        var start = new ProcessStartInfo(asNobody ? "runuser" : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asNobody)
        {
            // runuser resets the environment; give the child a HOME it may write (dotnet's first-run files) and the same dotnet.
            var home = Path.Combine(Path.GetTempPath(), "combigrad-cli-tests", "nobody-home");
            Directory.CreateDirectory(home);
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
            foreach (var arg in (string[])["-u", Unprivileged, "--", "env", $"HOME={home}", $"DOTNET_CLI_HOME={home}", "DOTNET_NOLOGO=1", "COLUMNS=200", "dotnet"])
                start.ArgumentList.Add(arg);
        }
        start.ArgumentList.Add(CliAssembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["COLUMNS"] = "200";
        return Process.Start(start)!;
    }

    /// <summary>The user that <see cref="Start(string, bool, string[])"/> runs unprivileged children as, when the tests run as root
    /// (as in CI, where permission bits do not stop root's writes).</summary>
    public const string Unprivileged = "nobody";

    /// <summary>Runs the CLI to its end; standard output and standard error apart.</summary>
    public static (int ExitCode, string Output, string Error) RunApart(string workingDirectory, bool unprivileged, params string[] args)
    {
        using var process = Start(workingDirectory, unprivileged, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, output.Result, error.Result);
    }

    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, output.Result + error.Result);
    }

    public static string TemporaryDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "combigrad-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
