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
public sealed partial class DebianPackageFetcher
{
    /// <summary>How long each apt or dpkg command may take before it is killed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    private const string ManifestSuffix = ".json";
    private const string AptLists = "/var/lib/apt/lists";

    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly DataCache _cache;
    private readonly ICommandRunner _runner;
    private readonly TimeSpan _timeout;
    private readonly string _aptLists;

    /// <summary>Creates a fetcher writing into <paramref name="cache"/>.</summary>
    /// <param name="cache">Where packages are extracted.</param>
    /// <param name="runner">Runs apt-get, apt-cache and dpkg-deb; <see cref="ProcessCommandRunner.Instance"/> when null.</param>
    /// <param name="timeout">Timeout of each command; <see cref="DefaultTimeout"/> when null.</param>
    public DebianPackageFetcher(DataCache cache, ICommandRunner? runner = null, TimeSpan? timeout = null)
        : this(cache, runner, timeout, AptLists)
    {
    }

    internal DebianPackageFetcher(DataCache cache, ICommandRunner? runner, TimeSpan? timeout, string aptLists)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _runner = runner ?? ProcessCommandRunner.Instance;
        _timeout = timeout ?? DefaultTimeout;
        _aptLists = aptLists;
    }

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
    /// <exception cref="DataUnavailableException">apt-get or dpkg-deb is missing, the package is unknown (or the
    /// package lists are empty), the download failed or timed out.</exception>
    /// <exception cref="InvalidDataException">The .deb does not match the SHA-256 in the package index.</exception>
    public string Fetch(string dataset, string package)
    {
        var target = PackageDirectory(dataset, package);
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
        var result = _runner.Run("apt-get", ["download", package], staging, _timeout);
        var manual = $"or unpack {package}'s .deb into {target} by hand (dpkg-deb -x FILE {target})";
        if (!result.ExecutableFound)
            throw new DataUnavailableException($"apt-get is not on PATH: this needs Debian/Ubuntu's apt to fetch {package}, {manual}.");
        if (result.TimedOut)
            throw new DataUnavailableException($"'apt-get download {package}' timed out after {_timeout.TotalSeconds:0} s; retry, {manual}.");
        if (result.ExitCode != 0)
        {
            if (!PackageListsPresent())
                throw new DataUnavailableException($"apt's package lists are empty: run 'apt-get update' as root, then retry fetching {package} ({result.ErrorSummary}).");
            throw new DataUnavailableException($"'apt-get download {package}' failed: {result.ErrorSummary}; if the package exists, run 'apt-get update' as root and retry, {manual}.");
        }
        return Directory.GetFiles(staging, "*.deb").SingleOrDefault()
            ?? throw new DataUnavailableException($"'apt-get download {package}' reported success but left no single .deb in {staging}.");
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
        var result = _runner.Run("apt-cache", ["show", $"{package}={version}"], Path.GetTempPath(), _timeout);
        if (!result.Succeeded) return "apt";
        var indexed = Sha256Line().Matches(result.StandardOutput).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToArray();
        if (indexed.Length == 0) return "apt";
        if (!indexed.Contains(sha256))
            throw new InvalidDataException($"{package} {version}: the downloaded .deb has SHA-256 {sha256}, the package index says {string.Join(" or ", indexed.Distinct())}.");
        return "apt-cache";
    }

    private bool PackageListsPresent() =>
        Directory.Exists(_aptLists) && Directory.EnumerateFiles(_aptLists, "*Packages*").Any();

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
