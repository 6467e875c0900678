using CreditOS.Solution.Tests.Support;
using CreditOS.Solution.Validation;

namespace CreditOS.Solution.Tests.Validation;

/// <summary>
/// The validator holds src/ to the shapes of Microsoft's solution schema. Each test puts back one fault the packed
/// solution once had (issue 16) and expects the validator to name it.
/// </summary>
public sealed class SchemaShapeTests
{
    private const string Profiles = "src/Other/FieldSecurityProfiles.xml";
    private const string SalesRep = "src/Roles/creditOS Sales Rep.xml";
    private const string App = "src/AppModules/cos_creditOS/AppModule.xml";
    private const string ApprovalRequest = "src/Entities/cos_creditapprovalrequest/Entity.xml";

    [Fact]
    public void FieldPermission_WrittenAsAttributes_IsReported()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf(Profiles), """
                  <FieldPermission>
                    <EntityName>account</EntityName>
                    <AttributeName>cos_riskscore</AttributeName>
                    <CanRead>4</CanRead>
                    <CanUpdate>0</CanUpdate>
                    <CanCreate>0</CanCreate>
                    <CanReadUnmasked>0</CanReadUnmasked>
                  </FieldPermission>
            """, """
                  <FieldPermission entityname="account" attributelogicalname="cos_riskscore" canread="4" cancreate="0" canupdate="0" canreadunmasked="0" />
            """);

        var problems = Messages(copy);

        Assert.Contains(problems, p => p.Contains("<FieldPermission> has attribute 'entityname', which the schema does not allow (its values are child elements).", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("<FieldPermission> has no <AttributeName>, which the schema requires.", StringComparison.Ordinal));
    }

    [Fact]
    public void FieldPermission_WithChildrenOutOfOrder_IsReported()
    {
        using var copy = new SolutionCopy();
        copy.Replace(
            copy.PathOf(Profiles),
            "read an order's credit outcome to answer the channel.\">\n    <FieldPermissions>\n      <FieldPermission>\n        <EntityName>salesorder</EntityName>\n        <AttributeName>cos_creditstatus</AttributeName>\n        <CanRead>4</CanRead>\n        <CanUpdate>0</CanUpdate>",
            "read an order's credit outcome to answer the channel.\">\n    <FieldPermissions>\n      <FieldPermission>\n        <EntityName>salesorder</EntityName>\n        <AttributeName>cos_creditstatus</AttributeName>\n        <CanUpdate>0</CanUpdate>\n        <CanRead>4</CanRead>");

        var problem = SingleProblem(copy);

        Assert.Contains("<FieldPermission> 'cos_creditstatus' has <CanRead> after <CanUpdate>; the schema's order is EntityName, AttributeName, CanRead, CanUpdate, CanCreate.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_WithDescriptions_IsReported()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf(SalesRep), "  <RolePrivileges>", """
              <Descriptions>
                <Description description="Reads credit status." languagecode="1033" />
              </Descriptions>
              <RolePrivileges>
            """);

        var problem = SingleProblem(copy);

        Assert.Contains("creditOS Sales Rep.xml", problem, StringComparison.Ordinal);
        Assert.Contains("<Role> 'creditOS Sales Rep' has <Descriptions>, which the schema does not allow there.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Workflow_WithTriggerListAfterPrimaryEntity_IsReported()
    {
        using var copy = new SolutionCopy();
        var definition = copy.Find("src/Workflows", "EvaluateCreditThresholds-*.xaml.data.xml");
        copy.Replace(definition, "\n  <TriggerOnUpdateAttributeList>cos_exposure,creditlimit,cos_overdueamount</TriggerOnUpdateAttributeList>", string.Empty);
        copy.Replace(definition, "<PrimaryEntity>account</PrimaryEntity>", "<PrimaryEntity>account</PrimaryEntity>\n  <TriggerOnUpdateAttributeList>cos_exposure,creditlimit,cos_overdueamount</TriggerOnUpdateAttributeList>");

        var problem = SingleProblem(copy);

        Assert.Contains("<Workflow> 'creditOS: Evaluate credit thresholds' has <TriggerOnUpdateAttributeList> after <PrimaryEntity>", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AppModule_WithoutIconWebResource_IsReported()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf(App), "  <WebResourceId>672db015-b8fe-5e41-8637-c2ef8498484f</WebResourceId>\n", string.Empty);

        var problem = SingleProblem(copy);

        Assert.Contains("<AppModule> 'cos_creditOS' has no <WebResourceId>, which the schema requires.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AppModule_WhoseIconIsNotInTheSolution_IsReported()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf(App), "<WebResourceId>672db015-b8fe-5e41-8637-c2ef8498484f</WebResourceId>", "<WebResourceId>953b9fac-1e5e-e611-80d6-00155ded156f</WebResourceId>");

        var problem = SingleProblem(copy);

        Assert.Contains("the app's icon <WebResourceId> 953b9fac-1e5e-e611-80d6-00155ded156f is not a web resource of the solution", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_WithIsValidForQueue_IsReported()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf(ApprovalRequest), "      <IsActivity>0</IsActivity>\n", "      <IsActivity>0</IsActivity>\n      <IsValidForQueue>1</IsValidForQueue>\n");

        var problem = SingleProblem(copy);

        Assert.Contains("<entity> 'cos_CreditApprovalRequest' has <IsValidForQueue>, which the schema does not allow there.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Skeleton_WithSectionOutOfOrder_IsReported()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf("src/Other/Customizations.xml"), "  <EntityDataProviders />\n", "  <EntityDataProviders />\n  <WebResources />\n");

        var problem = SingleProblem(copy);

        Assert.Contains("<ImportExportXml> has <WebResources> after <EntityDataProviders>", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void StandardColumnSecured_OnTableTheSolutionDoesNotCarry_IsReported()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf("standard-tables/contact/Entity.xml"), "<LogicalName>emailaddress1</LogicalName>", "<LogicalName>emailaddress1</LogicalName>\n          <IsSecured>1</IsSecured>");

        var problem = SingleProblem(copy);

        Assert.Contains("declares secured columns, but the solution does not carry table 'contact'", problem, StringComparison.Ordinal);
    }

    private static List<string> Messages(SolutionCopy copy) => [.. SolutionValidator.Validate(copy.Files).Select(p => p.ToString())];

    private static string SingleProblem(SolutionCopy copy) => Assert.Single(Messages(copy));
}
