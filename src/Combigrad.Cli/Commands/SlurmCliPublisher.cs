using System.Reflection;
using System.Runtime.InteropServices;

namespace Combigrad.Cli.Commands;

/// <summary>
/// The command line a sweep's Slurm tasks run: by default a copy of this very build in <c>DIR/bin</c> (its output folder
/// holds everything it needs, including the TorchSharp native libraries of this platform as patched at build or publish
/// time), so the tasks never build the repository and a later rebuild does not change what queued tasks run. A folder
/// that already holds another build is an error, never replaced behind running tasks.
/// </summary>
internal static class SlurmCliPublisher
{
    private const string EntryAssembly = "Combigrad.Cli.dll";

    /// <summary>The launcher for the tasks: <paramref name="cli"/> when given, else a published copy in <paramref name="binDirectory"/>.</summary>
    /// <exception cref="ArgumentException">--cli names nothing runnable, or the folder holds another build.</exception>
    public static string[] Launcher(string? cli, string binDirectory)
    {
        if (cli is not null) return Given(cli);
        var source = AppContext.BaseDirectory;
        var entry = Assembly.GetEntryAssembly()!.Location;
        if (!string.Equals(Path.GetFileName(entry), EntryAssembly, StringComparison.Ordinal))
            throw new InvalidOperationException($"the running program is {entry}, not {EntryAssembly}.");
        if (Directory.Exists(binDirectory))
        {
            if (!SameBuild(source, binDirectory))
                throw new ArgumentException(
                    $"{binDirectory} holds another build of combigrad than this one ({source}); delete {binDirectory} to publish this build, " +
                    $"or pass --cli {Path.Combine(binDirectory, EntryAssembly)} to keep training with that one.");
        }
        else
        {
            var staging = binDirectory + ".partial";
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            CopyTree(source, staging);
            Directory.Move(staging, binDirectory);
        }
        return [.. Host(), Path.Combine(binDirectory, EntryAssembly)];
    }

    private static string[] Given(string cli)
    {
        var path = cli.Contains('/') ? Path.GetFullPath(cli) : FindOnPath(cli);
        if (path is null || !File.Exists(path))
            throw new ArgumentException($"--cli {cli}: no such file{(cli.Contains('/') ? "" : " on PATH")}; give an installed 'combigrad', or the path of a published Combigrad.Cli or Combigrad.Cli.dll.");
        return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? [.. Host(), path] : [path];
    }

    /// <summary>How to start a framework-dependent .dll: the dotnet host running this process, else 'dotnet' from PATH.</summary>
    private static string[] Host() =>
        Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process] : ["dotnet"];

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Whether both folders hold the same Combigrad assemblies, byte for byte (builds are deterministic).</summary>
    private static bool SameBuild(string a, string b) =>
        Directory.EnumerateFiles(a, "Combigrad*.dll").All(f =>
            Path.Combine(b, Path.GetFileName(f)) is var other && File.Exists(other) && File.ReadAllBytes(f).AsSpan().SequenceEqual(File.ReadAllBytes(other)));

    /// <summary>Copies the folder, leaving out the native libraries of other platforms (<c>runtimes/&lt;rid&gt;/</c>, about
    /// 1 GB of TorchSharp's 1.5 GB): the nodes run the platform of this machine.</summary>
    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        string[] platforms = [RuntimeInformation.RuntimeIdentifier, OperatingSystem.IsWindows() ? "win" : "unix", RuntimeInformation.RuntimeIdentifier.Split('-')[0]];
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Length > 2 && parts[0] == "runtimes" && !platforms.Contains(parts[1])) continue;
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
