using CreditOS.CreditEngine.Applications;
using Xunit;
using Identity = CreditOS.CreditEngine.Applications.ApplicationSubject.CompanyIdentity;

namespace CreditOS.CreditEngine.Tests.Applications;

/// <summary>Controls round 13 (session 20): an application for a company that is already another account is refused, naming that customer's figures.</summary>
public sealed class ExistingCustomerTests
{
    private static readonly Identity Existing = new("GB-04712345", "GB", "GB123456789", "GB-CS-0471");

    [Fact]
    public void TheCompanyTheBureauMatched_DecidesFirst_WhateverTheNumbersTyped()
    {
        // Stated as the application (or the bureau's answer) gives it, trimmed.
        Assert.Equal("bureau company gb-cs-0471", ApplicationSubject.SameCompanyBy(new Identity("gb 04712345", "GB", null, " gb-cs-0471 "), Existing));
    }

    [Fact]
    public void TheRegistrationNumber_MatchesInTheSameCountry_OrWhenTheAccountHasNoCountry()
    {
        Assert.Equal("registration number gb-04712345 in gb", ApplicationSubject.SameCompanyBy(new Identity(" gb-04712345", "gb", null, null), Existing));
        Assert.NotNull(ApplicationSubject.SameCompanyBy(new Identity("GB-04712345", "GB", null, null), Existing with { Country = null }));
        Assert.Null(ApplicationSubject.SameCompanyBy(new Identity("GB-04712345", "IE", null, null), Existing with { VatNumber = null }));
    }

    [Fact]
    public void TheVatNumber_Matches_AndNothingMatchesOnEmptyValues()
    {
        Assert.Equal("VAT number GB123456789", ApplicationSubject.SameCompanyBy(new Identity("GB-99999999", "GB", "GB123456789", null), Existing));
        Assert.Null(ApplicationSubject.SameCompanyBy(new Identity(null, null, " ", null), new Identity(null, null, " ", null)));
        Assert.Null(ApplicationSubject.SameCompanyBy(new Identity("GB-05550001", "GB", "GB555000111", "GB-CS-0555"), Existing));
    }

    [Fact]
    public void TheRefusal_NamesTheCustomer_WithItsLimitExposureAndOverdue_AndSaysWhenItIsSuspendedOrInactive()
    {
        var customer = new ApplicationSubject.ExistingCustomer("Northwind Traders", "50,000.00", "42,000.00", "30,000.00", IsSuspended: false, IsInactive: false);

        var refusal = ApplicationSubject.ExistingCustomerRefusal("Northwind Traders Ltd", "Northwind Traders Ltd", "registration number GB-04712345 in GB", customer);
        var inactive = ApplicationSubject.ExistingCustomerRefusal("N", "N", "VAT number GB123456789", customer with { IsSuspended = true, IsInactive = true });

        Assert.StartsWith(
            "Credit application 'Northwind Traders Ltd' names Northwind Traders Ltd, but the company it applies for (registration number GB-04712345 in GB) is already the customer "
            + "Northwind Traders (credit limit 50,000.00, exposure 42,000.00, overdue 30,000.00). ",
            refusal,
            StringComparison.Ordinal);
        Assert.EndsWith("Order on the account of Northwind Traders and ask for a different limit from its Credit tab (Finance decides it).", refusal, StringComparison.Ordinal);
        Assert.Contains("overdue 30,000.00; suspended; inactive). ", inactive, StringComparison.Ordinal);
        Assert.EndsWith("(Finance decides it); an inactive customer is reactivated first.", inactive, StringComparison.Ordinal);
        Assert.Null(ApplicationSubject.ExistingCustomerRefusal("N", "N", matchedBy: null, customer));
    }

    /// <summary>Controls round 17 (session 24): a report on file is the company's when its id is the company id, alone or with the report's date.</summary>
    [Theory]
    [InlineData("GB-CS-0999", "GB-CS-0999-20261020", true)]
    [InlineData("GB-CS-0999", "gb-cs-0999", true)]
    [InlineData(" GB-CS-0999 ", "GB-CS-0999-20261020", true)]
    [InlineData("GB-CS-0999", "GB-CS-0999-7-20261020", false)]
    [InlineData("GB-CS-0999", "GB-CS-09990-20261020", false)]
    [InlineData("GB-CS-0999", "GB-CS-0999-2026102", false)]
    [InlineData(null, "GB-CS-0999-20261020", false)]
    [InlineData("GB-CS-0999", null, false)]
    public void AReportOnFile_IsTheCompanysByItsId(string? companyId, string? reportId, bool same) =>
        Assert.Equal(same, ApplicationSubject.SameCompanyByReport(companyId, reportId) is not null);

    [Fact]
    public void AReportOnFile_SaysWhichReportIdentifiedTheCompany() =>
        Assert.Equal(
            "bureau company GB-CS-0999, whose bureau report GB-CS-0999-20261020 is on file for that customer",
            ApplicationSubject.SameCompanyByReport("GB-CS-0999", "GB-CS-0999-20261020"));
}
