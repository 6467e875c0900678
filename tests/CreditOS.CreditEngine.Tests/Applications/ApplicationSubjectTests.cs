using CreditOS.CreditEngine.Applications;
using Xunit;

namespace CreditOS.CreditEngine.Tests.Applications;

/// <summary>Controls round 9: an application is a new customer's; an account with a bureau report on file is refused with the report's figures.</summary>
public sealed class ApplicationSubjectTests
{
    [Fact]
    public void AnAccountWithoutAReportOnFile_MayBeTheSubject()
    {
        Assert.Null(ApplicationSubject.Refusal("Northwind Traders Ltd", "Northwind Traders Ltd", reportOnFile: null, isSuspended: false));
    }

    [Fact]
    public void AnAccountWithAReportOnFile_IsRefused_WithTheReportsFiguresAndTheSuspension()
    {
        var onFile = new ApplicationSubject.ReportOnFile(new DateTime(2026, 1, 5), "C", 35, 1);

        var suspended = ApplicationSubject.Refusal("Litware Inc", "Litware Inc", onFile, isSuspended: true);
        var notSuspended = ApplicationSubject.Refusal("Litware Inc", "Litware Inc", onFile, isSuspended: false);

        Assert.Equal(
            "Credit application 'Litware Inc' names Litware Inc, which already has a bureau report on file (dated 2026-01-05: rating C, solvency 35, 1 judgment(s); the account is suspended). ",
            suspended![..suspended!.IndexOf("An application", StringComparison.Ordinal)]);
        Assert.Contains("(dated 2026-01-05: rating C, solvency 35, 1 judgment(s)). ", notSuspended, StringComparison.Ordinal);
        Assert.Contains("Ask for a different limit from the account's Credit tab", notSuspended, StringComparison.Ordinal);
    }
}
