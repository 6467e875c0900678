using CreditOS.Bureau;

namespace CreditOS.Integration.Tests.Bureau;

public sealed class BureauClientSearchAndReportTests
{
    [Fact]
    public async Task Finds_a_company_by_registration_number_and_by_VAT_number()
    {
        await using var local = await LocalBureauForClient.StartAsync();

        var byRegistration = await local.Client.FindCompanyAsync(new CompanySearchCriteria("DE", RegistrationNumber: "HRB100003"));
        var byVat = await local.Client.FindCompanyAsync(new CompanySearchCriteria("de", VatNumber: "DE 100000003"));

        Assert.Equal("DE-X-HRB100003", byRegistration.ConnectId);
        Assert.Equal("Rheinland Logistik GmbH", byRegistration.Name);
        Assert.Equal(byRegistration, byVat);
    }

    [Fact]
    public async Task A_name_search_pages_through_every_match()
    {
        await using var local = await LocalBureauForClient.StartAsync(configure: options => options.PageSize = 1);

        var first = await local.Client.SearchCompaniesAsync(new CompanySearchCriteria("DE", Name: "Hanse"));
        var all = new List<BureauCompany>();
        await foreach (var company in local.Client.SearchAllCompaniesAsync(new CompanySearchCriteria("DE", Name: "Hanse")))
        {
            all.Add(company);
        }

        Assert.Single(first.Companies);
        Assert.Equal(2, first.TotalSize);
        Assert.True(first.HasMore);
        Assert.Equal(["DE-X-HRB100007", "DE-X-HRB100008"], all.Select(company => company.ConnectId));
    }

    [Fact]
    public async Task An_unknown_company_and_an_ambiguous_name_are_clear_errors()
    {
        await using var local = await LocalBureauForClient.StartAsync();

        var unknown = await Assert.ThrowsAsync<BureauException>(() => local.Client.FindCompanyAsync(new CompanySearchCriteria("DE", RegistrationNumber: "HRB999999")));
        var ambiguous = await Assert.ThrowsAsync<BureauException>(() => local.Client.FindCompanyAsync(new CompanySearchCriteria("DE", Name: "Hanse Trading")));
        var unknownReport = await Assert.ThrowsAsync<BureauException>(() => local.Client.GetCreditReportAsync("DE-X-NOPE"));

        Assert.Equal(BureauFailure.CompanyNotFound, unknown.Failure);
        Assert.Contains("HRB999999", unknown.Message, StringComparison.Ordinal);
        Assert.False(unknown.IsTransient);
        Assert.Equal(BureauFailure.AmbiguousCompany, ambiguous.Failure);
        Assert.Contains("DE-X-HRB100007", ambiguous.Message, StringComparison.Ordinal);
        Assert.Contains("DE-X-HRB100008", ambiguous.Message, StringComparison.Ordinal);
        Assert.Equal(BureauFailure.CompanyNotFound, unknownReport.Failure);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknownReport.StatusCode);
    }

    [Fact]
    public async Task Search_criteria_without_a_number_or_name_are_refused_before_any_call()
    {
        await using var local = await LocalBureauForClient.StartAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => local.Client.SearchCompaniesAsync(new CompanySearchCriteria("DE")));

        Assert.Contains("registration number, a VAT number or a name", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, local.Bureau.ApiCalls);
    }

    [Fact]
    public async Task The_report_carries_rating_score_recommended_credit_days_beyond_terms_judgments_and_privileges()
    {
        await using var local = await LocalBureauForClient.StartAsync();
        local.Bureau.AddJudgment("DE-X-HRB100004", 12_500m);
        local.Bureau.AddPrivilege("DE-X-HRB100004", 3_000m);

        var report = await local.Client.GetCreditReportAsync("DE-X-HRB100004");

        Assert.Equal("Spreewald Bau KG", report.CompanyName);
        Assert.Equal("HRB100004", report.RegistrationNumber);
        Assert.Equal("DE100000004", report.VatNumber);
        Assert.Equal("D", report.InternationalRating);
        Assert.Equal(27, report.SolvencyScore);
        Assert.Equal(8_000m, report.RecommendedCredit);
        Assert.Equal("EUR", report.Currency);
        Assert.Equal(38, report.DaysBeyondTerms);
        Assert.Equal(1, report.JudgmentCount);
        Assert.Equal(12_500m, report.JudgmentValue);
        Assert.True(report.HasJudgment);
        Assert.True(report.HasPrivilege);
    }

    [Fact]
    public async Task A_malformed_report_is_refused_naming_the_company_and_what_is_wrong()
    {
        await using var local = await LocalBureauForClient.StartAsync();
        local.Bureau.Faults.MalformedReports.Add("DE-X-HRB100002");

        var refused = await Assert.ThrowsAsync<BureauException>(() => local.Client.GetCreditReportAsync("DE-X-HRB100002"));

        Assert.Equal(BureauFailure.MalformedResponse, refused.Failure);
        Assert.Contains("DE-X-HRB100002", refused.Message, StringComparison.Ordinal);
        Assert.Contains("creditScore", refused.Message, StringComparison.Ordinal);
        Assert.False(refused.IsTransient);
    }

    [Fact]
    public async Task The_portal_link_points_at_the_company_page()
    {
        await using var local = await LocalBureauForClient.StartAsync();

        var link = local.Client.PortalLink("DE-X-HRB100001");
        using var http = new HttpClient();
        var page = await http.GetStringAsync(link);

        Assert.EndsWith("/portal/companies/DE-X-HRB100001", link.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("Nordwind Maschinenbau GmbH", page, StringComparison.Ordinal);
    }
}
