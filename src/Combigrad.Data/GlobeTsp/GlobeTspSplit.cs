using System.Security.Cryptography;
using Combigrad.Solvers;

namespace Combigrad.Data.GlobeTsp;

/// <summary>
/// A TSP(k) split: N examples, each a k-subset of the world's countries (in drawn order) and the k x k symmetric
/// 0/1 adjacency of the optimal tour through their capitals under the chord distance on the unit sphere (paper Sec. 4.1,
/// appendix 6.1: the network learns the capitals' coordinates up to a rotation).
/// </summary>
/// <param name="K">Cities per example.</param>
/// <param name="Countries">Country indices, <c>[N, k]</c> row-major.</param>
/// <param name="Tours">Tour adjacency, <c>[N, k, k]</c> row-major.</param>
public sealed record GlobeTspSplit(int K, int[] Countries, float[] Tours)
{
    private const string Magic = "COMBIGRAD-GLOBETSP";
    private const int FormatVersion = 1;

    /// <summary>The number of examples.</summary>
    public int Count => Countries.Length / K;

    /// <summary>Draws <paramref name="count"/> seeded k-subsets and labels them with the exact TSP solver.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is below 3 or above the number of countries.</exception>
    public static GlobeTspSplit Generate(GlobeTspWorld world, int k, int count, int seed)
    {
        var countries = world.Capitals.Count;
        if (k < 3 || k > countries) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in 3..{countries}.");
        var random = new Random(seed);
        var chosen = new int[count * k];
        var costs = new float[count * k * k];
        var pool = Enumerable.Range(0, countries).ToArray();
        for (var n = 0; n < count; n++)
        {
            // Partial Fisher–Yates: the first k entries are a uniform k-subset in random order.
            for (var i = 0; i < k; i++)
            {
                var j = i + random.Next(countries - i);
                (pool[i], pool[j]) = (pool[j], pool[i]);
                chosen[n * k + i] = pool[i];
            }
            for (var a = 0; a < k; a++)
                for (var b = 0; b < k; b++)
                    costs[(n * k + a) * k + b] = (float)world.Distances[chosen[n * k + a], chosen[n * k + b]];
        }
        var tours = new float[count * k * k];
        new TspSolver(k).SolveBatch(costs, tours);
        return new GlobeTspSplit(k, chosen, tours);
    }

    /// <summary>Writes the split; returns the SHA-256 of the file (hex), which the cache manifest records.</summary>
    public string Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(K);
            writer.Write(Count);
            foreach (var c in Countries) writer.Write((byte)c);
            var bits = new byte[(Tours.Length + 7) / 8];
            for (var i = 0; i < Tours.Length; i++) if (Tours[i] > 0.5f) bits[i / 8] |= (byte)(1 << (i % 8));
            writer.Write(bits);
        }
        File.Move(temporary, path, overwrite: true);
        return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
    }

    /// <summary>Reads a split written by <see cref="Save"/>, checking its SHA-256 when <paramref name="expectedSha256"/> is given.</summary>
    /// <exception cref="InvalidDataException">Wrong format, truncated file or hash mismatch.</exception>
    public static GlobeTspSplit Load(string path, string? expectedSha256 = null)
    {
        var bytes = File.ReadAllBytes(path);
        if (expectedSha256 is not null && Convert.ToHexStringLower(SHA256.HashData(bytes)) != expectedSha256)
            throw new InvalidDataException($"{path} does not match its recorded SHA-256; rebuild it with 'combigrad data build globe-tsp'.");
        using var reader = new BinaryReader(new MemoryStream(bytes));
        try
        {
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion)
                throw new InvalidDataException($"{path} is not a Globe TSP split of format {FormatVersion}.");
            var k = reader.ReadInt32();
            var count = reader.ReadInt32();
            var countries = reader.ReadBytes(count * k).Select(b => (int)b).ToArray();
            var bits = reader.ReadBytes((count * k * k + 7) / 8);
            if (countries.Length != count * k || bits.Length != (count * k * k + 7) / 8)
                throw new InvalidDataException($"{path} is truncated.");
            var tours = new float[count * k * k];
            for (var i = 0; i < tours.Length; i++) tours[i] = (bits[i / 8] >> (i % 8)) & 1;
            return new GlobeTspSplit(k, countries, tours);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path} is truncated.");
        }
    }
}
