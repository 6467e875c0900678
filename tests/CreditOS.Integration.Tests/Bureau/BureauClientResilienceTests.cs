using System.Net;
using CreditOS.Bureau;
using Microsoft.Extensions.Time.Testing;

namespace CreditOS.Integration.Tests.Bureau;

public sealed class BureauClientResilienceTests
{
    [Fact]
    public async Task Throttling_is_retried_after_the_bureaus_Retry_After_and_then_succeeds()
    {
        await using var local = await LocalBureauForClient.StartAsync();
        await local.Client.ListPortfoliosAsync();
        var before = local.Bureau.ApiCalls;
        local.Bureau.Faults.ThrottleNext(2);

        var report = await local.Client.GetCreditReportAsync("DE-X-HRB100001");

        Assert.Equal("A", report.InternationalRating);
        Assert.Equal(before + 3, local.Bureau.ApiCalls);
    }

    [Fact]
    public async Task Throttling_beyond_the_retries_ends_in_a_clear_throttled_status_with_Retry_After()
    {
        await using var local = await LocalBureauForClient.StartAsync();
        await local.Client.ListPortfoliosAsync();
        var before = local.Bureau.ApiCalls;
        local.Bureau.Faults.ThrottleAll = true;

        var failure = await Assert.ThrowsAsync<BureauException>(() => local.Client.GetCreditReportAsync("DE-X-HRB100001"));

        Assert.Equal(BureauFailure.Throttled, failure.Failure);
        Assert.Equal(HttpStatusCode.TooManyRequests, failure.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), failure.RetryAfter);
        Assert.True(failure.IsTransient);
        Assert.Contains("after 3 retries", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before + 4, local.Bureau.ApiCalls);
    }

    [Fact]
    public async Task A_server_error_is_retried()
    {
        await using var local = await LocalBureauForClient.StartAsync();
        local.Bureau.Faults.FailNext(2);

        var company = await local.Client.FindCompanyAsync(new CompanySearchCriteria("NL", RegistrationNumber: "80000005"));

        Assert.Equal("Polder Foods B.V.", company.Name);
    }

    [Fact]
    public async Task A_bureau_that_is_down_ends_in_unavailable_after_the_retries()
    {
        await using var local = await LocalBureauForClient.StartAsync();
        local.Bureau.Faults.Down = true;

        var failure = await Assert.ThrowsAsync<BureauException>(() => local.Client.GetCreditReportAsync("DE-X-HRB100001"));

        Assert.Equal(BureauFailure.Unavailable, failure.Failure);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.Equal(4, local.Bureau.ApiCalls);
    }

    [Fact]
    public async Task A_bureau_that_drops_connections_ends_in_unavailable()
    {
        await using var local = await LocalBureauForClient.StartAsync();
        local.Bureau.Faults.Unreachable = true;

        var failure = await Assert.ThrowsAsync<BureauException>(() => local.Client.ListPortfoliosAsync());

        Assert.Equal(BureauFailure.Unavailable, failure.Failure);
        Assert.Null(failure.StatusCode);
        Assert.Equal(4, local.Bureau.ApiCalls);
    }

    [Fact]
    public async Task Wrong_credentials_are_an_authentication_failure_not_retried()
    {
        await using var local = await LocalBureauForClient.StartAsync(configure: options => options.Password = "wrong");

        var failure = await Assert.ThrowsAsync<BureauException>(() => local.Client.ListPortfoliosAsync());

        Assert.Equal(BureauFailure.AuthenticationFailed, failure.Failure);
        Assert.Contains(local.Server.Options.UserName, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, local.Bureau.Authentications);
    }

    [Fact]
    public async Task The_token_is_reused_within_its_hour_and_renewed_before_it_expires()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero));
        await using var local = await LocalBureauForClient.StartAsync(clock, options => options.TokenRenewalMargin = TimeSpan.FromMinutes(5));

        await local.Client.ListPortfoliosAsync();
        clock.Advance(TimeSpan.FromMinutes(54));
        await local.Client.ListPortfoliosAsync();
        var afterFiftyFourMinutes = local.Bureau.Authentications;
        clock.Advance(TimeSpan.FromMinutes(2));
        await local.Client.ListPortfoliosAsync();

        Assert.Equal(1, afterFiftyFourMinutes);
        Assert.Equal(2, local.Bureau.Authentications);
    }

    [Fact]
    public async Task No_token_reaches_the_logs()
    {
        await using var local = await LocalBureauForClient.StartAsync();

        await local.Client.ListPortfoliosAsync();
        await local.Client.GetCreditReportAsync("DE-X-HRB100001");

        Assert.NotEmpty(local.Logs.Lines);
        Assert.DoesNotContain(local.Logs.Lines, line => line.Contains("eyJ", StringComparison.Ordinal) || line.Contains(local.Server.Options.Password, StringComparison.Ordinal));
    }
}
