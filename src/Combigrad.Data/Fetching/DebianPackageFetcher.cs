using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Combigrad.Data.Fetching;

/// <summary>
/// Fetches a Debian package's files into the <see cref="DataCache"/> without installing it: <c>apt-get download
/// NAME</c> in a temporary folder (apt checks the download against its signed package index), the .deb's SHA-256
/// checked against <c>apt-cache show</c>, then <c>dpkg-deb -x</c> (no root needed) into
/// <c>{cache}/{dataset}/{package}/</c>, with a <see cref="DebianPackageManifest"/> in <c>{package}.json</c> beside it.
/// A second call finds the extracted folder and returns at once.
/// </summary>
/// <remarks>
/// apt runs on package lists of its own, in <c>{cache}/apt/</c>, never the system's (<c>/var/lib/apt/lists</c>, empty
/// on a machine where <c>apt-get update</c> never ran, and writable only by root): every apt command gets
/// <c>-o Dir::State::Lists={cache}/apt/lists -o Dir::Cache={cache}/apt/cache</c>. The first fetch runs
/// <c>apt-get update</c> into them (as any user: the sources and keyrings are read from <c>/etc/apt</c>), and a
/// download that fails on lists that were already there refreshes them once and retries. apt's own lock in the lists
/// folder, taken by <c>apt-get update</c>, fails rather than waits, so concurrent fetchers (other processes too)
/// take turns on <c>{cache}/apt/fetch.lock</c>.
/// </remarks>
public sealed partial class DebianPackageFetcher
{
    /// <summary>How long each apt or dpkg command may take before it is killed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    private const string ManifestSuffix = ".json";

    /// <summary>The data set folder holding apt's lists and cache for this fetcher (<c>{cache}/apt</c>).</summary>
    public const string AptStateFolder = "apt";

    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(200);

    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly DataCache _cache;
    private readonly ICommandRunner _runner;
    private readonly TimeSpan _timeout;

    /// <summary>Creates a fetcher writing into <paramref name="cache"/>.</summary>
    /// <param name="cache">Where packages are extracted.</param>
    /// <param name="runner">Runs apt-get, apt-cache and dpkg-deb; <see cref="ProcessCommandRunner.Instance"/> when null.</param>
    /// <param name="timeout">Timeout of each command; <see cref="DefaultTimeout"/> when null.</param>
    public DebianPackageFetcher(DataCache cache, ICommandRunner? runner = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _runner = runner ?? ProcessCommandRunner.Instance;
        _timeout = timeout ?? DefaultTimeout;
    }

    /// <summary>The folder of apt's package lists for this fetcher (<c>{cache}/apt/lists</c>).</summary>
    public string AptListsDirectory => Path.Combine(_cache.Root, AptStateFolder, "lists");

    private string AptCacheDirectory => Path.Combine(_cache.Root, AptStateFolder, "cache");

    /// <summary>The folder a package is (or will be) extracted to; its files keep their paths (<c>usr/share/...</c>).</summary>
    /// <exception cref="ArgumentException">The data set or package name is malformed.</exception>
    public string PackageDirectory(string dataset, string package)
    {
        ThrowIfNotPackageName(package);
        return Path.Combine(_cache.DatasetDirectory(dataset), package);
    }

