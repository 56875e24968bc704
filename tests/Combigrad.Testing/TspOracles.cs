using Google.OrTools.Sat;

namespace Combigrad.Testing;

/// <summary>Independent references for the symmetric TSP: tour validity, brute force, CP-SAT and instance generators.</summary>
public static class TspOracles
{
    /// <summary>The largest <c>k</c> <see cref="BruteForceLength"/> accepts (it enumerates <c>(k - 1)!</c> orders).</summary>
    public const int MaxBruteForceCities = 9;

    /// <summary>
    /// Describes why <paramref name="adjacency"/> (row-major <c>k x k</c>) is not the adjacency of a Hamiltonian cycle
    /// for <c>k &gt;= 3</c> (0/1 entries, symmetric, zero diagonal, every degree 2, one connected cycle), or null.
    /// </summary>
    public static string? DescribeTourDefect(int k, ReadOnlySpan<float> adjacency)
    {
        if (adjacency.Length != k * k) return $"length {adjacency.Length}, expected {k * k}";
        for (var i = 0; i < k; i++)
        {
            if (adjacency[i * k + i] != 0f) return $"diagonal entry {i} is {adjacency[i * k + i]}";
            var degree = 0;
            for (var j = 0; j < k; j++)
            {
                var y = adjacency[i * k + j];
                if (y is not (0f or 1f)) return $"entry [{i}, {j}] is {y}, not 0 or 1";
                if (y != adjacency[j * k + i]) return $"entries [{i}, {j}] and [{j}, {i}] differ";
                if (y == 1f) degree++;
            }
            if (degree != 2) return $"city {i} has degree {degree}";
        }
        var previous = -1;
        var current = 0;
        for (var step = 0; step < k; step++)
        {
            var next = -1;
            for (var j = 0; j < k; j++)
                if (adjacency[current * k + j] == 1f && j != previous) { next = j; break; }
            previous = current;
            current = next;
            if (current == 0 && step < k - 1) return $"a subtour of {step + 1} cities closes at city 0";
        }
        return current == 0 ? null : "the walk from city 0 does not return after k steps";
    }

    /// <summary>The tour length (each edge once) of a symmetric adjacency: half of <c>&lt;w, y&gt;</c>, in double.</summary>
    public static double TourLength(int k, ReadOnlySpan<float> adjacency, ReadOnlySpan<float> costs)
    {
        var sum = 0.0;
        for (var i = 0; i < k; i++)
            for (var j = i + 1; j < k; j++)
                if (adjacency[i * k + j] == 1f) sum += costs[i * k + j];
        return sum;
    }

    /// <summary>The optimal tour length by enumerating all orders of cities <c>1..k-1</c> after city 0.</summary>
    public static double BruteForceLength(int k, ReadOnlySpan<float> costs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 3);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, MaxBruteForceCities);
        var order = new int[k - 1];
        for (var i = 0; i < order.Length; i++) order[i] = i + 1;
        var best = double.PositiveInfinity;
        do
        {
            var length = (double)costs[order[0]] + costs[order[^1] * k];
            for (var i = 0; i + 1 < order.Length; i++) length += costs[order[i] * k + order[i + 1]];
            best = Math.Min(best, length);
        }
        while (BruteForce.NextPermutation(order));
        return best;
    }

    /// <summary>The largest <c>k</c> <see cref="HeldKarpLength"/> accepts (its table has <c>2^(k-1) k</c> entries).</summary>
    public const int MaxHeldKarpCities = 16;

    /// <summary>The optimal tour length of a symmetric instance by the Held–Karp dynamic program over subsets (exact for
    /// any float costs, sums in double): <c>best[S, j]</c> is the shortest path from city 0 through the cities of
    /// <c>S</c> (a subset of <c>1..k-1</c>) ending at <c>j</c> in <c>S</c>.</summary>
    public static double HeldKarpLength(int k, ReadOnlySpan<float> costs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 3);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, MaxHeldKarpCities);
        var others = k - 1;
        var best = new double[(1 << others) * others];
        Array.Fill(best, double.PositiveInfinity);
        for (var j = 0; j < others; j++) best[(1 << j) * others + j] = costs[j + 1];
        for (var set = 1; set < 1 << others; set++)
        {
            for (var last = 0; last < others; last++)
            {
                var length = best[set * others + last];
                if ((set & (1 << last)) == 0 || double.IsPositiveInfinity(length)) continue;
                for (var next = 0; next < others; next++)
                {
                    if ((set & (1 << next)) != 0) continue;
                    var entry = (set | (1 << next)) * others + next;
                    best[entry] = Math.Min(best[entry], length + costs[(last + 1) * k + next + 1]);
                }
            }
        }
        var all = (1 << others) - 1;
        var tour = double.PositiveInfinity;
        for (var last = 0; last < others; last++) tour = Math.Min(tour, best[all * others + last] + costs[(last + 1) * k]);
        return tour;
    }

    /// <summary>
    /// The optimal tour length by OR-Tools CP-SAT with <c>AddCircuit</c> on one worker. The costs must be integers
    /// (as floats) so that CP-SAT sees the same instance.
    /// </summary>
    public static long CpSatLength(int k, ReadOnlySpan<float> costs)
    {
        var model = new CpModel();
        var circuit = model.AddCircuit();
        var literals = new List<ILiteral>();
        var weights = new List<long>();
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                if (i == j) continue;
                var c = costs[i * k + j];
                if (c != MathF.Round(c)) throw new ArgumentException($"cost[{i}, {j}] = {c} is not an integer.", nameof(costs));
                var arc = model.NewBoolVar($"x{i}_{j}");
                circuit.AddArc(i, j, arc);
                literals.Add(arc);
                weights.Add((long)c);
            }
        }
        model.Minimize(LinearExpr.WeightedSum(literals, weights));
        var solver = new CpSolver { StringParameters = "num_workers:1" };
        var status = solver.Solve(model);
        if (status != CpSolverStatus.Optimal) throw new InvalidOperationException($"CP-SAT status {status}.");
        return (long)Math.Round(solver.ObjectiveValue);
    }

    /// <summary>Symmetric costs, diagonal 0, from a symmetric generator of the entries above the diagonal.</summary>
    public static float[] SymmetricCosts(int k, Func<float> upperEntry)
    {
        ArgumentNullException.ThrowIfNull(upperEntry);
        var costs = new float[k * k];
        for (var i = 0; i < k; i++)
            for (var j = i + 1; j < k; j++)
                costs[i * k + j] = costs[j * k + i] = upperEntry();
        return costs;
    }

    /// <summary>Great-circle distances between <paramref name="k"/> uniform random points on the unit sphere.</summary>
    public static float[] SphereCosts(Random random, int k)
    {
        ArgumentNullException.ThrowIfNull(random);
        var points = new double[k, 3];
        for (var i = 0; i < k; i++)
        {
            double x, y, z, norm;
            do
            {
                x = random.NextDouble() * 2 - 1;
                y = random.NextDouble() * 2 - 1;
                z = random.NextDouble() * 2 - 1;
                norm = Math.Sqrt(x * x + y * y + z * z);
            }
            while (norm is > 1 or < 1e-3);
            points[i, 0] = x / norm;
            points[i, 1] = y / norm;
            points[i, 2] = z / norm;
        }
        var costs = new float[k * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = i + 1; j < k; j++)
            {
                var dot = points[i, 0] * points[j, 0] + points[i, 1] * points[j, 1] + points[i, 2] * points[j, 2];
                costs[i * k + j] = costs[j * k + i] = (float)Math.Acos(Math.Clamp(dot, -1, 1));
            }
        }
        return costs;
    }
}
