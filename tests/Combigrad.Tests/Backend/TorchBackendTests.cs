using Combigrad.Backend;

namespace Combigrad.Tests.Backend;

public sealed class TorchBackendTests
{
    private const string Version = "GLIBCXX_3.4.32";

    [Fact]
    public void EnsureLoaded_TestHostReferencesTorchSharpCpu_LoadsAndReturns()
    {
        TorchBackend.EnsureLoaded();
        TorchBackend.EnsureLoaded();

        using var ones = TorchSharp.torch.ones(3);
        Assert.Equal(3.0f, ones.sum().item<float>());
    }

    [Fact]
    public void Diagnose_NoLibtorchInAnySearchedFolder_SaysToAddABackendPackageInOneLine()
    {
        var folder = Directory.CreateTempSubdirectory("combigrad-backend-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "libLibTorchSharp.so"), []);

            var message = TorchBackend.Diagnose([folder], _ => throw new InvalidOperationException("must not load without a backend"));

            Assert.Contains("TorchSharp-cpu", message);
            Assert.Contains("no backend", message);
            Assert.DoesNotContain('\n', message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Diagnose_UnpatchedWrapperFromTheNuGetCache_NamesTheMissingVersionAndTheFixOrLoads()
    {
        // The real loader on the real library: the NuGet cache holds TorchSharp's libLibTorchSharp.so as shipped (the
        // build step patches only output copies). Its dependencies resolve to the copies this process already loaded.
        if (!OperatingSystem.IsLinux()) return;
        var shipped = Path.Combine(NuGetPackagesRoot(), "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(shipped), $"expected TorchSharp's shipped wrapper at {shipped}");
        TorchBackend.EnsureLoaded();
        var folder = Directory.CreateTempSubdirectory("combigrad-backend-").FullName;
        try
        {
            var copy = Path.Combine(folder, "libLibTorchSharp.so");
            File.Copy(shipped, copy);
            File.WriteAllBytes(Path.Combine(folder, "libtorch.so"), []);

            var loaderError = TorchBackend.TryLoadNative(copy);
            var message = TorchBackend.Diagnose([folder], _ => loaderError);

            if (SystemLibstdcxxDefines(Version))
            {
                Assert.Null(loaderError);
            }
            else
            {
                Assert.NotNull(loaderError);
                Assert.Contains(Version, loaderError);
                Assert.Contains($"requires the symbol version {Version}", message);
                Assert.Contains("CombigradTorchSharpCompatEnabled", message);
                Assert.Contains("GCC 13", message);
                Assert.DoesNotContain('\n', message);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Diagnose_OtherLoaderError_ReportsItOnOneLine()
    {
        var folder = Directory.CreateTempSubdirectory("combigrad-backend-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "libtorch.so"), []);
            File.WriteAllBytes(Path.Combine(folder, "libLibTorchSharp.so"), []);

            var message = TorchBackend.Diagnose([folder], _ => "libLibTorchSharp.so: file too short\nsecond line");

            Assert.Contains("did not load: libLibTorchSharp.so: file too short second line", message);
            Assert.DoesNotContain('\n', message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string NuGetPackagesRoot() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static bool SystemLibstdcxxDefines(string version)
    {
        string[] candidates = ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6"];
        var library = candidates.FirstOrDefault(File.Exists);
        Assert.NotNull(library);
        var bytes = File.ReadAllBytes(library);
        var needle = System.Text.Encoding.ASCII.GetBytes(version + "\0");
        return bytes.AsSpan().IndexOf(needle) >= 0;
    }
}