    /// <summary>Reads the manifest of a fetched package, or null when it was not fetched by this class.</summary>
    public DebianPackageManifest? ReadManifest(string dataset, string package)
    {
        var path = PackageDirectory(dataset, package) + ManifestSuffix;
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<DebianPackageManifest>(File.ReadAllText(path), ManifestJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Fetches and extracts <paramref name="package"/>; returns the folder holding its files.</summary>
    /// <param name="dataset">The data set folder in the cache (e.g. <c>warcraft</c>).</param>
    /// <param name="package">The Debian package name (e.g. <c>freeciv-data</c>).</param>
    /// <exception cref="ArgumentException">The data set or package name is malformed.</exception>
    /// <exception cref="DataUnavailableException">apt-get or dpkg-deb is missing, <c>apt-get update</c> failed, the
    /// package is unknown, the download failed or timed out, or another fetch held the cache's apt lock too long.</exception>
    /// <exception cref="InvalidDataException">The .deb does not match the SHA-256 in the package index.</exception>
    public string Fetch(string dataset, string package)
    {
        var target = PackageDirectory(dataset, package);
        if (Directory.Exists(target)) return target;

        using var turn = TakeTurn(package);
        if (Directory.Exists(target)) return target;
        var staging = Directory.CreateTempSubdirectory("combigrad-deb-").FullName;
        try
        {
            var deb = Download(package, staging, target);
            var version = Field(deb, "Version", package);
            var sha256 = ArchiveExtraction.Sha256Hex(deb);
            var source = VerifyAgainstIndex(package, version, sha256);
            var extracted = Path.Combine(staging, "extracted");
            Directory.CreateDirectory(extracted);
            var result = _runner.Run("dpkg-deb", ["-x", deb, extracted], staging, _timeout);
            if (!result.ExecutableFound)
                throw new DataUnavailableException($"dpkg-deb is not on PATH: install dpkg to unpack {package}, or unpack its .deb into {target} by hand.");
            if (!result.Succeeded)
                throw new DataUnavailableException($"'dpkg-deb -x' failed on {Path.GetFileName(deb)}: {result.ErrorSummary}.");
            ArchiveExtraction.MoveIntoPlace(extracted, target);
            File.WriteAllText(target + ManifestSuffix,
                JsonSerializer.Serialize(new DebianPackageManifest(package, version, sha256, source), ManifestJson));
            return target;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private string Download(string package, string staging, string target)
    {
        var manual = $"or unpack {package}'s .deb into {target} by hand (dpkg-deb -x FILE {target})";
        var updated = false;
        if (!PackageListsPresent())
        {
            Update(package, manual);
            updated = true;
        }
        var result = RunApt("apt-get", ["download", package], staging);
        if (result.Completed && result.ExitCode != 0 && !updated)
        {
            // Lists from an earlier fetch may name a version the mirror no longer has: refresh them once.
            Update(package, manual);
            result = RunApt("apt-get", ["download", package], staging);
        }
        if (!result.ExecutableFound)
            throw new DataUnavailableException($"apt-get is not on PATH: this needs Debian/Ubuntu's apt to fetch {package}, {manual}.");
        if (result.TimedOut)
            throw new DataUnavailableException($"'apt-get download {package}' timed out after {_timeout.TotalSeconds:0} s; retry, {manual}.");
        if (result.ExitCode != 0)
            throw new DataUnavailableException($"'apt-get download {package}' failed on fresh package lists ({AptListsDirectory}): {result.ErrorSummary}; check the package name and the sources in /etc/apt, {manual}.");
        return Directory.GetFiles(staging, "*.deb").SingleOrDefault()
            ?? throw new DataUnavailableException($"'apt-get download {package}' reported success but left no single .deb in {staging}.");
    }

    private void Update(string package, string manual)
    {
        Directory.CreateDirectory(Path.Combine(AptListsDirectory, "partial"));
        Directory.CreateDirectory(Path.Combine(AptCacheDirectory, "archives", "partial"));
        var result = RunApt("apt-get", ["update"], Path.GetTempPath());
        if (!result.ExecutableFound)
            throw new DataUnavailableException($"apt-get is not on PATH: this needs Debian/Ubuntu's apt to fetch {package}, {manual}.");
        if (result.TimedOut)
            throw new DataUnavailableException($"'apt-get update' (package lists in {AptListsDirectory}) timed out after {_timeout.TotalSeconds:0} s; retry, {manual}.");
        if (result.ExitCode != 0)
            throw new DataUnavailableException($"'apt-get update' (package lists in {AptListsDirectory}) failed: {result.ErrorSummary}; check network access to the sources in /etc/apt, {manual}.");
    }

    /// <summary>Runs an apt command on this fetcher's own lists and cache, never the system's.</summary>
    private CommandResult RunApt(string command, IReadOnlyList<string> arguments, string workingDirectory) =>
        _runner.Run(command,
            ["-o", $"Dir::State::Lists={AptListsDirectory}", "-o", $"Dir::Cache={AptCacheDirectory}", .. arguments],
            workingDirectory, _timeout);

    /// <summary>Waits (up to the command timeout) until no other fetcher on this cache is running apt.</summary>
    private FileStream TakeTurn(string package)
    {
        var path = Path.Combine(_cache.DatasetDirectory(AptStateFolder), "fetch.lock");
        var deadline = DateTime.UtcNow + _timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(LockPollInterval);
            }
            catch (IOException e)
            {
                throw new DataUnavailableException($"another fetch held {path} for {_timeout.TotalSeconds:0} s; retry fetching {package} ({e.Message}).");
            }
        }
    }

    private string Field(string deb, string field, string package)
    {
        var result = _runner.Run("dpkg-deb", ["-f", deb, field], Path.GetDirectoryName(deb)!, _timeout);
        if (!result.ExecutableFound)
            throw new DataUnavailableException($"dpkg-deb is not on PATH: install dpkg to unpack {package}.");
        if (!result.Succeeded)
            throw new DataUnavailableException($"'dpkg-deb -f' failed on {Path.GetFileName(deb)}: {result.ErrorSummary}.");
        return result.StandardOutput.Trim();
    }

    private string VerifyAgainstIndex(string package, string version, string sha256)
    {
        var result = RunApt("apt-cache", ["show", $"{package}={version}"], Path.GetTempPath());
        if (!result.Succeeded) return "apt";
        var indexed = Sha256Line().Matches(result.StandardOutput).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToArray();
        if (indexed.Length == 0) return "apt";
        if (!indexed.Contains(sha256))
            throw new InvalidDataException($"{package} {version}: the downloaded .deb has SHA-256 {sha256}, the package index says {string.Join(" or ", indexed.Distinct())}.");
        return "apt-cache";
    }

    private bool PackageListsPresent() =>
        Directory.Exists(AptListsDirectory) && Directory.EnumerateFiles(AptListsDirectory, "*Packages*").Any();

    private static void ThrowIfNotPackageName(string package)
    {
        if (string.IsNullOrEmpty(package) || !PackageNamePattern().IsMatch(package))
            throw new ArgumentException($"'{package}' is not a valid Debian package name.", nameof(package));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex PackageNamePattern();

    [GeneratedRegex("^SHA256:\\s*([0-9a-fA-F]{64})\\s*$", RegexOptions.Multiline)]
    private static partial Regex Sha256Line();
}
