using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// The credit groups an account belongs to, nearest first: every account in its ancestry line (itself included) that
/// holds a group limit. The credit record's read already joined the parent, so an account whose parent sits at the top
/// of its hierarchy costs no call; a deeper one costs one query with the hierarchical <c>above</c> operator, which
/// Dataverse answers along <c>parentaccountid</c> (it refuses loops when the parent is written, so the line ends).
/// </summary>
public static class CreditGroups
{
    /// <returns>The groups, nearest first; <paramref name="calls"/> the organization-service calls made (0 or 1).</returns>
    public static IReadOnlyList<CreditGroupMembership> Of(IOrganizationService service, CorporateHierarchyLine line, out int calls)
    {
        if (!line.ReachesAboveParent)
        {
            calls = 0;
            return line.JoinedGroups();
        }

        calls = 1;
        var fetch = new System.Xml.Linq.XElement(
            "fetch",
            new System.Xml.Linq.XElement(
                "entity",
                new System.Xml.Linq.XAttribute("name", Account.EntityLogicalName),
                Attribute(Account.Fields.AccountId),
                Attribute(Account.Fields.Name),
                Attribute(Account.Fields.GroupLimit),
                Attribute(Account.Fields.ParentAccountId),
                FetchXml.Filter(FetchXml.Condition(Account.Fields.AccountId, "above", line.AccountId))));
        var ancestors = service.RetrieveMultiple(new FetchExpression(fetch.ToString(System.Xml.Linq.SaveOptions.DisableFormatting))).Entities
            .ToDictionary(row => row.Id);

        var groups = new List<CreditGroupMembership>();
        if (line.OwnGroupLimit is { } own)
        {
            groups.Add(new CreditGroupMembership(line.AccountId, line.AccountName, own));
        }

        // Walk the line from the parent up, so the groups come nearest first whatever order the query returned.
        for (var next = line.ParentId; next is { } id && ancestors.TryGetValue(id, out var ancestor); next = ancestor.GetAttributeValue<EntityReference>(Account.Fields.ParentAccountId)?.Id)
        {
            if (ancestor.GetAttributeValue<Money>(Account.Fields.GroupLimit) is { } limit)
            {
                groups.Add(new CreditGroupMembership(id, ancestor.GetAttributeValue<string>(Account.Fields.Name) ?? id.ToString(), limit.Value));
            }
        }

        return groups;
    }

    private static System.Xml.Linq.XElement Attribute(string column) => new("attribute", new System.Xml.Linq.XAttribute("name", column));
}
