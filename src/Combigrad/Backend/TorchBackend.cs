using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using TorchSharp;

namespace Combigrad.Backend;

/// <summary>
/// Checks, once per process, that TorchSharp's native backend loads, and replaces TorchSharp's message on failure by one
/// line that names the cause and the fix.
/// </summary>
/// <remarks>
/// <para>The Combigrad packages reference only the managed <c>TorchSharp</c> package, as TorchSharp recommends for
/// libraries: the application chooses the backend (<c>TorchSharp-cpu</c>, or a CUDA package) and adds it itself. An
/// application without one used to fail at its first tensor with TorchSharp's generic message.</para>
/// <para>On Debian 12 the backend is present but <c>libLibTorchSharp.so</c> requires the symbol version
/// <c>GLIBCXX_3.4.32</c>, which its libstdc++ (GCC 12) lacks; the build step shipped with the Combigrad package marks
/// that requirement weak in the application's output (README, "Debian 12"). When the step did not run, the error names
/// the missing version and the fix.</para>
/// <para><see cref="Layers.SolverLayer"/> calls <see cref="EnsureLoaded"/> before it touches TorchSharp; an application
/// that creates tensors first can call it at start-up to get the same message.</para>
/// </remarks>
public static partial class TorchBackend
{
    /// <summary>The file names of libtorch itself, which only a backend package brings (Linux, macOS, Windows).</summary>
    internal static readonly string[] BackendLibraryNames = ["libtorch.so", "libtorch.dylib", "torch.dll"];

    /// <summary>libtorch's libraries as loaded into a process (the backend's entry library and its CPU part).</summary>
    private static readonly string[] LoadedLibtorchNames =
        ["libtorch.so", "libtorch_cpu.so", "libtorch.dylib", "libtorch_cpu.dylib", "torch.dll", "torch_cpu.dll"];

    /// <summary>The file names of TorchSharp's native wrapper, which the managed TorchSharp package brings.</summary>
    internal static readonly string[] WrapperLibraryNames = ["libLibTorchSharp.so", "libLibTorchSharp.dylib", "LibTorchSharp.dll"];

    private const int RtldNow = 2;

    private static readonly Lock Gate = new();
    private static volatile bool _loaded;

