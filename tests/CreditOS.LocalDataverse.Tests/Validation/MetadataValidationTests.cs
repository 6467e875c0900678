using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Validation;

public sealed class MetadataValidationTests
{
    [Fact]
    public void Create_UnknownTable_FailsWithMetadataCacheMessage()
    {
        using var env = TestEnvironment.Create();

        var fault = FaultAssert.Throws(DataverseErrorCodes.QueryBuilderNoEntity, () => env.Service.Create(new Entity("cos_nosuchtable")));

        Assert.Contains("'cos_nosuchtable'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownColumn_FailsNamingTableAndColumn()
    {
        using var env = TestEnvironment.Create();
        var account = Rows.Account("Contoso");
        account["cos_nosuchcolumn"] = "x";

        var fault = FaultAssert.Throws(DataverseErrorCodes.QueryBuilderNoAttribute, () => env.Service.Create(account));

        Assert.Equal("'account' entity doesn't contain attribute with Name = 'cos_nosuchcolumn' and NameMapping = 'Logical'.", fault.Message);
    }

    [Fact]
    public void Create_DecimalWhereMoneyIsRequired_Fails()
    {
        using var env = TestEnvironment.Create();
        var account = Rows.Account("Contoso");
        account["creditlimit"] = 100m;

        var fault = FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => env.Service.Create(account));

        Assert.StartsWith("Incorrect attribute value type System.Decimal", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_IntWhereOptionSetValueIsRequired_Fails()
    {
        using var env = TestEnvironment.Create();
        var account = Rows.Account("Contoso");
        account["industrycode"] = 1;

        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => env.Service.Create(account));
    }

    [Fact]
    public void Create_LookupToTableItCannotTarget_Fails()
    {
        using var env = TestEnvironment.Create();
        var contact = env.Service.Create(Rows.Contact("Smith"));
        var account = Rows.Account("Contoso");
        account["parentaccountid"] = new EntityReference("contact", contact);

        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => env.Service.Create(account));
    }

    [Fact]
    public void Create_LookupToMissingRow_FailsAsNotFound()
    {
        using var env = TestEnvironment.Create();
        var account = Rows.Account("Contoso");
        account["parentaccountid"] = new EntityReference("account", Guid.NewGuid());

        FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => env.Service.Create(account));
    }

    [Fact]
    public void Create_OptionValueNotInTheChoice_FailsAsOutOfRange()
    {
        using var env = TestEnvironment.Create();
        var account = Rows.Account("Contoso");
        account["industrycode"] = new OptionSetValue(99);

        var fault = FaultAssert.Throws(DataverseErrorCodes.ValueOutOfRange, () => env.Service.Create(account));

        Assert.Equal("A validation error occurred. The value 99 of 'industrycode' on record of type 'account' is outside the valid range.", fault.Message);
    }

    [Fact]
    public void Create_StringOverMaxLength_Fails()
    {
        using var env = TestEnvironment.Create();

        var fault = FaultAssert.Throws(DataverseErrorCodes.StringLengthTooLong, () => env.Service.Create(Rows.Account(new string('x', 161))));

        Assert.Equal("A validation error occurred. The length of the 'name' attribute of the 'account' entity exceeded the maximum allowed length of '160'.", fault.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void Create_IntegerOutOfRange_Fails(int employees)
    {
        using var env = TestEnvironment.Create();
        var account = Rows.Account("Contoso");
        account["numberofemployees"] = employees;

        FaultAssert.Throws(DataverseErrorCodes.ValueOutOfRange, () => env.Service.Create(account));
    }

    [Fact]
    public void Create_MoneyOutOfRange_Fails()
    {
        using var env = TestEnvironment.Create();

        FaultAssert.Throws(DataverseErrorCodes.ValueOutOfRange, () => env.Service.Create(Rows.Account("Contoso", -5m)));
    }

    [Fact]
    public void Create_SystemRequiredColumnMissing_Fails()
    {
        using var env = TestEnvironment.Create();

        var fault = FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => env.Service.Create(new Entity("contact") { ["lastname"] = "Smith" }));

        Assert.Contains("'cos_code'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BusinessRequiredColumnMissing_IsAccepted_BecauseOnlyFormsEnforceIt()
    {
        using var env = TestEnvironment.Create();

        var id = env.Service.Create(Rows.Account("No external id"));

        Assert.False(env.Service.Get("account", id, "cos_externalid").Contains("cos_externalid"));
    }

    [Fact]
    public void Update_SystemRequiredColumnToNull_Fails()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Contact("Smith"));

        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => env.Service.Update(new Entity("contact", id) { ["cos_code"] = null }));
    }

    [Fact]
    public void Create_LocalDateTime_IsStoredInUtc()
    {
        using var env = TestEnvironment.Create();
        var local = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Local);
        var account = Rows.Account("Contoso");
        account["cos_reviewdate"] = local;

        var id = env.Service.Create(account);

        var stored = env.Service.Get("account", id, "cos_reviewdate").GetAttributeValue<DateTime>("cos_reviewdate");
        Assert.Equal(DateTimeKind.Utc, stored.Kind);
        Assert.Equal(local.ToUniversalTime(), stored);
    }

    [Fact]
    public void Create_WithInvalidValue_LeavesNothingWritten()
    {
        using var env = TestEnvironment.Create();
        var account = Rows.Account("Contoso");
        account["industrycode"] = new OptionSetValue(99);

        Assert.ThrowsAny<Exception>(() => env.Service.Create(account));

        Assert.Equal(0, env.Dataverse.Count("account"));
    }
}
