using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Policies;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Suspension;

/// <summary>The account's waiver columns (written when Finance lifts a suspension) to and from the engine's <see cref="SuspensionWaiver"/>.</summary>
public static class SuspensionWaiverColumns
{
    public static readonly string[] Columns =
    [
        Account.Fields.SuspensionLiftedOn, Account.Fields.WaivedJudgments, Account.Fields.WaivedPrivileges, Account.Fields.WaivedRating, Account.Fields.WaivedSolvency,
    ];

    /// <summary>The waiver in force, or null when Finance never lifted a suspension on the account.</summary>
    public static SuspensionWaiver? Read(Entity account) =>
        account.GetAttributeValue<DateTime?>(Account.Fields.SuspensionLiftedOn) is null
            ? null
            : new SuspensionWaiver(
                account.GetAttributeValue<int?>(Account.Fields.WaivedJudgments) ?? 0,
                account.GetAttributeValue<int?>(Account.Fields.WaivedPrivileges) ?? 0,
                account.GetAttributeValue<int?>(Account.Fields.WaivedRating) is int rating and >= (int)BureauRating.A and <= (int)BureauRating.E ? (BureauRating)rating : BureauRating.A,
                account.GetAttributeValue<int?>(Account.Fields.WaivedSolvency) ?? CreditOS.CreditEngine.History.BureauReport.MaxSolvencyScore);

    public static void Write(Entity update, SuspensionWaiver waiver, DateTime liftedOn)
    {
        update[Account.Fields.SuspensionLiftedOn] = liftedOn;
        update[Account.Fields.WaivedJudgments] = waiver.Judgments;
        update[Account.Fields.WaivedPrivileges] = waiver.Privileges;
        update[Account.Fields.WaivedRating] = (int)waiver.Rating;
        update[Account.Fields.WaivedSolvency] = waiver.SolvencyScore;
    }
}
