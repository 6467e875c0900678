using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Solution.Security;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "Boolean attributes can be secured for create and update operations but not for read" (Dataverse "Field security tables",
/// developer/data-platform/field-security-entities; today's "Column-level security with code": "Some columns might only be
/// secured for one or two of the three operations", read from AttributeMetadata.CanBeSecuredForRead). A secured yes/no column is
/// read by everyone who reads the row, its writes stay secured, and a profile granting its read is refused with
/// AttributePermissionIsInvalid 0x8004F50E ("Permission '{0}' for field '{1}' with id={2} is invalid because '{3}' is false.").
/// Before session 20 the local Dataverse hid secured yes/no columns from readers without a profile.
/// </summary>
public sealed class YesNoFieldSecurityProbes
{
    [Fact]
    public void ASecuredYesNoColumn_IsReadByAUserWithoutAProfile()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();
        var noProfile = env.AUser("Fred Finance").WithRole(SolutionRoles.FinanceApprover).Create();
        var account = env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["creditonhold"] = true, ["creditlimit"] = new Money(50_000m) });

        var row = env.As(noProfile).Retrieve("account", account, new ColumnSet("creditonhold", "creditlimit"));

        Assert.True(row.GetAttributeValue<bool>("creditonhold"));
        Assert.False(row.Contains("creditlimit"));
    }

    [Fact]
    public void AConditionOnASecuredYesNoColumn_SeesItsValue()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();
        var noProfile = env.AUser("Fred Finance").WithRole(SolutionRoles.FinanceApprover).Create();
        env.Service.Create(new Entity("account") { ["name"] = "Held", ["creditonhold"] = true });
        env.Service.Create(new Entity("account") { ["name"] = "Free", ["creditonhold"] = false });
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("creditonhold", ConditionOperator.Equal, true);

        Assert.Equal("Held", env.As(noProfile).RetrieveMultiple(query).Entities.Single().GetAttributeValue<string>("name"));
    }

    [Fact]
    public void AnUpdateOfASecuredYesNoColumn_WithoutAProfile_IsStillRefused()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();
        var account = env.As(FixedIds.SalesRep).Create(new Entity("account") { ["name"] = "Contoso" });

        FaultAssert.Throws(
            DataverseErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate,
            () => env.As(FixedIds.SalesRep).Update(new Entity("account", account) { ["creditonhold"] = true }));
    }

    [Fact]
    public void AProfileGrantingReadOfAYesNoColumn_IsRefusedAsAnImportWouldBe()
    {
        var profile = new FieldSecurityProfileDefinition(Guid.NewGuid(), "Hold Readers", [new FieldPermissionDefinition("account", "creditonhold", CanRead: true, CanCreate: false, CanUpdate: false)]);

        var fault = FaultAssert.Throws(DataverseErrorCodes.AttributePermissionIsInvalid, () => Build(profile));

        Assert.StartsWith($"Permission 'CanRead' for field 'creditonhold' with id={profile.Id:D} is invalid because 'CanBeSecuredForRead' is false.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AProfileGrantingCreateAndUpdateOfAYesNoColumn_IsAccepted()
    {
        var profile = new FieldSecurityProfileDefinition(Guid.NewGuid(), "Hold Writers", [new FieldPermissionDefinition("account", "creditonhold", CanRead: false, CanCreate: true, CanUpdate: true)]);

        using var dataverse = Build(profile);

        Assert.NotEqual(Guid.Empty, dataverse.OrganizationId);
    }

    private static LocalDataverse Build(FieldSecurityProfileDefinition profile) =>
        new(new LocalDataverseOptions { Security = new SecurityDefinitions([], [profile]) });
}
