namespace Combigrad.Data.Warcraft;

/// <summary>The <c>manifest.json</c> of a built Warcraft data set folder: what was built, from what, with which hashes.</summary>
/// <param name="Size">k.</param>
/// <param name="Seed">The data seed.</param>
/// <param name="FormatVersion">The file format version.</param>
/// <param name="GeneratorVersion">The map generator version.</param>
/// <param name="TilesPackage">The Debian package the tiles come from, with its version.</param>
/// <param name="TilesPackageSha256">The SHA-256 of that package's .deb, when it was fetched by the fetcher.</param>
/// <param name="Files">Per split: file name, map count and SHA-256 of the file.</param>
public sealed record WarcraftManifest(
    int Size,
    long Seed,
    int FormatVersion,
    int GeneratorVersion,
    string TilesPackage,
    string? TilesPackageSha256,
    IReadOnlyList<WarcraftManifestFile> Files);

