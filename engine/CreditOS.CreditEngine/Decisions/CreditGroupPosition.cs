namespace CreditOS.CreditEngine.Decisions;

/// <summary>
/// The credit group an order's customer belongs to: a parent account holding a group limit shared by itself and its
/// subsidiaries. <see cref="ExposureBeforeOrder"/> is every member's exposure in the group's currency (the customer's
/// own exposure before the order included); members kept in another currency cannot be added and are counted in
/// <see cref="MembersInOtherCurrencies"/>.
/// </summary>
public sealed record CreditGroupPosition(string GroupName, decimal GroupLimit, decimal ExposureBeforeOrder, int MembersInOtherCurrencies = 0)
{
    public void Validate()
    {
        Require.NotNegative(GroupLimit, "The group limit");
        Require.NotNegative(ExposureBeforeOrder, "The group exposure");
        if (MembersInOtherCurrencies < 0)
        {
            throw new CreditInputException("The number of group members in other currencies must not be negative.");
        }
    }
}
