namespace Pipeline.Domain.Tests;

public class DateExtractionTests
{
    [Theory]
    [InlineData("Newsroom | August 21, 2018\nWe removed 12 accounts.", "2018-08-21")]
    [InlineData("Published 2023-08-29 | Meta\nWe removed 12 accounts.", "2023-08-29")]
    [InlineData("Research desk — 27 August 2018\nFacebook removed the network it tied to Iran.", "2018-08-27")]
    [InlineData("Brussels bureau · 28.09.2022\nMeta removed 1,600 accounts.", "2022-09-28")]
    [InlineData("WASHINGTON, Sept. 2, 2020 — Facebook said it removed 13 accounts.", "2020-09-02")]
    [InlineData("Last updated: 27 May 2020\nWe terminated 3 YouTube channels.", "2020-05-27")]
    public void Reads_the_dateline(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Support.Extract(text).ReportedOn);

    [Fact]
    public void A_year_less_dateline_takes_the_documents_own_year()
    {
        var report = Support.Extract("SAN FRANCISCO, Aug. 21 (Reuters) - Facebook removed 652 pages.", new DateOnly(2018, 8, 22));
        Assert.Equal(new DateOnly(2018, 8, 21), report.ReportedOn);
    }

    [Fact]
    public void Without_a_dateline_the_published_date_is_used()
    {
        var report = Support.Extract("Facebook removed 20 accounts linked to the group.", new DateOnly(2019, 1, 17));
        Assert.Equal(new DateOnly(2019, 1, 17), report.ReportedOn);
    }

    [Theory]
    [InlineData("Wednesday 22 August 2018\nFacebook said on Tuesday that it had removed 652 pages.", "2018-08-21")]
    [InlineData("Friday 7 December 2019\nIn a post late on Thursday, Reddit said it had banned 61 accounts.", "2019-12-05")]
    [InlineData("Published 4 September 2020\nOn 31 August 2020, Facebook took down 55 accounts.", "2020-08-31")]
    public void A_dated_announcement_is_the_reported_date(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Support.Extract(text).ReportedOn);

    [Theory]
    [InlineData("Reporting period: November 1–30, 2024\nWe removed 78 accounts in this period.")]
    [InlineData("This report covers networks we disrupted between December 1 and December 31, 2024. We removed 27 accounts.")]
    public void A_reporting_period_is_not_a_date(string text) =>
        Assert.Null(Support.Extract(text).ReportedOn);

    [Fact]
    public void A_text_that_reports_no_takedown_has_no_reported_date()
    {
        Assert.Null(Support.Extract("May 14, 2019\nResearchers described a network of fake websites called Endless Mayfly.").ReportedOn);
    }

    [Fact]
    public void An_update_stamp_does_not_replace_the_publication_date()
    {
        var report = Support.Extract("Posted August 6, 2020\nUpdated: October 8, 2020\nWe terminated 16 YouTube channels.");
        Assert.Equal(new DateOnly(2020, 8, 6), report.ReportedOn);
    }

    [Fact]
    public void The_date_carries_its_line_as_evidence()
    {
        var report = Support.Extract("Takedown notice\nPublished September 1, 2020\nWe removed 13 accounts.");
        Assert.Equal("Published September 1, 2020", report.ReportedOnEvidence?.Quote);
    }

    [Fact]
    public void A_page_with_only_a_reporting_period_is_undated()
    {
        var report = Support.Extract("# Network disruptions, March 2023\nReporting period: March 1–31, 2023\n\nWe removed a network of 64 accounts in this period.");
        Assert.Null(report.ReportedOn);
    }

    [Fact]
    public void A_month_at_the_top_without_a_period_still_dates_the_page()
    {
        var report = Support.Extract("# Analysis of a troll network\nJune 2021\n\nThe platform removed 64 accounts.");
        Assert.Equal(new DateOnly(2021, 6, 1), report.ReportedOn);
    }
}
