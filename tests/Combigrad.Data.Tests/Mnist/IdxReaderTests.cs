using System.IO.Compression;
using Combigrad.Data.Mnist;

namespace Combigrad.Data.Tests.Mnist;

public sealed class IdxReaderTests
{
    /// <summary>A hand-made IDX file: header, big-endian dimensions, then the entries.</summary>
    private static byte[] Idx(byte type, int[] shape, byte[] data)
    {
        var bytes = new List<byte> { 0, 0, type, (byte)shape.Length };
        foreach (var d in shape) bytes.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        bytes.AddRange(data);
        return [.. bytes];
    }

    private static string Write(byte[] bytes, bool gzip, string name = "tiny-idx3-ubyte")
    {
        var path = Path.Combine(TestDirectories.Create(), gzip ? name + ".gz" : name);
        if (!gzip)
        {
            File.WriteAllBytes(path, bytes);
            return path;
        }
        using var file = File.Create(path);
        using var compressed = new GZipStream(file, CompressionLevel.Optimal);
        compressed.Write(bytes);
        return path;
    }

    private static readonly byte[] TwelveBytes = [.. Enumerable.Range(0, 12).Select(i => (byte)(i * 20))];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_TinyFilePlainOrGzipped_ReturnsShapeAndEntriesInOrder(bool gzip)
    {
        var path = Write(Idx(IdxReader.UnsignedByteType, [2, 2, 3], TwelveBytes), gzip);

        var array = IdxReader.Read(path);

        Assert.Equal([2, 2, 3], array.Shape);
        Assert.Equal(2, array.Count);
        Assert.Equal(6, array.ItemSize);
        Assert.Equal(TwelveBytes, array.Data);
    }

    [Fact]
    public void Read_GzippedFileWithoutGzSuffix_IsRecognisedByItsMagicBytes()
    {
        var gzipped = Write(Idx(IdxReader.UnsignedByteType, [12], TwelveBytes), gzip: true);
        var renamed = Path.Combine(Path.GetDirectoryName(gzipped)!, "labels-idx1-ubyte");
        File.Move(gzipped, renamed);

        Assert.Equal(TwelveBytes, IdxReader.Read(renamed).Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_TruncatedData_ThrowsInvalidDataSayingTruncated(bool gzip)
    {
        var path = Write(Idx(IdxReader.UnsignedByteType, [2, 2, 3], TwelveBytes[..11]), gzip);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Read_BytesAfterTheAnnouncedEntries_ThrowsInvalidData()
    {
        var path = Write(Idx(IdxReader.UnsignedByteType, [11], TwelveBytes), gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains("bytes follow", error.Message);
    }

    [Fact]
    public void Read_FloatTypeCode_ThrowsInvalidDataNamingTheType()
    {
        var path = Write(Idx(0x0D, [3], TwelveBytes), gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains("0x0d", error.Message);
    }

    [Fact]
    public void Read_NotAnIdxFile_ThrowsInvalidData()
    {
        var path = Write("P5\n28 28\n255\n"u8.ToArray(), gzip: false);

        Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => IdxReader.Read(Path.Combine(TestDirectories.Create(), "absent")));
    }

    [Fact]
    public void Load_TinyCollection_ScalesGreyValuesToUnitIntervalAndKeepsLabels()
    {
        var folder = TestDirectories.Create();
        var files = MnistData.InFolder(folder, ".gz");
        var pixels = Enumerable.Range(0, 3 * MnistImages.PixelCount).Select(i => (byte)(i % 256)).ToArray();
        File.Move(Write(Idx(IdxReader.UnsignedByteType, [3, 28, 28], pixels), gzip: true), files.TestImages);
        File.Move(Write(Idx(IdxReader.UnsignedByteType, [3], [7, 2, 1]), gzip: true), files.TestLabels);

        var test = MnistData.Load(files, MnistSplit.Test, count: 2);

        Assert.Equal(2, test.Count);
        Assert.Equal([7, 2], test.Labels);
        Assert.Equal(2 * MnistImages.PixelCount, test.Pixels.Length);
        Assert.Equal(255 / 255f, test.Pixels[255]);
        Assert.Equal(1 / 255f, test.Pixels[257]);
        Assert.Throws<InvalidDataException>(() => MnistData.Load(files, MnistSplit.Test, count: 4));
    }

    [Fact]
    public void Load_LabelCountDiffersFromImageCount_ThrowsInvalidData()
    {
        var files = MnistData.InFolder(TestDirectories.Create(), "");
        File.Move(Write(Idx(IdxReader.UnsignedByteType, [2, 28, 28], new byte[2 * 784]), gzip: false), files.TestImages);
        File.Move(Write(Idx(IdxReader.UnsignedByteType, [3], [1, 2, 3]), gzip: false), files.TestLabels);

        var error = Assert.Throws<InvalidDataException>(() => MnistData.Load(files, MnistSplit.Test, count: 1));

        Assert.Contains("expected 2 labels", error.Message);
    }
}
