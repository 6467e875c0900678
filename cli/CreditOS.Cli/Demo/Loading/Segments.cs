using CreditOS.Dataverse.Model;

namespace CreditOS.Cli.Demo.Loading;

/// <summary>
/// How the generated portfolio's segments land on the account's standard industry code and creditOS customer group,
/// and how the industry reads back as the segment the KPIs are reported by.
/// </summary>
internal static class Segments
{
    /// <summary>The industry a customer created by hand in the story belongs to.</summary>
    public const string DefaultIndustry = "Manufacturing";

    private static readonly Dictionary<string, AccountIndustry> IndustryByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Manufacturing"] = AccountIndustry.DurableManufacturing,
        ["Wholesale"] = AccountIndustry.Wholesale,
        ["Construction"] = AccountIndustry.SpecialOutboundTradeContractors,
        ["Retail"] = AccountIndustry.NonDurableMerchandiseRetail,
        ["Healthcare"] = AccountIndustry.DoctorSOfficesAndClinics,
    };

    private static readonly Dictionary<string, CustomerGroup> GroupByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Key"] = CustomerGroup.KeyAccount,
        ["Regular"] = CustomerGroup.MidMarket,
        ["Small"] = CustomerGroup.SmallBusiness,
    };

    public static AccountIndustry Industry(string industryVertical) =>
        IndustryByName.TryGetValue(industryVertical, out var code)
            ? code
            : throw new DemoException("The generated industry '" + industryVertical + "' has no account industry code.");

    public static CustomerGroup Group(string customerGroup) =>
        GroupByName.TryGetValue(customerGroup, out var group)
            ? group
            : throw new DemoException("The generated customer group '" + customerGroup + "' has no creditOS customer group.");

    /// <summary>The industry vertical name of an account's industry code (the segment KPIs are reported by).</summary>
    public static string IndustryName(int? industryCode) =>
        IndustryByName.FirstOrDefault(pair => (int)pair.Value == industryCode).Key ?? "Unassigned";
}
