using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Combigrad.Data.Fetching;

namespace Combigrad.Data.Tests;

public sealed class NpmPackageFetcherTests
{
    // The real tarball of is-number@7.0.0 (3,730 bytes), integrity as reported by 'npm pack --json'.
    private static readonly NpmPackage IsNumber = new("is-number", "7.0.0",
        "sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==");

    [Fact]
    public void Fetch_RealTinyPackage_ExtractsVerifiedFilesOnce()
    {
        var cache = new DataCache(TestDirectories.Create());
        var counting = new FakeCommandRunner((file, args, dir) => ProcessCommandRunner.Instance.Run(file, args, dir, TimeSpan.FromMinutes(2)));
        var fetcher = new NpmPackageFetcher(cache, counting);

        var directory = fetcher.Fetch("npm-test", IsNumber);
        var again = fetcher.Fetch("npm-test", IsNumber);

        Assert.Equal(Path.Combine(cache.Root, "npm-test", "is-number@7.0.0"), directory);
        Assert.Equal(directory, again);
        Assert.Contains("module.exports", File.ReadAllText(Path.Combine(directory, "index.js")));
        Assert.Contains("\"version\": \"7.0.0\"", File.ReadAllText(Path.Combine(directory, "package.json")));
        Assert.Single(counting.Calls); // the second call found the cache
        Assert.StartsWith("npm pack is-number@7.0.0 --pack-destination ", counting.Calls[0]);
    }

    [Fact]
    public void Fetch_NpmNotOnPath_ThrowsDataUnavailableSayingWhatToInstall()
    {
        var fetcher = new NpmPackageFetcher(new DataCache(TestDirectories.Create()), FakeCommandRunner.Missing("npm"));

        var error = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch("npm-test", IsNumber));

        Assert.Contains("install Node.js/npm", error.Message);
        Assert.Contains("is-number@7.0.0", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Fetch_RegistryRefusesPackage_ThrowsDataUnavailableWithNpmsError()
    {
        var refused = new NpmPackage("combigrad-test-no-such-package-4b1e", "1.0.0", IsNumber.Integrity);
        var fetcher = new NpmPackageFetcher(new DataCache(TestDirectories.Create()));

        var error = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch("npm-test", refused));

        Assert.Contains("'npm pack combigrad-test-no-such-package-4b1e@1.0.0' failed", error.Message);
        Assert.Contains("npm error", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("-evil", "1.0.0")]
    [InlineData("Upper", "1.0.0")]
    [InlineData("ok", "^1.0.0")]
    [InlineData("ok", "--registry=x")]
    public void Fetch_MalformedNameOrVersion_ThrowsArgumentWithoutRunningNpm(string name, string version)
    {
        var runner = new FakeCommandRunner((_, _, _) => throw new InvalidOperationException("npm must not run"));
        var fetcher = new NpmPackageFetcher(new DataCache(TestDirectories.Create()), runner);

        Assert.Throws<ArgumentException>(() => fetcher.Fetch("npm-test", IsNumber with { Name = name, Version = version }));
        Assert.Empty(runner.Calls);
    }

    [Fact]
    public void Fetch_TarballDiffersFromPinnedIntegrity_ThrowsInvalidDataAndCachesNothing()
    {
        var cache = new DataCache(TestDirectories.Create());
        var tarball = Tarball(("package/index.js", "module.exports = 1;\n"));
        var wrong = IsNumber with { Integrity = NpmPackage.Sha512Prefix + Convert.ToBase64String(SHA512.HashData("other"u8)) };
        var fetcher = new NpmPackageFetcher(cache, PackingRunner(tarball));

        var error = Assert.Throws<InvalidDataException>(() => fetcher.Fetch("npm-test", wrong));

        Assert.Contains("does not match the pinned", error.Message);
        Assert.False(Directory.Exists(fetcher.PackageDirectory("npm-test", wrong)));
    }

    [Fact]
    public void Fetch_TarballEntryEscapingTheCache_ThrowsInvalidData()
    {
        var tarball = Tarball(("package/../../escaped.txt", "x"));
        var pinned = IsNumber with { Integrity = NpmPackage.Sha512Prefix + Convert.ToBase64String(SHA512.HashData(tarball)) };
        var fetcher = new NpmPackageFetcher(new DataCache(TestDirectories.Create()), PackingRunner(tarball));

        var error = Assert.Throws<InvalidDataException>(() => fetcher.Fetch("npm-test", pinned));

        Assert.Contains("outside", error.Message);
    }

    [Fact]
    public void Fetch_PinnedLocalTarball_StripsPackageFolder()
    {
        var tarball = Tarball(("package/data/a.bin", "abc"), ("package/package.json", "{}"));
        var pinned = IsNumber with { Integrity = NpmPackage.Sha512Prefix + Convert.ToBase64String(SHA512.HashData(tarball)) };
        var fetcher = new NpmPackageFetcher(new DataCache(TestDirectories.Create()), PackingRunner(tarball));

        var directory = fetcher.Fetch("npm-test", pinned);

        Assert.Equal("abc", File.ReadAllText(Path.Combine(directory, "data", "a.bin")));
    }

    /// <summary>A runner that behaves like 'npm pack --json' returning <paramref name="tarball"/>.</summary>
    private static FakeCommandRunner PackingRunner(byte[] tarball) => new((file, args, dir) =>
    {
        var destination = args[args.ToList().IndexOf("--pack-destination") + 1];
        File.WriteAllBytes(Path.Combine(destination, "pkg-1.0.0.tgz"), tarball);
        return new CommandResult(0, "[{\"filename\": \"pkg-1.0.0.tgz\"}]", "");
    });

    private static byte[] Tarball(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)),
                };
                tar.WriteEntry(entry);
            }
        }
        return buffer.ToArray();
    }
}
