using System.Buffers.Binary;
using System.IO.Compression;

namespace Combigrad.Data.Mnist;

/// <summary>
/// Reads IDX files of unsigned bytes, plain or gzipped (recognised by the gzip magic bytes, not by the file name):
/// two zero bytes, the type code <c>0x08</c>, the number of dimensions, each dimension as a big-endian 32-bit
/// integer, then the entries in row-major order.
/// </summary>
public static class IdxReader
{
    /// <summary>The type code of unsigned bytes, the only one MNIST and Fashion-MNIST use.</summary>
    public const byte UnsignedByteType = 0x08;

    private const byte GzipFirstByte = 0x1f;
    private const byte GzipSecondByte = 0x8b;
    private const int HeaderSize = 4;

    /// <summary>Reads the IDX file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not an IDX file of unsigned bytes, or is truncated or too long.</exception>
    public static IdxArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"No IDX file at {path}.", path);
        using var file = File.OpenRead(path);
        var first = file.ReadByte();
        var second = file.ReadByte();
        file.Position = 0;
        if (first == GzipFirstByte && second == GzipSecondByte)
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return Read(gzip, path);
        }
        return Read(file, path);
    }

    /// <summary>Reads an IDX array from <paramref name="stream"/> (uncompressed) to its end.</summary>
    /// <param name="stream">The IDX bytes.</param>
    /// <param name="name">The name used in error messages (a file path).</param>
    /// <exception cref="InvalidDataException">Not an IDX array of unsigned bytes, or truncated or too long.</exception>
    public static IdxArray Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return ReadValidated(stream, name);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{name}: the IDX data ends early (truncated file).");
        }
    }

    private static IdxArray ReadValidated(Stream stream, string name)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        stream.ReadExactly(header);
        if (header[0] != 0 || header[1] != 0)
            throw new InvalidDataException($"{name}: not an IDX file (it must start with two zero bytes, found 0x{header[0]:x2} 0x{header[1]:x2}).");
        if (header[2] != UnsignedByteType)
            throw new InvalidDataException($"{name}: IDX type code 0x{header[2]:x2} is not supported; only unsigned bytes (0x{UnsignedByteType:x2}) are.");
        var rank = header[3];
        if (rank == 0) throw new InvalidDataException($"{name}: an IDX array needs at least one dimension.");

        var shape = new int[rank];
        Span<byte> dimension = stackalloc byte[sizeof(int)];
        long length = 1;
        for (var i = 0; i < rank; i++)
        {
            stream.ReadExactly(dimension);
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(dimension);
            if (shape[i] < 0) throw new InvalidDataException($"{name}: dimension {i} is negative ({shape[i]}).");
            length *= shape[i];
            if (length > Array.MaxLength) throw new InvalidDataException($"{name}: the IDX array has more than {Array.MaxLength} entries.");
        }

        var data = new byte[length];
        stream.ReadExactly(data);
        if (stream.ReadByte() >= 0)
            throw new InvalidDataException($"{name}: bytes follow the {length} entries that the header [{string.Join(", ", shape)}] announces.");
        return new IdxArray(shape, data);
    }
}
