using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>How a solver's float costs become the <see cref="Rows"/> x <see cref="Columns"/> matrix that
/// <see cref="JonkerVolgenantAssignment{T}"/> solves (implemented by structs, so the fill is specialised per type).</summary>
internal interface IAssignmentCostLayout
{
    /// <summary>Rows of the solved matrix, each assigned.</summary>
    int Rows { get; }

    /// <summary>Columns of the solved matrix, at least <see cref="Rows"/>.</summary>
    int Columns { get; }

    /// <summary>The extra bits of headroom the layout's arithmetic on the costs needs (1 per doubling of magnitude).</summary>
    int ExtraHeadroomBits { get; }

    /// <summary>Writes the row-major matrix from <paramref name="costs"/>, each cost divided by <c>2^gridExponent</c>
    /// (<see cref="AssignmentNumbers.ToScaled{T}"/>).</summary>
    void Fill<T>(ReadOnlySpan<float> costs, int gridExponent, Span<T> matrix) where T : struct, INumber<T>;
}
