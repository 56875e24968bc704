using Combigrad.Noise;

namespace Combigrad.Tests.Noise;

public sealed class XoshiroRandomTests
{
    [Fact]
    public void SameSeed_SameStream_OtherSeed_OtherStream()
    {
        var first = new XoshiroRandom(0);
        var second = new XoshiroRandom(0);
        var other = new XoshiroRandom(1);
        var a = Enumerable.Range(0, 64).Select(_ => first.NextUInt64()).ToArray();
        var b = Enumerable.Range(0, 64).Select(_ => second.NextUInt64()).ToArray();
        var c = Enumerable.Range(0, 64).Select(_ => other.NextUInt64()).ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(64, a.Distinct().Count());
    }

    [Fact]
    public void NextDouble_IsUniformOnTheHalfOpenUnitInterval()
    {
        var random = new XoshiroRandom(42);
        var values = Enumerable.Range(0, 200_000).Select(_ => random.NextDouble()).ToArray();
        Assert.All(values, v => Assert.InRange(v, 0.0, 1.0 - double.Epsilon));
        Assert.Equal(0.5, values.Average(), 2);
        Assert.Equal(1.0 / 12, values.Select(v => (v - 0.5) * (v - 0.5)).Average(), 3);
        // Ten equal bins each hold about a tenth of the draws (chi-square with 9 dof; 30 is far beyond its 99.9 % point).
        var counts = new double[10];
        foreach (var v in values) counts[(int)(v * 10)]++;
        var expected = values.Length / 10.0;
        Assert.True(counts.Sum(c => (c - expected) * (c - expected) / expected) < 30);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(0, 7)]
    [InlineData(-5, 5)]
    [InlineData(3, 1000)]
    public void BoundedDraws_StayInRangeAndReachBothEnds(int min, int max)
    {
        var random = new XoshiroRandom(7);
        var values = Enumerable.Range(0, 20_000).Select(_ => random.Next(min, max)).ToArray();
        if (min == max)
        {
            Assert.All(values, v => Assert.Equal(min, v));
            return;
        }
        Assert.All(values, v => Assert.InRange(v, min, max - 1));
        if (max - min <= 10)
        {
            Assert.Contains(min, values);
            Assert.Contains(max - 1, values);
        }
    }

    [Fact]
    public void InvalidBounds_Throw()
    {
        var random = new XoshiroRandom(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Next(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Next(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt64(-3));
    }

    [Fact]
    public void NextBytes_FillsOddLengthsAndDiffersBetweenCalls()
    {
        var random = new XoshiroRandom(3);
        var first = new byte[13];
        var second = new byte[13];
        random.NextBytes(first);
        random.NextBytes(second);
        Assert.NotEqual(first, second);
        Assert.Contains(first.Skip(8), b => b != 0);
    }
}
