using System.Text.RegularExpressions;

namespace Combigrad.Data.Fetching;

/// <summary>
/// The on-disk cache of fetched and generated data: one folder per data set under <see cref="Root"/>.
/// </summary>
/// <remarks>
/// The root is, in order of precedence: the path given to the constructor; the environment variable
/// <see cref="EnvironmentVariable"/>; <c>$XDG_CACHE_HOME/combigrad</c>; <c>~/.cache/combigrad</c>.
/// </remarks>
public sealed partial class DataCache
{
    /// <summary>The environment variable that overrides the default root.</summary>
    public const string EnvironmentVariable = "COMBIGRAD_DATA_DIR";

    /// <summary>Creates a cache at <paramref name="root"/>, or at the default root when it is null or empty.</summary>
    public DataCache(string? root = null)
    {
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(root) ? DefaultRoot() : root);
    }

    /// <summary>The absolute path of the cache root (created on first use of a data set folder).</summary>
    public string Root { get; }

    /// <summary>The default root: <see cref="EnvironmentVariable"/>, else the user's cache folder plus <c>combigrad</c>.</summary>
    public static string DefaultRoot()
    {
        var overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(overridden)) return overridden;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var cacheHome = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cacheHome, "combigrad");
    }

    /// <summary>The folder of data set <paramref name="name"/> (created if missing).</summary>
    /// <param name="name">Lower-case letters, digits, '.', '_' and '-', starting with a letter or digit.</param>
    /// <exception cref="ArgumentException">The name is not a plain folder name.</exception>
    public string DatasetDirectory(string name)
    {
        ThrowIfNotDatasetName(name);
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    internal static void ThrowIfNotDatasetName(string name)
    {
        if (string.IsNullOrEmpty(name) || !DatasetNamePattern().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a valid data set name (lower-case letters, digits, '.', '_', '-').", nameof(name));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex DatasetNamePattern();
}
