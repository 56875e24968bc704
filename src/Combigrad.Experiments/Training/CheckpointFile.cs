using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Combigrad.Experiments.Faults;

namespace Combigrad.Experiments.Training;

/// <summary>
/// The checkpoint file format. A header (magic, format version, run key, epoch, payload length, SHA-256 of the payload)
/// is followed by the payload (training history as JSON, then the model and optimizer state). A file is loaded only when
/// its length, checksum, run key and epoch all agree, so a truncated file, a flipped byte or another run's checkpoint is
/// never mistaken for this run's state.
/// </summary>
internal static class CheckpointFile
{
    private const string Magic = "COMBIGRAD-CHECKPOINT";
    private const int Version = 3;
    private const int HashBytes = 32;
    private static readonly JsonSerializerOptions HistoryJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Writes a checkpoint to <paramref name="path"/> (a temporary name; the caller renames it into place), flushed
    /// to disk before it returns.</summary>
    public static void Write(string path, string runKey, IReadOnlyList<EpochRecord> history, Action<BinaryWriter> writeState)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        using (var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            header.Write(Magic);
            header.Write(Version);
            header.Write(runKey);
            header.Write(history[^1].Epoch);
        }
        var fixupPosition = stream.Position;
        stream.Write(new byte[sizeof(long) + HashBytes]); // length and checksum, filled in below
        var payloadStart = stream.Position;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var payload = new BinaryWriter(new HashingStream(stream, hash), Encoding.UTF8, leaveOpen: true))
        {
            payload.Write(JsonSerializer.Serialize(history, HistoryJson));
            writeState(payload);
            payload.Flush();
        }
        FaultInjection.At(FaultInjection.CheckpointWrite);
        var payloadLength = stream.Position - payloadStart;
        stream.Position = fixupPosition;
        stream.Write(BitConverter.GetBytes(payloadLength));
        stream.Write(hash.GetHashAndReset());
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Verifies a file: whole, matching checksum, this format version, and (when given) run <paramref name="expectedRunKey"/>.</summary>
    public static CheckpointCheck Verify(string path, string? expectedRunKey)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            var (runKey, epoch, payloadLength, checksum) = ReadHeader(reader);
            if (expectedRunKey is not null && runKey != expectedRunKey)
                return Bad(path, $"belongs to run {runKey}, not {expectedRunKey}");
            var payloadStart = stream.Position;
            if (stream.Length != payloadStart + payloadLength)
                return Bad(path, $"is {(stream.Length < payloadStart + payloadLength ? "truncated" : "longer than its header says")} ({stream.Length} bytes, header says {payloadStart + payloadLength})");
            if (!SHA256.HashData(stream).AsSpan().SequenceEqual(checksum))
                return Bad(path, "fails its SHA-256 checksum (corrupt)");
            stream.Position = payloadStart;
            var history = ReadHistory(reader);
            if (history.Count == 0 || history[^1].Epoch != epoch)
                return Bad(path, $"has a history that does not end at its header's epoch {epoch}");
            return new CheckpointCheck(path, epoch, history, null);
        }
        catch (InvalidDataException e)
        {
            return Bad(path, e.Message);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or JsonException or DecoderFallbackException or FormatException or ArgumentException)
        {
            return Bad(path, $"is unreadable ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>Opens a verified file and positions the reader after the training history, at the model state.</summary>
    public static BinaryReader OpenState(string path, out IReadOnlyList<EpochRecord> history)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            ReadHeader(reader);
            history = ReadHistory(reader);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static (string RunKey, int Epoch, long PayloadLength, byte[] Checksum) ReadHeader(BinaryReader reader)
    {
        string magic;
        try
        {
            magic = reader.ReadString();
        }
        catch (Exception e) when (e is EndOfStreamException or DecoderFallbackException or FormatException or IOException)
        {
            magic = "";
        }
        if (magic != Magic) throw new InvalidDataException("is not a Combigrad checkpoint");
        var version = reader.ReadInt32();
        if (version != Version) throw new InvalidDataException($"has checkpoint format version {version}, not {Version}");
        var runKey = reader.ReadString();
        var epoch = reader.ReadInt32();
        var payloadLength = reader.ReadInt64();
        var checksum = reader.ReadBytes(HashBytes);
        if (checksum.Length != HashBytes || payloadLength < 0) throw new InvalidDataException("is truncated inside its header");
        return (runKey, epoch, payloadLength, checksum);
    }

    private static List<EpochRecord> ReadHistory(BinaryReader reader) =>
        JsonSerializer.Deserialize<List<EpochRecord>>(reader.ReadString(), HistoryJson) ?? throw new InvalidDataException("has no training history");

    private static CheckpointCheck Bad(string path, string problem) => new(path, -1, null, problem);

    /// <summary>Passes writes through to the file and into the checksum.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
        }
    }
}
