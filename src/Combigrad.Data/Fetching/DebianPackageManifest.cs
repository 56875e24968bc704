namespace Combigrad.Data.Fetching;

/// <summary>What was fetched for a Debian package: written as JSON beside its extracted files.</summary>
/// <param name="Package">The package name.</param>
/// <param name="Version">The package version (from the .deb's control file).</param>
/// <param name="Sha256">The SHA-256 of the .deb, lower-case hex.</param>
/// <param name="Sha256Source">
/// Where the hash was checked: <c>apt-cache</c> when it matched the package index (itself signed), <c>apt</c> when
/// the index had no hash and the download relied on apt's signed verification alone, <c>manual</c> for files put in
/// place by hand.
/// </param>
public sealed record DebianPackageManifest(string Package, string Version, string Sha256, string Sha256Source);
