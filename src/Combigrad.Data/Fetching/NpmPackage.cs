using System.Text.RegularExpressions;

namespace Combigrad.Data.Fetching;

/// <summary>A pinned npm package: name, exact version and the Subresource-Integrity string of its tarball.</summary>
/// <param name="Name">The package name, optionally scoped (<c>@scope/name</c>).</param>
/// <param name="Version">The exact version, e.g. <c>7.0.0</c> (no ranges).</param>
/// <param name="Integrity">The tarball's integrity as npm reports it: <c>sha512-</c> followed by base64.</param>
public sealed partial record NpmPackage(string Name, string Version, string Integrity)
{
    /// <summary>The prefix of a SHA-512 integrity string.</summary>
    public const string Sha512Prefix = "sha512-";

    /// <summary><c>name@version</c>.</summary>
    public string Spec => $"{Name}@{Version}";

    /// <summary>Throws when the name, version or integrity string is malformed (also guards the npm command line).</summary>
    /// <exception cref="ArgumentException">A field is malformed.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Name) || !NamePattern().IsMatch(Name))
            throw new ArgumentException($"'{Name}' is not a valid npm package name.", nameof(Name));
        if (string.IsNullOrEmpty(Version) || !VersionPattern().IsMatch(Version))
            throw new ArgumentException($"'{Version}' is not an exact npm version (e.g. 7.0.0) for {Name}.", nameof(Version));
        if (Integrity is null || !Integrity.StartsWith(Sha512Prefix, StringComparison.Ordinal))
            throw new ArgumentException($"The integrity of {Spec} must be a '{Sha512Prefix}...' string.", nameof(Integrity));
        try
        {
            if (Convert.FromBase64String(Integrity[Sha512Prefix.Length..]).Length != 64)
                throw new ArgumentException($"The integrity of {Spec} is not a SHA-512 digest.", nameof(Integrity));
        }
        catch (FormatException)
        {
            throw new ArgumentException($"The integrity of {Spec} is not valid base64.", nameof(Integrity));
        }
    }

    [GeneratedRegex("^(@[a-z0-9~][a-z0-9._~-]*/)?[a-z0-9~][a-z0-9._~-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.+-]+)?$")]
    private static partial Regex VersionPattern();
}
