#nullable enable
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// MSBuild task: in every copy of <see cref="LibraryName"/> below <see cref="SearchDirectory"/>, marks the
/// ELF version requirement <see cref="VersionName"/> as weak (sets VER_FLG_WEAK in the vna_flags of its
/// Vernaux entry in the SHT_GNU_verneed section), but only when the system libstdc++.so.6 does not define
/// that version. A weak version requirement that the system lacks is a loader warning, not an error.
/// The patched file is written next to the original and renamed over it, so a hard link into the NuGet
/// cache is never modified. Running it twice changes nothing.
/// </summary>
public sealed class WeakenGlibcxxVersionRequirement : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    private static readonly string[] LibstdcxxDirectories =
    {
        "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu",
        "/usr/lib64", "/lib64", "/usr/lib", "/lib",
    };

    /// <summary>The directory searched recursively for the library (a build or publish output).</summary>
    [Required] public string SearchDirectory { get; set; } = "";

    /// <summary>The file name of the native library to patch.</summary>
    [Required] public string LibraryName { get; set; } = "";

    /// <summary>The version requirement to mark weak, e.g. GLIBCXX_3.4.32.</summary>
    [Required] public string VersionName { get; set; } = "";

    /// <summary>
    /// Patch even when this machine's libstdc++ defines the version: for files that will run on other machines (a tool
    /// package). A weak requirement is resolved as usual where the version exists, so the patch is harmless there.
    /// </summary>
    public bool EvenIfSystemDefinesVersion { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!Directory.Exists(SearchDirectory)) return true;
        var libraries = Directory.GetFiles(SearchDirectory, LibraryName, SearchOption.AllDirectories);
        if (libraries.Length == 0) return true;

        var systemLibrary = FindSystemLibstdcxx();
        if (!EvenIfSystemDefinesVersion && systemLibrary != null && ContainsVersionName(systemLibrary, VersionName))
        {
            Log.LogMessage(MessageImportance.Low, $"Combigrad: {systemLibrary} defines {VersionName}; {LibraryName} needs no patch.");
            return true;
        }

        foreach (var library in libraries)
        {
            try
            {
                PatchOne(library, systemLibrary);
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                Log.LogError($"Combigrad: could not make {library} loadable on this system: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    private void PatchOne(string library, string? systemLibrary)
    {
        var bytes = File.ReadAllBytes(library);
        var flagsOffset = FindVernauxFlagsOffset(bytes, VersionName);
        if (flagsOffset < 0)
        {
            Log.LogMessage(MessageImportance.Low, $"Combigrad: {library} does not require {VersionName}; nothing to patch.");
            return;
        }
        var flags = ReadU16(bytes, flagsOffset);
        if ((flags & VerFlgWeak) != 0)
        {
            Log.LogMessage(MessageImportance.Low, $"Combigrad: {library} already marks {VersionName} weak.");
            return;
        }
        WriteU16(bytes, flagsOffset, (ushort)(flags | VerFlgWeak));
        var temporary = library + ".combigrad-patch";
        File.WriteAllBytes(temporary, bytes);
        File.Replace(temporary, library, null);
        var reason = EvenIfSystemDefinesVersion
            ? "for machines whose libstdc++ lacks it (a package installed elsewhere)"
            : $"because the system libstdc++ ({systemLibrary ?? "not found"}) lacks it";
        Log.LogMessage(MessageImportance.High, $"Combigrad: marked {VersionName} weak in {library} {reason}; see README, 'Debian 12'.");
    }

    private static string? FindSystemLibstdcxx()
    {
        foreach (var directory in LibstdcxxDirectories)
        {
            var candidate = Path.Combine(directory, "libstdc++.so.6");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>True when the file contains the NUL-terminated version name (libstdc++ lists each version it defines in .dynstr).</summary>
    private static bool ContainsVersionName(string path, string versionName)
    {
        var needle = Encoding.ASCII.GetBytes("\0" + versionName + "\0");
        var haystack = File.ReadAllBytes(path);
        for (var start = 0; start + needle.Length <= haystack.Length; start++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++) match = haystack[start + j] == needle[j];
            if (match) return true;
        }
        return false;
    }

    /// <summary>
    /// Layout (ELF64): a section header holds sh_type at +4, sh_offset at +0x18, sh_link at +0x28, sh_info at +0x2C.
    /// A Verneed entry is (vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32); a Vernaux entry is
    /// (vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32).
    /// Parses the ELF64 little-endian section headers and returns the file offset of vna_flags of the
    /// Vernaux entry named <paramref name="versionName"/>, or -1 when no such requirement exists.
    /// </summary>
    private static int FindVernauxFlagsOffset(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a 64-bit little-endian ELF file");

        var sectionHeaderOffset = checked((int)ReadU64(elf, 0x28));
        var sectionHeaderSize = ReadU16(elf, 0x3A);
        var sectionCount = ReadU16(elf, 0x3C);
        for (var s = 0; s < sectionCount; s++)
        {
            var header = sectionHeaderOffset + s * sectionHeaderSize;
            if (ReadU32(elf, header + 4) != ShtGnuVerneed) continue;

            var verneedOffset = checked((int)ReadU64(elf, header + 0x18));
            var linkedStringSection = (int)ReadU32(elf, header + 0x28);
            var verneedCount = (int)ReadU32(elf, header + 0x2C);
            var stringHeader = sectionHeaderOffset + linkedStringSection * sectionHeaderSize;
            var stringTableOffset = checked((int)ReadU64(elf, stringHeader + 0x18));

            var need = verneedOffset;
            for (var n = 0; n < verneedCount; n++)
            {
                var auxCount = ReadU16(elf, need + 2);
                var aux = need + (int)ReadU32(elf, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadCString(elf, stringTableOffset + (int)ReadU32(elf, aux + 8));
                    if (name == versionName) return aux + 4;
                    var nextAux = (int)ReadU32(elf, aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                var nextNeed = (int)ReadU32(elf, need + 12);
                if (nextNeed == 0) break;
                need += nextNeed;
            }
        }
        return -1;
    }

    private static ushort ReadU16(byte[] b, int o) => (ushort)(b[o] | (b[o + 1] << 8));
    private static uint ReadU32(byte[] b, int o) => (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));
    private static ulong ReadU64(byte[] b, int o) => ReadU32(b, o) | ((ulong)ReadU32(b, o + 4) << 32);
    private static void WriteU16(byte[] b, int o, ushort v) { b[o] = (byte)v; b[o + 1] = (byte)(v >> 8); }

    private static string ReadCString(byte[] b, int o)
    {
        var end = o;
        while (end < b.Length && b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, o, end - o);
    }
}