    /// <summary>Loads TorchSharp's CPU backend if it is not loaded yet; returns at once after the first success.</summary>
    /// <exception cref="InvalidOperationException">The backend cannot be loaded; the one-line message says why and what
    /// to do (add a backend package such as <c>TorchSharp-cpu</c>, or let the Debian 12 step run).</exception>
    public static void EnsureLoaded()
    {
        if (_loaded) return;
        lock (Gate)
        {
            if (_loaded) return;
            // Without libtorch beside the application (and none loaded by hand), TorchSharp would print a long trace and try
            // to assemble a backend from the NuGet cache before failing: say what is missing before touching it.
            // Likewise, on Linux, load TorchSharp's wrapper first ourselves: a missing GLIBCXX version is then one line.
            var directories = NativeSearchDirectories();
            if (!LibtorchAlreadyLoaded())
            {
                if (FindFirst(directories, BackendLibraryNames) is null)
                    throw new InvalidOperationException(Diagnose(directories, TryLoadNative));
                if (OperatingSystem.IsLinux() && FindFirst(directories, WrapperLibraryNames) is { } wrapper
                    && TryLoadNative(wrapper) is { } loaderError && MissingGlibcxxVersion().IsMatch(loaderError))
                    throw new InvalidOperationException(Diagnose(directories, _ => loaderError));
            }
            string? torchSharpMessage = null;
            try
            {
                if (torch.TryInitializeDeviceType(DeviceType.CPU))
                {
                    _loaded = true;
                    return;
                }
            }
            catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException
                                           or BadImageFormatException or EntryPointNotFoundException)
            {
                // TorchSharp reports a failed load by throwing (from torch's type initializer, so wrapped) with a long,
                // multi-line trace; keep only the first line of the innermost message.
                torchSharpMessage = e.GetBaseException().Message;
            }
            throw new InvalidOperationException(Diagnose(directories, TryLoadNative, torchSharpMessage));
        }
    }

    /// <summary>
    /// The one-line explanation of a failed load, from the native folders the application searches and a function that
    /// tries to load a library by path and returns the loader's error (null on success).
    /// </summary>
    internal static string Diagnose(IReadOnlyList<string> searchDirectories, Func<string, string?> tryLoad, string? torchSharpMessage = null)
    {
        var backend = FindFirst(searchDirectories, BackendLibraryNames);
        if (backend is null)
            return "TorchSharp has no backend: the application must reference one, e.g. 'dotnet add package TorchSharp-cpu' " +
                   "(or a TorchSharp-cuda package for a GPU); the Combigrad packages reference only the managed TorchSharp.";
        var wrapper = FindFirst(searchDirectories, WrapperLibraryNames);
        var loaderError = wrapper is null ? null : tryLoad(wrapper);
        if (loaderError is not null && MissingGlibcxxVersion().Match(loaderError) is { Success: true } missing)
            return $"{wrapper} requires the symbol version {missing.Groups[1].Value}, which the system libstdc++ lacks " +
                   "(Debian 12): build through the Combigrad package, whose build step marks that requirement weak in your " +
                   "output (with a ProjectReference, import Combigrad's build/TorchSharpNativeCompat.targets; keep " +
                   "CombigradTorchSharpCompatEnabled on), or install a libstdc++ from GCC 13 or later.";
        var detail = loaderError
            ?? (wrapper is null ? "TorchSharp's native wrapper (LibTorchSharp) was not found" : FirstLine(torchSharpMessage) ?? "no loader error");
        return $"TorchSharp's backend ({backend}) did not load: {OneLine(detail)}; check that the TorchSharp and backend " +
               "package versions match (TorchSharp 0.107 needs libtorch 2.10).";
    }

    /// <summary>The folders the host searches for native libraries (from the application's deps.json), then the app folder.</summary>
    internal static IReadOnlyList<string> NativeSearchDirectories()
    {
        var fromHost = (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. fromHost, AppContext.BaseDirectory];
    }

    /// <summary>Loads a native library by path and returns the loader's message on failure (Linux and macOS); null on success.</summary>
    internal static string? TryLoadNative(string path)
    {
        if (!OperatingSystem.IsLinux())
            return NativeLibrary.TryLoad(path, out _) ? null : "the loader refused it";
        // Binding DlError lazily would itself clear the loader's error, so bind (and clear) it before dlopen.
        DlError();
        if (DlOpen(path, RtldNow) != IntPtr.Zero) return null;
        return Marshal.PtrToStringUTF8(DlError()) ?? "the loader refused it";
    }

    /// <summary>True when a libtorch library is already mapped into this process (for example loaded by hand from a
    /// Python installation, as TorchSharp allows).</summary>
    private static bool LibtorchAlreadyLoaded()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        foreach (System.Diagnostics.ProcessModule module in process.Modules)
        {
            if (LoadedLibtorchNames.Contains(Path.GetFileName(module.FileName), StringComparer.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static string? FindFirst(IReadOnlyList<string> directories, string[] names)
    {
        foreach (var directory in directories)
            foreach (var name in names)
            {
                var path = Path.Combine(directory, name);
                if (File.Exists(path)) return path;
            }
        return null;
    }

    private static string? FirstLine(string? text) =>
        text?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"version .(GLIBCXX_[0-9.]+). not found")]
    private static partial Regex MissingGlibcxxVersion();

    // libdl.so.2 exists on every glibc (since 2.34 it forwards to libc.so.6), unlike the unversioned "libdl.so".
    [DllImport("libdl.so.2", EntryPoint = "dlopen")]
    private static extern IntPtr DlOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string file, int flags);

    [DllImport("libdl.so.2", EntryPoint = "dlerror")]
    private static extern IntPtr DlError();
}
