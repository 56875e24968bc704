using Combigrad.Experiments.Reports;

namespace Combigrad.Experiments.Tests.Reports;

public sealed class ReportWriterTests
{
    private static ReportRow Row(params double[] values) => new("bb", new Dictionary<string, string>(), values, SeedsPlanned: 3, Paper: null);

    [Fact]
    public void Format_NoRun_Dash() => Assert.Equal("–", ReportWriter.Format(Row()));

    [Fact]
    public void Format_OneSeed_NoSpreadClaimed() => Assert.Equal("94.30 (one seed)", ReportWriter.Format(Row(94.3)));

    [Fact]
    public void Format_SeveralSeeds_MeanAndStd() => Assert.Matches(@"^2\.00 ± \d+\.\d\d$", ReportWriter.Format(Row(1, 2, 3)));
}
