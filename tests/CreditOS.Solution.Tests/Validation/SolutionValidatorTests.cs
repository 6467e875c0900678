using CreditOS.Solution.Files;
using CreditOS.Solution.Tests.Support;
using CreditOS.Solution.Validation;

namespace CreditOS.Solution.Tests.Validation;

public sealed class SolutionValidatorTests
{
    [Fact]
    public void RepositorySolution_HasNoProblems()
    {
        var problems = SolutionValidator.Validate(new EmbeddedSolutionFileSource());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void View_WithUnknownColumn_IsReported()
    {
        using var copy = new SolutionCopy();
        var view = Directory.GetFiles(copy.PathOf("src/Entities/account/SavedQueries")).Single(f => File.ReadAllText(f).Contains("Suspended accounts", StringComparison.Ordinal));
        var problem = SingleProblemAfter(copy, view, "<attribute name=\"cos_suspensionreason\" />", "<attribute name=\"cos_suspensionnote\" />");

        Assert.Contains(Path.GetFileName(view), problem.File, StringComparison.Ordinal);
        Assert.Contains("'cos_suspensionnote', which table 'account' does not have", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ViewLayout_WithUnknownColumn_IsReported()
    {
        using var copy = new SolutionCopy();
        var view = OnlyFileIn(copy, "src/Entities/cos_creditalert/SavedQueries");
        var problem = SingleProblemAfter(copy, view, "<cell name=\"cos_threshold\"", "<cell name=\"cos_thresholdcrossed\"");

        Assert.Contains("layout column 'cos_thresholdcrossed'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormControl_BoundToUnknownColumn_IsReported()
    {
        using var copy = new SolutionCopy();
        var form = OnlyFileIn(copy, "src/Entities/salesorder/FormXml/main");
        var problem = SingleProblemAfter(copy, form, "datafieldname=\"cos_holdreason\"", "datafieldname=\"cos_holdreasons\"");

        Assert.Contains("binds to column 'cos_holdreasons', which table 'salesorder' does not have", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_OnUnknownTable_IsReported()
    {
        using var copy = new SolutionCopy();
        var problem = SingleProblemAfter(copy, copy.PathOf("src/Roles/creditOS Sales Rep.xml"), "prvReadcos_CreditTier", "prvReadcos_CreditBand");

        Assert.Contains("unknown table 'cos_CreditBand'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SiteMap_ShowingUnknownTable_IsReported()
    {
        using var copy = new SolutionCopy();
        var problem = SingleProblemAfter(copy, copy.PathOf("src/AppModuleSiteMaps/cos_creditOS/AppModuleSiteMap.xml"), "Entity=\"cos_creditalert\"", "Entity=\"cos_creditwarning\"");

        Assert.Contains("unknown table 'cos_creditwarning'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EntityFolder_NotListedInTheManifest_IsReported()
    {
        using var copy = new SolutionCopy();
        var problem = SingleProblemAfter(copy, copy.PathOf("src/Other/Solution.xml"), "<RootComponent type=\"1\" schemaName=\"cos_creditalert\" behavior=\"0\" />", string.Empty);

        Assert.Contains("'cos_creditalert' exists in src/ but is not listed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedForm_IsReportedAsNotWellFormed()
    {
        using var copy = new SolutionCopy();
        var form = OnlyFileIn(copy, "src/Entities/salesorder/FormXml/main");
        copy.Replace(form, "</forms>", "</form>");

        var problems = SolutionValidator.Validate(copy.Files);

        var problem = Assert.Single(problems, p => p.File.EndsWith(Path.GetFileName(form), StringComparison.Ordinal));
        Assert.Contains("not well-formed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationData_WithUnknownColumn_IsReported()
    {
        using var copy = new SolutionCopy();
        var problem = SingleProblemAfter(copy, copy.PathOf("data/data.xml"), "name=\"cos_dueinhours\"", "name=\"cos_duehours\"");

        Assert.Contains("'cos_duehours' is not a column of 'cos_approvalrouting'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubGrid_OnUnknownRelationship_IsReported()
    {
        using var copy = new SolutionCopy();
        var form = OnlyFileIn(copy, "src/Entities/account/FormXml/main");
        var problem = SingleProblemAfter(copy, form, "<RelationshipName>cos_account_cos_creditscorehistory_accountid</RelationshipName>", "<RelationshipName>cos_account_scores</RelationshipName>");

        Assert.Contains("unknown relationship 'cos_account_scores'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldPermission_OnColumnThatIsNotSecured_IsReported()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf("src/Other/FieldSecurityProfiles.xml"), "<AttributeName>cos_riskscore</AttributeName>", "<AttributeName>cos_customergroup</AttributeName>");

        var problems = SolutionValidator.Validate(copy.Files);

        Assert.Contains(problems, p => p.Message.Contains("'account.cos_customergroup', which is not a secured column", StringComparison.Ordinal));
    }

    /// <summary>Makes one edit to the copy and returns the one problem the validator must then report.</summary>
    private static SolutionProblem SingleProblemAfter(SolutionCopy copy, string file, string find, string replace)
    {
        copy.Replace(file, find, replace);
        return Assert.Single(SolutionValidator.Validate(copy.Files));
    }

    private static string OnlyFileIn(SolutionCopy copy, string folder) => Directory.GetFiles(copy.PathOf(folder)).Single();
}
