using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Combigrad.Data.Fetching;

/// <summary>Safe extraction of downloaded archives and the hashes that pin them.</summary>
internal static class ArchiveExtraction
{
    /// <summary>
    /// Extracts the regular files and directories of a <c>.tgz</c> into <paramref name="destination"/>, dropping the
    /// first <paramref name="stripComponents"/> path components (npm tarballs put everything under <c>package/</c>).
    /// Entries that would land outside the destination, links and devices are refused.
    /// </summary>
    /// <exception cref="InvalidDataException">The archive is corrupt or has an entry escaping the destination.</exception>
    public static void ExtractTarGz(string archive, string destination, int stripComponents)
    {
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(root);
        using var file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            var parts = entry.Name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length <= stripComponents) continue;
            var relative = Path.Combine(parts[stripComponents..]);
            var target = Path.GetFullPath(Path.Combine(root, relative));
            if (!target.StartsWith(root, StringComparison.Ordinal))
                throw new InvalidDataException($"{Path.GetFileName(archive)}: entry '{entry.Name}' would be written outside {destination}.");
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    using (var output = File.Create(target))
                        entry.DataStream?.CopyTo(output);
                    break;
                default:
                    // Links, devices and metadata entries are not data: skip them.
                    break;
            }
        }
    }

    /// <summary>The SHA-512 of a file, as bytes.</summary>
    public static byte[] Sha512(string path)
    {
        using var stream = File.OpenRead(path);
        return SHA512.HashData(stream);
    }

    /// <summary>The SHA-256 of a file, as lower-case hex.</summary>
    public static string Sha256Hex(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Moves a freshly extracted folder into place; if another process won the race, keeps theirs.</summary>
    public static void MoveIntoPlace(string staging, string final)
    {
        try
        {
            Directory.Move(staging, final);
        }
        catch (IOException) when (Directory.Exists(final))
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
